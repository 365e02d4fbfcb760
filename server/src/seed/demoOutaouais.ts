import * as Y from 'yjs';
import { boardDocName, newObjective, newPartner, proposalFieldsDocName, proposalMaps } from '@cocon/shared';
import type { Database } from '../db/mongo.js';
import type { CollabService } from '../collab/collabService.js';
import type { ProposalService } from '../proposals/proposalService.js';
import type { PlanService } from '../plan/planService.js';
import { systemSession } from '../auth/sessions.js';
import type { DemoBody } from './demoBody.js';

/**
 * A second demo body, drawn from the Outaouais portrait of the Tour du Québec 2014-2015
 * (shared/seeds/tour-du-quebec-2014-2015.txt): the CRÉO's social development and health table,
 * whose territories are the Ville de Gatineau beside the four MRC of the Outaouais. Its
 * communities, forum and ideas come from the portrait's intentions; one proposal about Moisson
 * Outaouais is adopted into its plan.
 */

export const OUTAOUAIS_ORG_ID = 'org-outaouais';
export const OUTAOUAIS_JOIN_CODE = 'OUTAOUAIS';
const FACILITATOR = { userId: 'user-outaouais-animation', name: 'Animation — CRÉO' };

/** The portrait's intentions, as plan themes in the style of the Horizon plan. */
export const OUTAOUAIS_THEMES = [
  'SÉCURITÉ ALIMENTAIRE',
  'LOGEMENT ET ITINÉRANCE',
  'PETITE ENFANCE',
  'ACCUEIL ET INTÉGRATION DES PERSONNES IMMIGRANTES',
  'ÉGALITÉ ENTRE LES FEMMES ET LES HOMMES',
  'CONDITIONS DE VIE DES PERSONNES AÎNÉES',
  'SAINES HABITUDES DE VIE',
];

const COMMUNITIES = [
  {
    id: 'outaouais-cdp-securite-alimentaire',
    name: 'Sécurité alimentaire, logement et itinérance',
    themes: ['SÉCURITÉ ALIMENTAIRE', 'LOGEMENT ET ITINÉRANCE'],
  },
  {
    id: 'outaouais-cdp-petite-enfance',
    name: 'Petite enfance et familles',
    themes: ['PETITE ENFANCE', 'SAINES HABITUDES DE VIE'],
  },
  {
    id: 'outaouais-cdp-terre-accueil',
    name: 'Outaouais, terre d’accueil',
    themes: ['ACCUEIL ET INTÉGRATION DES PERSONNES IMMIGRANTES'],
  },
];

const FOOD_BOARD = 'board-outaouais-securite-alimentaire';
const FOOD_COMMUNITY = 'outaouais-cdp-securite-alimentaire';
export const OUTAOUAIS_PLAN_TITLE = 'Plan d’action de l’Outaouais pour la solidarité et l’inclusion sociale';

export const OUTAOUAIS: DemoBody = {
  organization: {
    id: OUTAOUAIS_ORG_ID,
    slug: 'outaouais',
    name: 'CRÉO — Mode de vie : développement social et santé',
    region: 'Outaouais',
    themes: OUTAOUAIS_THEMES,
  },
  territories: [
    { id: 'outaouais-ville-gatineau', name: 'Ville de Gatineau', kind: 'ville' },
    { id: 'outaouais-mrc-collines', name: 'Les Collines-de-l’Outaouais', kind: 'mrc' },
    { id: 'outaouais-mrc-vallee-de-la-gatineau', name: 'La Vallée-de-la-Gatineau', kind: 'mrc' },
    { id: 'outaouais-mrc-papineau', name: 'Papineau', kind: 'mrc' },
    { id: 'outaouais-mrc-pontiac', name: 'Pontiac', kind: 'mrc' },
  ],
  communities: COMMUNITIES,
  accounts: [
    { userId: 'user-outaouais-admin', email: 'admin@outaouais.demo', name: 'Admin Outaouais', role: 'admin' },
    {
      userId: FACILITATOR.userId,
      email: 'animation@outaouais.demo',
      name: FACILITATOR.name,
      role: 'facilitator',
    },
    {
      userId: 'user-outaouais-securite-alimentaire',
      email: 'securite-alimentaire@outaouais.demo',
      name: 'Membre — Sécurité alimentaire (Outaouais)',
      role: 'member',
      communityId: 'outaouais-cdp-securite-alimentaire',
    },
    {
      userId: 'user-outaouais-petite-enfance',
      email: 'petite-enfance@outaouais.demo',
      name: 'Membre — Petite enfance (Outaouais)',
      role: 'member',
      communityId: 'outaouais-cdp-petite-enfance',
    },
    {
      userId: 'user-outaouais-terre-accueil',
      email: 'terre-accueil@outaouais.demo',
      name: 'Membre — Terre d’accueil (Outaouais)',
      role: 'member',
      communityId: 'outaouais-cdp-terre-accueil',
    },
  ],
  forum: {
    id: 'forum-outaouais-terre-accueil',
    title: 'Forum Outaouais terre d’accueil et d’opportunités',
    description:
      'Partenaires du développement de l’Outaouais : vos priorités pour la sécurité alimentaire, la petite enfance et l’accueil des personnes immigrantes, à Gatineau et dans les quatre MRC.',
    joinCode: OUTAOUAIS_JOIN_CODE,
  },
  boards: [
    {
      id: FOOD_BOARD,
      title: 'Sécurité alimentaire, logement et itinérance',
      communityId: FOOD_COMMUNITY,
      ideas: [
        'Consolider Moisson Outaouais, qui approvisionne 25 organismes communautaires de la région',
        'Soutenir les projets issus des plans d’action locaux de Gatineau et des quatre MRC',
      ],
    },
    {
      id: 'board-outaouais-terre-accueil',
      title: 'Outaouais, terre d’accueil',
      communityId: 'outaouais-cdp-terre-accueil',
      ideas: [
        'Une ressource à temps plein dans chaque MRC pour coordonner l’accueil des nouveaux résidents',
        'Un plan d’accueil, d’intégration et de rétention des jeunes et des personnes immigrantes adapté à chaque territoire',
      ],
    },
  ],
  facilitator: FACILITATOR,
};

/**
 * The Outaouais plan, and one proposal promoted from the food-security board, submitted and
 * adopted into it. Once: does nothing when the proposal exists.
 */
export async function seedOutaouaisWork(
  db: Database,
  app: { collab: CollabService; proposals: ProposalService; plans: PlanService },
): Promise<void> {
  if ((await db.proposals.countDocuments({ communityId: FOOD_COMMUNITY })) > 0) return;
  const facilitator = systemSession({
    userId: FACILITATOR.userId,
    displayName: FACILITATOR.name,
    role: 'facilitator',
    organizationId: OUTAOUAIS_ORG_ID,
  });
  const year = new Date().getFullYear();
  const plan =
    (await db.plans.findOne({ organizationId: OUTAOUAIS_ORG_ID, title: OUTAOUAIS_PLAN_TITLE })) ??
    (await app.plans.create(facilitator, {
      title: OUTAOUAIS_PLAN_TITLE,
      periodFrom: year,
      periodTo: year + 1,
    }));

  const ideaIds = await app.collab.withDocument(boardDocName(FOOD_BOARD), (m) => [
    ...m.doc.getMap('ideas').keys(),
  ]);
  const proposal = await app.proposals.create(facilitator, {
    communityId: FOOD_COMMUNITY,
    title: 'Consolider Moisson Outaouais et son réseau d’organismes',
    theme: 'SÉCURITÉ ALIMENTAIRE',
    ...(ideaIds.length > 0 ? { source: { boardId: FOOD_BOARD, ideaIds: ideaIds.slice(0, 1) } } : {}),
  });
  await app.collab.withDocument(proposalFieldsDocName(proposal._id), async (managed) => {
    const { fields, objectives, partners } = proposalMaps(managed.doc);
    managed.doc.transact(() => {
      (fields.get('generalObjective') as Y.Text).insert(
        0,
        'Améliorer la sécurité alimentaire dans l’ensemble de l’Outaouais en consolidant le principal fournisseur de denrées de la région',
      );
      (fields.get('leadOrganization') as Y.Text).insert(0, 'Moisson Outaouais');
      const territories = fields.get('territories') as Y.Map<true>;
      for (const t of OUTAOUAIS.territories) territories.set(t.id, true);
      objectives.push([
        newObjective({
          text: 'Approvisionner le réseau des organismes communautaires de toute la région',
          actions: [
            {
              text: 'Soutenir trois projets régionaux de Moisson Outaouais',
              timeline: `${year}-${year + 1}`,
              indicators: [
                { kind: 'quantitative', target: 25, unit: 'organismes communautaires approvisionnés' },
              ],
            },
          ],
        }),
      ]);
      partners.push([newPartner({ name: 'Ville de Gatineau et les quatre MRC de l’Outaouais' })]);
    });
    await managed.flush();
  });
  await app.proposals.transition(facilitator, proposal._id, 'submit', '');
  await app.proposals.transition(facilitator, proposal._id, 'adopt', '', plan._id);
}
