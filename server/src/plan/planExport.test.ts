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
    expect(row.startsWith(`a,,"'=HYPERLINK(""https://example.org"",""Cliquez"")"`)).toBe(true);
    for (const cell of ["'+Objectif", "'-Réduire", "'@Agir", "'=cmd|calc"])
      expect(row).toContain(`,${cell},`);
    expect(row).toContain(',-500,');
  });
});

describe('the plan CSV as open data', () => {
  const action = plan.themes[0]!.objectives[0]!.actions[0]!;
  const indicator = (id: string, value: number | null) => ({
    id,
    kind: 'quantitative' as const,
    text: `${id} rencontres`,
    target: 4,
    unit: 'rencontres',
    measurements: value === null ? [] : [{ id: `m-${id}`, date: '2026-03-01', value, note: '' }],
    notes: [{ id: `n-${id}`, date: '2026-03-02', text: 'Bonne participation' }],
    progress: value === null ? null : value / 4,
  });
  const measured: PlanView = {
    ...plan,
    themes: [
      {
        ...plan.themes[0]!,
        title: 'SÉCURITÉ ALIMENTAIRE',
        objectives: [
          {
            ...plan.themes[0]!.objectives[0]!,
            actions: [
              {
                ...action,
                budget: 12500.5,
                progress: 0.375,
                milestones: [{ id: 'j', date: '2026-06-01', label: 'Lancement', done: true }],
                indicators: [indicator('i1', 3), indicator('i2', 0)],
              },
            ],
          },
        ],
      },
    ],
  };
  const rows = (csv: string, separator: string) =>
    csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .map((line) => line.split(separator));

  it('gives each row its ids, numbers as numbers, and an action’s budget once', () => {
    const [header, first, second] = rows(
      planToCsv(measured, { territories: new Map(), communities: new Map() }),
      ',',
    );
    const cell = (row: string[] | undefined, name: string) => row?.[header!.indexOf(name)];
    expect(cell(first, 'id_action')).toBe('a');
    expect([cell(first, 'id_indicateur'), cell(second, 'id_indicateur')]).toEqual(['i1', 'i2']);
    // Summing the column gives the plan's budget: the action's is on its first row only.
    expect([
      cell(first, 'budget de l’action en $ (sur sa première ligne)'),
      cell(second, 'budget de l’action en $ (sur sa première ligne)'),
    ]).toEqual(['12500.5', '']);
    expect(cell(first, 'avancement de l’action (%)')).toBe('37.5');
    expect([
      cell(first, 'avancement de l’indicateur (%)'),
      cell(second, 'avancement de l’indicateur (%)'),
    ]).toEqual(['75', '0']);
    expect(cell(first, 'jalons')).toBe('2026-06-01 Lancement (atteint)');
    expect(cell(first, 'notes')).toBe('2026-03-02 Bonne participation');
  });

  it('writes semicolons and decimal commas for French-locale spreadsheets', () => {
    const [header, first] = rows(
      planToCsv(measured, { territories: new Map(), communities: new Map() }, 'semicolon'),
      ';',
    );
    expect(header).toContain('id_action');
    expect(first?.[header!.indexOf('budget de l’action en $ (sur sa première ligne)')]).toBe('12500,5');
    expect(first?.[header!.indexOf('avancement de l’action (%)')]).toBe('37,5');
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
