import * as Y from 'yjs';
import { newBudgetLine, newObjective, proposalFieldsDocName, proposalMaps } from '@cocon/shared';
import type { Database } from '../db/mongo.js';
import type { CollabService } from '../collab/collabService.js';
import type { ProposalService } from '../proposals/proposalService.js';
import type { PlanService } from '../plan/planService.js';
import type { FundService } from '../fund/fundService.js';
import { systemSession } from '../auth/sessions.js';

/**
 * Demo data for the consolidated fund of Concertation Horizon (`organizationId`): three partner
 * organizations with their representatives (accounts with the role 'partner', made in demo.ts),
 * three adopted proposals asking for money over two years (rolled up into the plan), a
 * five-year fund with an earmark, an envelope and an MRC floor, and an open consultation round.
 * Idempotent: does nothing once the demo fund exists.
 */

const PARTNERS = [
  { id: 'partner-centraide', name: 'Centraide Sud-Ouest', perYear: 100_000_00 },
  { id: 'partner-sante-publique', name: 'Direction de santé publique de la Montérégie', perYear: 80_000_00 },
  { id: 'partner-fondation', name: 'Fondation communautaire du Suroît', perYear: 50_000_00 },
];

export const DEMO_REPRESENTATIVES = [
  { email: 'centraide@horizon.demo', name: 'Léa — Centraide', partnerId: 'partner-centraide' },
  { email: 'centraide-2@horizon.demo', name: 'Marc — Centraide', partnerId: 'partner-centraide' },
  {
    email: 'sante-publique@horizon.demo',
    name: 'Nadia — Santé publique',
    partnerId: 'partner-sante-publique',
  },
  { email: 'partenaire@horizon.demo', name: 'Partenaire régional', partnerId: 'partner-fondation' },
];

interface DemoProject {
  communityId: string;
  title: string;
  themeOf: (themes: string[]) => string;
  territories: string[];
  action: string;
  lines: { label: string; amount: number; year: number; cofinancing?: number }[];
}

const pick = (wanted: string) => (themes: string[]) => themes.find((t) => t.includes(wanted)) ?? wanted;

const PROJECTS: DemoProject[] = [
  {
    communityId: 'cdp-transport-collectif',
    title: 'Navette rurale du samedi',
    themeOf: pick('TRANSPORT'),
    territories: ['mrc-haut-saint-laurent', 'mrc-jardins-de-napierville'],
    action: 'Offrir une navette rurale le samedi entre les villages et les pôles de services',
    lines: [
      { label: 'Exploitation de la navette (année 1)', amount: 60_000, year: 2026, cofinancing: 10_000 },
      { label: 'Exploitation de la navette (année 2)', amount: 60_000, year: 2027, cofinancing: 10_000 },
    ],
  },
  {
    communityId: 'cdp-logement',
    title: 'Portrait annuel des besoins en logement abordable',
    themeOf: pick('LOGEMENT'),
    territories: ['mrc-roussillon', 'mrc-vaudreuil-soulanges'],
    action: 'Publier chaque année un portrait des besoins en logement abordable par MRC',
    lines: [
      { label: 'Collecte et analyse des données', amount: 30_000, year: 2026 },
      { label: 'Mise à jour et diffusion', amount: 15_000, year: 2027 },
    ],
  },
  {
    communityId: 'cdp-reussite-educative',
    title: 'Ateliers parents-enfants en bibliothèque',
    themeOf: pick('RÉUSSITE'),
    territories: ['mrc-beauharnois-salaberry'],
    action: 'Animer des ateliers parents-enfants dans les bibliothèques municipales',
    lines: [{ label: 'Animation et matériel', amount: 40_000, year: 2027 }],
  },
];

export async function seedDemoFund(
  db: Database,
  app: { collab: CollabService; proposals: ProposalService; plans: PlanService; funds: FundService },
  organizationId: string,
  themes: string[],
): Promise<void> {
  for (const p of PARTNERS) {
    await db.partners.updateOne(
      { _id: p.id },
      { $set: { organizationId, name: p.name }, $setOnInsert: { createdAt: new Date() } },
      { upsert: true },
    );
  }
  for (const r of DEMO_REPRESENTATIVES) {
    const user = await db.users.findOne({ email: r.email }, { projection: { _id: 1 } });
    if (user)
      await db.orgMembers.updateOne(
        { _id: `${organizationId}:${user._id}` },
        { $set: { partnerId: r.partnerId } },
      );
  }
  // Once per database: a fund of this body (or one from before organisations) means it is done.
  const existing = await db.funds.countDocuments({
    $or: [{ organizationId }, { organizationId: { $exists: false } }],
  });
  if (existing > 0) return;

  const facilitator = systemSession({
    userId: 'user-animation',
    displayName: 'Équipe d’animation',
    role: 'facilitator',
    organizationId,
  });
  const projectIds: string[] = [];
  for (const project of PROJECTS) {
    const proposal = await app.proposals.create(facilitator, {
      communityId: project.communityId,
      title: project.title,
      theme: project.themeOf(themes),
    });
    await app.collab.withDocument(proposalFieldsDocName(proposal._id), async (managed) => {
      const { fields, objectives, budget } = proposalMaps(managed.doc);
      managed.doc.transact(() => {
        (fields.get('leadOrganization') as Y.Text).insert(0, 'Concertation Horizon');
        const territories = fields.get('territories') as Y.Map<true>;
        for (const id of project.territories) territories.set(id, true);
        objectives.push([
          newObjective({
            text: project.title,
            actions: [{ text: project.action, timeline: '2026-2027', indicators: [] }],
          }),
        ]);
        budget.push(
          project.lines.map((line) =>
            newBudgetLine({
              label: line.label,
              amountRequested: line.amount,
              year: line.year,
              cofinancing: line.cofinancing ? [{ source: 'Municipalités', amount: line.cofinancing }] : [],
            }),
          ),
        );
      });
      await managed.flush();
    });
    await app.proposals.transition(facilitator, proposal._id, 'submit', '');
    await app.proposals.transition(facilitator, proposal._id, 'adopt', '');
    projectIds.push(proposal._id);
  }

  // Adoption rolled the projects up into the plan of the current year: the fund belongs to it.
  const planId = (await db.planItems.findOne({ proposalId: projectIds[0]!, kind: 'action' }))?.planId;
  if (!planId) return;
  const startYear = 2026;
  const transport = pick('TRANSPORT')(themes);
  const fund = await app.funds.saveSettings(facilitator, planId, {
    title: 'Fonds régional consolidé 2026-2030',
    startYear,
    years: 5,
    contributions: PARTNERS.flatMap((p) =>
      Array.from({ length: 5 }, (_, i) => ({
        id: `${p.id}-${startYear + i}`,
        partnerId: p.id,
        year: startYear + i,
        amountCents: p.perYear,
        // The foundation's first year is for the Haut-Saint-Laurent.
        earmarkTheme: null,
        earmarkMrc: p.id === 'partner-fondation' && i === 0 ? 'mrc-haut-saint-laurent' : null,
      })),
    ),
    themeEnvelopes: [{ theme: transport, amountCents: 300_000_00 }],
    mrcFloors: [{ mrcId: 'mrc-beauharnois-salaberry', amountCents: 15_000_00 }],
  });
  await app.funds.openRound(facilitator, fund.id, {
    title: 'Consultation 2026 — premiers projets',
    budgetCents: 150_000_00,
    projectIds,
    rules: {
      method: 'points',
      pointsPerPartner: 100,
      minPerProjectCents: 10_000_00,
      maxPerProjectCents: 90_000_00,
      applyMrcFloors: true,
    },
  });
}
