import { describe, expect, it } from 'vitest';
import type { ProposalFieldsView } from '@cocon/shared';
import { diffFields, diffText } from './proposalDiff.js';

const base: ProposalFieldsView = {
  title: 'Frigos',
  theme: 'SÉCURITÉ ALIMENTAIRE',
  generalObjective: '',
  leadOrganization: 'CDC',
  territories: ['mrc-a'],
  objectives: [
    {
      id: 'o1',
      text: 'Réduire',
      actions: [{ id: 'a1', text: 'Installer', timeline: '2026', parsedTimeline: null, indicators: [] }],
    },
  ],
  partners: [],
  budget: [],
};

describe('proposal version diff', () => {
  it('lists exactly the changed fields', () => {
    const after: ProposalFieldsView = {
      ...base,
      title: 'Frigos communautaires',
      objectives: [
        { ...base.objectives[0]!, actions: [{ ...base.objectives[0]!.actions[0]!, timeline: '2026-2027' }] },
      ],
    };
    expect(diffFields(base, after)).toEqual([
      { path: 'title', change: 'changed', before: 'Frigos', after: 'Frigos communautaires' },
      { path: 'objectives.o1.actions.a1.timeline', change: 'changed', before: '2026', after: '2026-2027' },
    ]);
  });

  it('reports added and removed items by id, and nothing for equal versions', () => {
    expect(diffFields(base, base)).toEqual([]);
    const after = { ...base, partners: [{ id: 'p1', name: 'Ville' }], objectives: [] };
    const changes = diffFields(base, after);
    expect(changes.filter((c) => c.change === 'added').map((c) => c.path)).toEqual(['partners.p1.name']);
    expect(changes.filter((c) => c.change === 'removed').map((c) => c.path)).toContain('objectives.o1.text');
  });

  it('diffs rich text word by word', () => {
    const changes = diffText(
      { context: 'Un frigo', description: 'x' },
      { context: 'Un grand frigo', description: 'x' },
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]!.segments.filter((s) => s.kind === 'added').map((s) => s.text.trim())).toEqual([
      'grand',
    ]);
  });
});
