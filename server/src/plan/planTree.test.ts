import { describe, expect, it } from 'vitest';
import type { ProposalFieldsView } from '@cocon/shared';
import type { PlanItemDoc } from '../db/mongo.js';
import { rollUpChanges, type RollUpChanges } from './planTree.js';

const fields = (objectives: ProposalFieldsView['objectives']): ProposalFieldsView => ({
  title: 'Frigos',
  theme: 'SÉCURITÉ ALIMENTAIRE',
  generalObjective: '',
  leadOrganization: '',
  territories: ['t-1'],
  objectives,
  partners: [],
  budget: [{ id: 'b', label: 'Achat', amountRequested: 1000, year: null, cofinancing: [] }],
});
const action = (
  id: string,
  text: string,
  indicators: ProposalFieldsView['objectives'][0]['actions'][0]['indicators'] = [],
) => ({
  id,
  text,
  timeline: '2026',
  parsedTimeline: null,
  indicators,
});

let counter = 0;
const rollUp = (existing: PlanItemDoc[], f: ProposalFieldsView) =>
  rollUpChanges({
    planId: 'plan',
    themeId: 'theme',
    proposalId: 'p',
    communityId: 'c',
    fields: f,
    existing,
    firstOrder: 3,
    newId: () => `new-${++counter}`,
    now: new Date(0),
  });
/** The plan's items after the changes, as the store writes them. */
const apply = (items: PlanItemDoc[], changes: RollUpChanges): PlanItemDoc[] =>
  [...items, ...changes.inserts]
    .filter((i) => !changes.removals.includes(i._id))
    .map((i) => ({ ...i, ...changes.updates.find((u) => u.id === i._id)?.set }));

describe('rolling an adopted proposal up into the plan', () => {
  const first = fields([
    {
      id: 'o',
      text: 'Réduire le gaspillage',
      actions: [
        action('a', 'Installer des frigos', [
          { id: 'i', kind: 'quantitative', target: 5, unit: 'frigos', statement: '' },
        ]),
        action('b', 'Action abandonnée'),
      ],
    },
  ]);

  it('inserts every objective, action and indicator under the theme, keyed by the proposal’s ids', () => {
    const changes = rollUp([], first);
    expect(changes.updates).toEqual([]);
    expect(changes.removals).toEqual([]);
    expect(changes.inserts.map((i) => [i.kind, i.sourceKey, i.order])).toEqual([
      ['objective', 'proposal:p:o', 3],
      ['action', 'proposal:p:a', 1],
      ['indicator', 'proposal:p:i', 1],
      ['action', 'proposal:p:b', 2],
    ]);
    const [objective, a, indicator] = changes.inserts;
    expect(objective).toMatchObject({ parentId: 'theme', planId: 'plan', proposalId: 'p' });
    expect(a).toMatchObject({ parentId: objective!._id, budget: 500, territoryIds: ['t-1'], milestones: [] });
    expect(indicator).toMatchObject({ parentId: a!._id, text: '5 frigos', target: 5, measurements: [] });
  });

  it('keeps what the plan set on a staying item, follows the proposal’s text, removes and adds items', () => {
    const planned = apply([], rollUp([], first)).map((i) =>
      i.sourceKey === 'proposal:p:a'
        ? {
            ...i,
            status: 'in_progress' as const,
            budget: 800,
            milestones: [{ id: 'm', date: '2026-05-01', label: 'Un', done: true }],
          }
        : i.sourceKey === 'proposal:p:i'
          ? { ...i, measurements: [{ id: 'x', date: '2026-06-01', value: 2, note: '' }] }
          : i,
    );
    const second = fields([
      {
        id: 'o',
        text: 'Réduire le gaspillage',
        actions: [
          action('c', 'Former des bénévoles'),
          action('a', 'Installer des frigos communautaires', [
            { id: 'i', kind: 'quantitative', target: 8, unit: 'frigos', statement: '' },
          ]),
        ],
      },
    ]);
    const changes = rollUp(planned, second);
    const byKey = (items: PlanItemDoc[], id: string) => items.find((i) => i.sourceKey === `proposal:p:${id}`);
    expect(changes.removals).toEqual([byKey(planned, 'b')!._id]);
    expect(changes.inserts.map((i) => i.sourceKey)).toEqual(['proposal:p:c']);
    const after = apply(planned, changes);
    expect(byKey(after, 'a')).toEqual({
      ...byKey(planned, 'a'),
      text: 'Installer des frigos communautaires',
      order: 2,
    });
    expect(byKey(after, 'i')).toEqual({ ...byKey(planned, 'i'), text: '8 frigos', target: 8 });
    expect(byKey(after, 'c')).toMatchObject({ order: 1, parentId: byKey(planned, 'o')!._id });
    // Nothing left to do the second time.
    expect(rollUp(after, second)).toEqual({ inserts: [], updates: [], removals: [] });
  });

  it('removes duplicates and unkeyed items of the proposal left by an older roll-up', () => {
    const once = apply([], rollUp([], first));
    const duplicate = { ...once[1]!, _id: 'dup' };
    const unkeyed = { ...once[3]!, _id: 'old', sourceKey: null };
    const changes = rollUp([...once, duplicate, unkeyed], first);
    expect(changes.removals.sort()).toEqual(['dup', 'old']);
    expect(changes.inserts).toEqual([]);
    expect(changes.updates).toEqual([]);
  });
});
