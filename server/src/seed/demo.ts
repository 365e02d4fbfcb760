import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { boardDocName } from '@cocon/shared';
import type { Database } from '../db/mongo.js';
import type { CollabService } from '../collab/collabService.js';
import type { ProposalService } from '../proposals/proposalService.js';
import { systemSession } from '../auth/sessions.js';
import * as Y from 'yjs';
import { newObjective, newPartner, newBudgetLine, proposalFieldsDocName, proposalMaps } from '@cocon/shared';
import type { Logger } from '../util/logger.js';
import type { PlanService } from '../plan/planService.js';
import type { FundService } from '../fund/fundService.js';
import { DEMO_REPRESENTATIVES, seedDemoFund } from './demoFund.js';
import {
  accountSummaries,
  seedBody,
  type DemoAccount,
  type DemoAccountSummary,
  type DemoBody,
} from './demoBody.js';
import { OUTAOUAIS, seedOutaouaisWork } from './demoOutaouais.js';

/**
 * Demo data drawn from ../shared/seeds. Concertation Horizon: its five MRCs, its five
 * communities of practice, the themes of its 2026 plan, an open forum with a join code, a
 * proposal and a consolidated fund. A second body, the Outaouais (demoOutaouais.ts), has a city
 * beside its MRCs. Idempotent: fixed ids, upserts, ideas only on empty boards.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_SEEDS_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'seeds');
export const DEMO_JOIN_CODE = 'HORIZON26';
export const ORG_ID = 'org-concertation-horizon';
export const ORG_SLUG = 'concertation-horizon';
const ORG_NAME = 'Concertation Horizon';

const MRCS = [
  'Beauharnois-Salaberry',
  'Haut-Saint-Laurent',
  'Jardins-de-Napierville',
  'Roussillon',
  'Vaudreuil-Soulanges',
];

/**
 * The communities of the press release (forum-ouvert-press-release-2022.txt); the first four
 * carry the plan theme they work on, the 5e élément its own three cross-cutting themes.
 */
export const COMMUNITIES: { id: string; name: string; themes: string[] }[] = [
  { id: 'cdp-securite-alimentaire', name: 'Sécurité alimentaire', themes: ['SÉCURITÉ ALIMENTAIRE'] },
  {
    id: 'cdp-reussite-educative',
    name: 'Réussite éducative et sociale',
    themes: ['RÉUSSITE ÉDUCATIVE ET SOCIALE'],
  },
  { id: 'cdp-transport-collectif', name: 'Transport collectif', themes: ['TRANSPORT'] },
  { id: 'cdp-logement', name: 'Logement social et abordable', themes: ['LOGEMENT'] },
  {
    id: 'cdp-5e-element',
    name: '5e élément : accessibilité, action collective et réduction des inégalités',
    themes: ['ACCESSIBILITÉ', 'ACTION COLLECTIVE', 'RÉDUCTION DES INÉGALITÉS'],
  },
];

const DEMO_IDEAS: Record<string, string[]> = {
  'cdp-securite-alimentaire': [
    'Cartographier les frigos communautaires et les jardins collectifs de chaque MRC',
    'Une rubrique « Les bons coups » dans l’infolettre pour partager les initiatives en SA',
  ],
  'cdp-reussite-educative': ['Des ateliers parents-enfants dans les bibliothèques municipales'],
  'cdp-transport-collectif': [
    'Un répertoire commun des services d’accompagnement en transport médical',
    'Tester un service de navette rurale le samedi dans le Haut-Saint-Laurent',
  ],
  'cdp-logement': ['Un portrait des besoins en logement abordable par MRC, mis à jour chaque année'],
  'cdp-5e-element': ['Rendre tous nos documents accessibles en langage clair'],
};

/**
 * Theme headings of the 2026 plan: the line just before each "⇒ Objectif général", with a
 * "(SUITE)" continuation folded into its theme.
 */
export function themesFromPlan(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const themes: string[] = [];
  lines.forEach((line, i) => {
    if (!/^⇒?\s*Objectif général/i.test(line)) return;
    const heading = (lines[i - 1] ?? '').replace(/\s*\(SUITE\)\s*$/i, '');
    if (heading && !heading.includes('\t') && !themes.includes(heading)) themes.push(heading);
  });
  return themes;
}

const userIdOf = (email: string) => `user-${email.split('@')[0]}`;

export const HORIZON_ACCOUNTS: DemoAccount[] = [
  {
    userId: 'user-admin',
    email: 'admin@horizon.demo',
    name: 'Admin Horizon',
    role: 'admin',
    platformOperator: true,
  },
  {
    userId: 'user-animation',
    email: 'animation@horizon.demo',
    name: 'Équipe d’animation',
    role: 'facilitator',
  },
  ...COMMUNITIES.map((c) => {
    const email = `${c.id.replace(/^cdp-/, '')}@horizon.demo`;
    return {
      userId: userIdOf(email),
      email,
      name: `Membre — ${c.name.split(' :')[0]}`,
      role: 'member' as const,
      communityId: c.id,
    };
  }),
  // A second writer, so two people can co-write the demo proposal.
  {
    userId: 'user-securite-alimentaire-2',
    email: 'securite-alimentaire-2@horizon.demo',
    name: 'Camille — Sécurité alimentaire',
    role: 'member',
    communityId: 'cdp-securite-alimentaire',
  },
  // Representatives of the fund's partners (two for one partner: they share one ballot); in no
  // community, they read and comment proposals (peer feedback). partenaire@ represents the
  // Fondation communautaire du Suroît.
  ...DEMO_REPRESENTATIVES.map((r) => ({
    userId: userIdOf(r.email),
    email: r.email,
    name: r.name,
    role: 'partner' as const,
  })),
];

/** Concertation Horizon as a demo body; `themes` are its plan's (read from the 2026 plan). */
export function horizonBody(themes: string[]): DemoBody {
  return {
    organization: { id: ORG_ID, slug: ORG_SLUG, name: ORG_NAME, region: 'Montérégie-Ouest', themes },
    territories: MRCS.map((name) => ({ id: `mrc-${name.toLowerCase()}`, name, kind: 'mrc' as const })),
    communities: COMMUNITIES,
    accounts: HORIZON_ACCOUNTS,
    forum: {
      id: 'forum-ouvert-2026',
      title: 'Forum ouvert 2026 — Agir ensemble dans l’ouest de la Montérégie',
      description:
        'Partagez vos idées de projets avec les communautés de pratique de Concertation Horizon. Elles nourriront le plan d’action régional intégré.',
      joinCode: DEMO_JOIN_CODE,
    },
    boards: COMMUNITIES.map((c) => ({
      id: `board-${c.id.replace(/^cdp-/, '')}`,
      title: c.name.split(' :')[0] ?? c.name,
      communityId: c.id,
      ideas: DEMO_IDEAS[c.id] ?? [],
    })),
    facilitator: { userId: 'user-animation', name: 'Équipe d’animation' },
  };
}

/** Every demo body, in the order they are seeded (Horizon first: its admin is the operator). */
export function demoBodies(horizonThemes: string[]): DemoBody[] {
  return [horizonBody(horizonThemes), OUTAOUAIS];
}

export interface DemoCredentials {
  password?: string;
  accounts: DemoAccountSummary[];
  joinCodes: DemoJoinCode[];
}

export interface DemoJoinCode {
  /** The organisation's slug. */
  organization: string;
  forum: string;
  joinCode: string;
}

function readCredentials(file: string): Partial<DemoCredentials> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoCredentials>;
  } catch {
    return {};
  }
}

/**
 * The demo password: DEMO_PASSWORD, else the one generated for this installation (kept in
 * data/demo-credentials.json, out of the repository), else a new one.
 */
function demoPassword(file: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const stored = readCredentials(file).password;
  return typeof stored === 'string' && stored.length > 0 ? stored : randomBytes(9).toString('base64url');
}

/**
 * data/demo-credentials.json: every demo account with its organisation and role, the join codes,
 * and the password when it was generated here (one given in DEMO_PASSWORD is not written down).
 * Rewritten only when its content changes.
 */
function writeCredentials(file: string, credentials: DemoCredentials): void {
  const text = `${JSON.stringify(credentials, null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { mode: 0o600 });
}

export function demoJoinCodes(bodies: DemoBody[]): DemoJoinCode[] {
  return bodies.map((b) => ({
    organization: b.organization.slug,
    forum: b.forum.title,
    joinCode: b.forum.joinCode,
  }));
}

export interface DemoSeedResult {
  /** The Horizon forum's join code. */
  joinCode: string;
  /** Every body's forum join code. */
  joinCodes: DemoJoinCode[];
  accounts: DemoAccountSummary[];
  password: string;
}

export async function seedDemo(
  db: Database,
  app: { collab: CollabService; proposals: ProposalService; plans: PlanService; funds: FundService },
  options: { seedsDir?: string; dataDir: string; password?: string; logger: Logger },
): Promise<DemoSeedResult> {
  const { collab, proposals } = app;
  const seedsDir = options.seedsDir ?? DEFAULT_SEEDS_DIR;
  const planFile = path.join(seedsDir, 'concertation-horizon-action-plan-2026.txt');
  const themes = existsSync(planFile) ? themesFromPlan(readFileSync(planFile, 'utf8')) : [];
  if (themes.length === 0)
    options.logger.warn('plan seed not found; demo data has no plan themes', { planFile });

  const credentialsFile = path.join(options.dataDir, 'demo-credentials.json');
  const password = demoPassword(credentialsFile, options.password);
  const bodies = demoBodies(themes);
  for (const body of bodies) await seedBody(db, collab, body, password);

  await seedDemoProposal(db, collab, proposals, themes[0] ?? '');
  await seedDemoFund(db, app, ORG_ID, themes);
  await seedOutaouaisWork(db, app);

  const accounts = bodies.flatMap(accountSummaries);
  const joinCodes = demoJoinCodes(bodies);
  writeCredentials(credentialsFile, {
    ...(options.password ? {} : { password }),
    accounts,
    joinCodes,
  });
  return { joinCode: DEMO_JOIN_CODE, joinCodes, accounts, password };
}

/** One proposal promoted from the food-security board, with its plan fields filled in. */
async function seedDemoProposal(
  db: Database,
  collab: CollabService,
  proposals: ProposalService,
  theme: string,
) {
  if ((await db.proposals.countDocuments({ communityId: 'cdp-securite-alimentaire' })) > 0) return;
  const facilitator = systemSession({
    userId: 'user-animation',
    displayName: 'Équipe d’animation',
    role: 'facilitator',
    organizationId: ORG_ID,
  });
  const boardId = 'board-securite-alimentaire';
  const ideaIds = await collab.withDocument(boardDocName(boardId), (m) => [...m.doc.getMap('ideas').keys()]);
  const proposal = await proposals.create(facilitator, {
    communityId: 'cdp-securite-alimentaire',
    title: 'Réseau régional de frigos communautaires',
    theme,
    ...(ideaIds.length > 0 ? { source: { boardId, ideaIds } } : {}),
  });
  await collab.withDocument(proposalFieldsDocName(proposal._id), async (managed) => {
    const { fields, objectives, partners, budget } = proposalMaps(managed.doc);
    managed.doc.transact(() => {
      (fields.get('generalObjective') as Y.Text).insert(
        0,
        'Favoriser la mobilisation des acteurs autour de la sécurité alimentaire dans les cinq MRC',
      );
      (fields.get('leadOrganization') as Y.Text).insert(0, 'Concertation Horizon');
      const territories = fields.get('territories') as Y.Map<true>;
      for (const id of ['mrc-roussillon', 'mrc-haut-saint-laurent']) territories.set(id, true);
      objectives.push([
        newObjective({
          text: 'Réduire le gaspillage alimentaire dans les milieux de vie',
          actions: [
            {
              text: 'Installer des frigos communautaires dans les municipalités volontaires',
              timeline: 'Hiver 2026',
              indicators: [{ kind: 'quantitative', target: 5, unit: 'frigos installés' }],
            },
            {
              text: 'Animer une rubrique « Les bons coups » dans l’infolettre',
              timeline: 'En continu',
              indicators: [{ kind: 'qualitative', statement: 'Pertinence pour les partenaires' }],
            },
          ],
        }),
      ]);
      partners.push([newPartner({ name: 'Tables locales en sécurité alimentaire' })]);
      budget.push([
        newBudgetLine({
          label: 'Achat et installation des frigos',
          amountRequested: 25000,
          cofinancing: [{ source: 'Municipalités', amount: 5000 }],
        }),
      ]);
    });
    await managed.flush();
  });
}
