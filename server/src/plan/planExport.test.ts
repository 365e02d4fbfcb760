import { describe, expect, it } from 'vitest';
import type { PlanView } from '@cocon/shared';
import { planToCsv } from './planExport.js';
import { frenchSpacing } from './planFormat.js';

const plan: PlanView = {
  id: 'p',
  title: 'Plan',
  periodFrom: 2026,
  periodTo: 2026,
  createdAt: '2026-01-01T00:00:00.000Z',
  progress: null,
  themes: [
    {
      id: 't',
      title: '=HYPERLINK("https://example.org","Cliquez")',
      kind: 'enjeu',
      generalObjective: '+Objectif',
      progress: null,
      objectives: [
        {
          id: 'o',
          text: '-Réduire',
          progress: null,
          actions: [
            {
              id: 'a',
              text: '@Agir',
              timeline: '2026',
              parsedTimeline: null,
              status: 'not_started',
              milestones: [],
              communityIds: [],
              territoryIds: ['mrc'],
              proposalId: null,
              budget: -500,
              weight: 1,
              progress: null,
              indicators: [],
            },
          ],
        },
      ],
    },
  ],
};

describe('the plan CSV export', () => {
  it('keeps text that looks like a formula as text, and numbers as numbers', () => {
    const csv = planToCsv(plan, {
      territories: new Map([['mrc', '=cmd|calc']]),
      communities: new Map(),
    });
    const row = csv.split('\n')[1]!;
    expect(row.startsWith(`"'=HYPERLINK(""https://example.org"",""Cliquez"")"`)).toBe(true);
    for (const cell of ["'+Objectif", "'-Réduire", "'@Agir", "'=cmd|calc"])
      expect(row).toContain(`,${cell},`);
    expect(row).toContain(',-500,');
  });
});

describe('Québec typography in the documents', () => {
  it('turns the space typed before « : » and inside « » into a no-break one, before ; ? ! a narrow one', () => {
    expect(frenchSpacing('Objectif général : « Agir » ; pourquoi ? Allons !')).toBe(
      'Objectif général\u00a0: «\u00a0Agir\u00a0»\u202f; pourquoi\u202f? Allons\u202f!',
    );
    // Adds none where none was typed: times, links, "Orientation 1:".
    expect(frenchSpacing('à 12:30, https://x.org/?a=1 ; Orientation 1: Collaborer')).toBe(
      'à 12:30, https://x.org/?a=1\u202f; Orientation 1: Collaborer',
    );
  });
});
