import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { boardDocName, newId, type AccountRole } from '@cocon/shared';
import type { Database } from '../db/mongo.js';
import type { CollabService } from '../collab/collabService.js';
import { hashPassword } from '../auth/passwords.js';
import { initBoard, postIdea } from '../boards/boardMutations.js';
import type { ProposalService } from '../proposals/proposalService.js';
import { systemSession } from '../auth/sessions.js';
import * as Y from 'yjs';
import { newObjective, newPartner, newBudgetLine, proposalFieldsDocName, proposalMaps } from '@cocon/shared';
import type { Logger } from '../util/logger.js';
import type { PlanService } from '../plan/planService.js';
import type { FundService } from '../fund/fundService.js';
import { DEMO_REPRESENTATIVES, seedDemoFund } from './demoFund.js';

/**
 * Demo data drawn from ../shared/seeds: Concertation Horizon, its five MRCs, its five
 * communities of practice, the themes of its 2026 plan, and an open forum with a join code.
 * Idempotent: fixed ids, upserts, ideas only on empty boards.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_SEEDS_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'seeds');
export const DEMO_JOIN_CODE = 'HORIZON26';
const ORG_ID = 'org-concertation-horizon';

const MRCS = [
  'Beauharnois-Salaberry',
  'Haut-Saint-Laurent',
  'Jardins-de-Napierville',
  'Roussillon',
  'Vaudreuil-Soulanges',
];

const COMMUNITIES: { id: string; name: string; themes: string[] }[] = [
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
    themes: ['SANTÉ MENTALE'],
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

interface DemoAccount {
  email: string;
  name: string;
  role: AccountRole;
  communityId?: string;
}

const ACCOUNTS: DemoAccount[] = [
  { email: 'admin@horizon.demo', name: 'Admin Horizon', role: 'admin' },
  { email: 'animation@horizon.demo', name: 'Équipe d’animation', role: 'facilitator' },
  ...COMMUNITIES.map((c) => ({
    email: `${c.id.replace(/^cdp-/, '')}@horizon.demo`,
    name: `Membre — ${c.name.split(' :')[0]}`,
    role: 'member' as const,
    communityId: c.id,
  })),
  // A second writer, so two people can co-write the demo proposal.
  {
    email: 'securite-alimentaire-2@horizon.demo',
    name: 'Camille — Sécurité alimentaire',
    role: 'member',
    communityId: 'cdp-securite-alimentaire',
  },
  // Signed in but in no community: reads and comments (peer feedback); represents a funder.
  { email: 'partenaire@horizon.demo', name: 'Partenaire régional', role: 'member' },
  // Representatives of the fund's partners (two for one partner: they share one ballot).
  ...DEMO_REPRESENTATIVES.filter((r) => r.email !== 'partenaire@horizon.demo').map((r) => ({
    email: r.email,
    name: r.name,
    role: 'member' as const,
  })),
];

function demoPassword(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  // Generated once per installation and kept out of the repository.
  const file = path.join(dataDir, 'demo-credentials.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { password: string }).password;
  const password = randomBytes(9).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ password }, null, 2), { mode: 0o600 });
  return password;
}

export async function seedDemo(
  db: Database,
  app: { collab: CollabService; proposals: ProposalService; plans: PlanService; funds: FundService },
  options: { seedsDir?: string; dataDir: string; password?: string; logger: Logger },
): Promise<{ joinCode: string; accounts: { email: string; role: AccountRole }[]; password: string }> {
  const { collab, proposals } = app;
  const seedsDir = options.seedsDir ?? DEFAULT_SEEDS_DIR;
  const planFile = path.join(seedsDir, 'concertation-horizon-action-plan-2026.txt');
  const themes = existsSync(planFile) ? themesFromPlan(readFileSync(planFile, 'utf8')) : [];
  if (themes.length === 0)
    options.logger.warn('plan seed not found; demo data has no plan themes', { planFile });

  await db.organizations.updateOne(
    { _id: ORG_ID },
    {
      $set: { name: 'Concertation Horizon', region: 'Montérégie-Ouest', themes },
      $setOnInsert: { createdAt: new Date() },
    },
    { upsert: true },
  );
  for (const name of MRCS) {
    const id = `mrc-${name.toLowerCase()}`;
    await db.territories.updateOne(
      { _id: id },
      { $set: { organizationId: ORG_ID, name, kind: 'mrc' } },
      { upsert: true },
    );
  }
  for (const c of COMMUNITIES) {
    const planThemes = c.themes.filter((t) => themes.length === 0 || themes.includes(t));
    await db.communities.updateOne(
      { _id: c.id },
      { $set: { organizationId: ORG_ID, name: c.name, themes: planThemes } },
      { upsert: true },
    );
  }

  const password = demoPassword(options.dataDir, options.password);
  const passwordHash = await hashPassword(password);
  for (const account of ACCOUNTS) {
    const existing = await db.users.findOne({ email: account.email });
    const userId = existing?._id ?? `user-${account.email.split('@')[0]}`;
    await db.users.updateOne(
      { _id: userId },
      {
        $set: { email: account.email, name: account.name, role: account.role, passwordHash },
        $setOnInsert: { createdAt: new Date() },
      },
      { upsert: true },
    );
    if (account.communityId) {
      await db.memberships.updateOne(
        { userId, communityId: account.communityId },
        { $setOnInsert: { _id: newId(), role: 'member' } },
        { upsert: true },
      );
    }
  }

  const forumId = 'forum-ouvert-2026';
  await db.forums.updateOne(
    { _id: forumId },
    {
      $set: {
        title: 'Forum ouvert 2026 — Agir ensemble dans l’ouest de la Montérégie',
        description:
          'Partagez vos idées de projets avec les communautés de pratique de Concertation Horizon. Elles nourriront le plan d’action régional intégré.',
        joinCode: DEMO_JOIN_CODE,
        organizationId: ORG_ID,
      },
      $setOnInsert: { createdBy: 'user-animation', createdAt: new Date() },
    },
    { upsert: true },
  );
  for (const [index, c] of COMMUNITIES.entries()) {
    const boardId = `board-${c.id.replace(/^cdp-/, '')}`;
    const title = c.name.split(' :')[0] ?? c.name;
    await db.boards.updateOne(
      { _id: boardId },
      {
        $set: { forumId, title, communityId: c.id, order: index + 1 },
        $setOnInsert: { createdAt: new Date() },
      },
      { upsert: true },
    );
    await collab.withDocument(boardDocName(boardId), async (managed) => {
      initBoard(managed.doc, title);
      if (managed.doc.getMap('ideas').size > 0) return;
      const author = { id: 'user-animation', name: 'Équipe d’animation', role: 'facilitator' as const };
      for (const text of DEMO_IDEAS[c.id] ?? []) {
        postIdea(managed.doc, author, { boardId, ideaId: newId(), text, anonymous: false }, Date.now());
      }
      await managed.flush();
    });
  }
  await seedDemoProposal(db, collab, proposals, themes[0] ?? '');
  await seedDemoFund(db, app, themes);
  return {
    joinCode: DEMO_JOIN_CODE,
    accounts: ACCOUNTS.map((a) => ({ email: a.email, role: a.role })),
    password,
  };
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
