import { readFileSync } from 'node:fs';
import type { ImportedAction } from '@cocon/shared';
import { describe, expect, it } from 'vitest';
import { parseMauriciePlan } from './mauricie2017.js';

// The repository is /work/main and the seeds /work/shared/seeds: five levels up from this folder.
const SEED = new URL('../../../../../shared/seeds/mauricie-action-plan-2017-2020.txt', import.meta.url);
const text = readFileSync(SEED, 'utf8');
const plan = parseMauriciePlan(text);

// Expected values are counted from the raw file with simple rules: the document's own numbering.
const lines = text.split('\n');
const cellsOf = (line: number) => (lines[line - 1] ?? '').split('\t');
const linesWhere = (test: (cells: string[]) => boolean) =>
  lines.flatMap((line, index) => (test(line.split('\t')) ? [index + 1] : []));

const objectives = plan.themes.flatMap((theme) => theme.objectives);
const actions: ImportedAction[] = objectives.flatMap((objective) => objective.actions);
const actionOn = (line: number) => actions.find((action) => action.line === line);

describe('parseMauriciePlan on the 2017-2020 seed', () => {
  it('recognizes every line: nothing unrecognized, the summary part skipped', () => {
    expect(plan.unrecognized).toEqual([]);
    expect(plan.format).toBe('mauricie-2017');
    expect(plan.title).toBe("Plan d'action 2017-2020 : Consortium en développement social de la Mauricie");
    const firstOrientation = lines.findIndex((line) => line.startsWith('Orientation 1')) + 1;
    const placed = [...plan.themes, ...objectives, ...actions].map((item) => item.line);
    expect(Math.min(...placed)).toBe(firstOrientation);
  });

  it('keeps a title and skips page-break titles written with a typographic apostrophe', () => {
    const curly = parseMauriciePlan(text.replaceAll("Plan d'action", 'Plan d’action'));
    expect(curly.title).toBe('Plan d’action 2017-2020 : Consortium en développement social de la Mauricie');
    expect(curly.unrecognized).toEqual([]);
    expect(curly.themes).toEqual(plan.themes);
  });

  it('yields one orientation theme per "Orientation N:" line, its statement as general objective', () => {
    const expected = linesWhere(([first = '']) => /^Orientation \d+\s*:/.test(first));
    expect(expected).toHaveLength(4);
    expect(plan.themes.map((theme) => theme.line)).toEqual(expected);
    for (const theme of plan.themes) {
      expect(theme.kind).toBe('orientation');
      expect(theme.title).toBe(cellsOf(theme.line)[0]?.trim());
      expect(theme.title.endsWith(theme.generalObjective)).toBe(true);
    }
  });

  it('yields every specific objective: the "N.N " rows', () => {
    const expected = linesWhere(([first = '']) => /^\d+\.\d+ /.test(first));
    expect(expected.length).toBeGreaterThan(8);
    expect(objectives.map((objective) => objective.line)).toEqual(expected);
  });

  it('yields every moyen as an action: the "N.N.N" cells of the Moyens column', () => {
    const expected = linesWhere(([, moyen = '']) => /^\d+\.\d+\.\d+ /.test(moyen));
    expect(expected.length).toBeGreaterThan(25);
    expect(actions.map((action) => action.line)).toEqual(expected);
  });

  it('places each objective and action where its number says', () => {
    plan.themes.forEach((theme, t) =>
      theme.objectives.forEach((objective, o) => {
        expect(cellsOf(objective.line)[0]?.startsWith(`${t + 1}.${o + 1} `)).toBe(true);
        objective.actions.forEach((action, a) =>
          expect(cellsOf(action.line)[1]?.startsWith(`${t + 1}.${o + 1}.${a + 1} `)).toBe(true),
        );
      }),
    );
  });

  it('yields every résultat attendu as an indicator: one per "N.N.N" marker', () => {
    for (const action of actions) {
      const markers = (cellsOf(action.line)[2] ?? '').match(/\d+\.\d+\.\d+\.? /g) ?? [];
      expect(action.indicators).toHaveLength(markers.length);
    }
    const total = lines.reduce(
      (sum, line) => sum + (line.split('\t')[2]?.match(/\d+\.\d+\.\d+\.? /g)?.length ?? 0),
      0,
    );
    expect(actions.flatMap((action) => action.indicators)).toHaveLength(total);
  });

  it('keeps texts as written, without their numbers', () => {
    for (const action of actions) expect(cellsOf(action.line)[1]).toContain(action.text);
    for (const objective of objectives) expect(cellsOf(objective.line)[0]).toContain(objective.text);
    expect(actionOn(117)?.text).toBe(
      "Organiser 1 fois par année les « Rendez-vous du développement social » à partir de thématique d'actualité (espace d'échange avec des partenaires d'autres secteurs ex. : journée régionale FQIS).",
    );
    expect(actionOn(92)?.indicators[0]?.text.startsWith('Les projets susceptibles de faire rayonner')).toBe(
      true,
    );
    expect(JSON.stringify(plan)).not.toMatch(/"\d+\.\d+/);
  });

  it('reads the "; an N" suffix of a moyen as its timeline', () => {
    const expected = linesWhere(([, moyen = '']) => /; an \d/.test(moyen));
    expect(actions.filter((action) => action.timeline).map((action) => action.line)).toEqual(expected);
    expect(actionOn(79)).toMatchObject({ timeline: 'an 1' });
    expect(actionOn(79)?.text.endsWith('manière de travailler ensemble, etc.)')).toBe(true);
    expect(actionOn(106)?.timeline).toBe('an 1-2');
  });

  it('splits a cell with a repeated marker into two indicators and reads targets', () => {
    expect(
      actionOn(77)?.indicators.map(({ text, kind, target, unit }) => ({ text, kind, target, unit })),
    ).toEqual([
      {
        text: 'Un minimum de 4 rencontres par année a lieu avec les membres du COCO.',
        kind: 'quantitative',
        target: 4,
        unit: 'rencontres',
      },
      {
        text: 'Une rencontre conjointe entre le comité directeur et le COCO est organisée par année.',
        kind: 'qualitative',
        target: null,
        unit: '',
      },
    ]);
  });
});

describe('parseMauriciePlan on broken input', () => {
  it('reports a stray line inside a table and a row with too many cells, with their lines', () => {
    const broken = [...lines];
    broken.splice(79, 0, '\t1.2.9 Moyen glissé\tRésultat\tcellule en trop');
    broken.splice(77, 0, 'Note ajoutée à la main');
    const result = parseMauriciePlan(broken.join('\n'));
    expect(result.unrecognized.map(({ line, text }) => ({ line, text }))).toEqual([
      { line: 78, text: 'Note ajoutée à la main' },
      { line: 81, text: '1.2.9 Moyen glissé\tRésultat\tcellule en trop' },
    ]);
    expect(
      result.themes.flatMap((theme) => theme.objectives.flatMap((objective) => objective.actions)),
    ).toHaveLength(actions.length);
  });

  it('reports a continuation row with no objective above and a row without a moyen', () => {
    const input = [
      'Orientation 1: Agir\t\t',
      'Objectifs spécifiques\tMoyens\tRésultats attendus',
      '\t1.1.1 Orphelin\t1.1.1 Rien',
      '1.1 Objectif\t\t1.1.1 Sans moyen',
      '1.2 Objectif\t1.2.1 Moyen\t1.2.1 Résultat',
    ].join('\n');
    const result = parseMauriciePlan(input);
    expect(result.unrecognized.map((entry) => entry.line)).toEqual([3, 4]);
    expect(result.themes[0]?.objectives.map((objective) => objective.text)).toEqual(['Objectif']);
  });
});
