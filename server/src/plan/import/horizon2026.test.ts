import { readFileSync } from 'node:fs';
import type { ImportedAction, ImportedObjective, ImportedPlan } from '@cocon/shared';
import { describe, expect, it } from 'vitest';
import { parseHorizonPlan } from './horizon2026.js';

// The repository is /work/main and the seeds /work/shared/seeds: five levels up from this folder.
const SEED = new URL(
  '../../../../../shared/seeds/concertation-horizon-action-plan-2026.txt',
  import.meta.url,
);
const text = readFileSync(SEED, 'utf8');
const plan = parseHorizonPlan(text);

// Expected values are counted from the raw file with deliberately simple rules, not the parser's.
const lines = text.split('\n');
const stripTags = (cell: string) => cell.replace(/<[^>]*>/g, ' ');
const plain = (cell: string) => stripTags(cell).replace(/→/g, ' ').replace(/\s+/g, ' ').trim();
const arrowCount = (cell: string) => cell.split('→').length - 1;

/** Data rows: lines with tabs, minus the header rows. */
const rows = lines
  .map((line, index) => ({ line: index + 1, cells: line.split('\t') }))
  .filter(({ cells }) => cells.length > 1 && !(cells[0] ?? '').startsWith('Objectifs spécifiques'));
const cell = (row: { cells: string[] }, column: number) => row.cells[column] ?? '';

const objectives: ImportedObjective[] = plan.themes.flatMap((theme) => theme.objectives);
const actions: ImportedAction[] = objectives.flatMap((objective) => objective.actions);
const actionsOn = (line: number) => actions.filter((action) => action.line === line);
const objectiveOn = (line: number) => objectives.find((objective) => objective.line === line);

function countBy<T>(items: T[], key: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('parseHorizonPlan on the 2026 seed', () => {
  it('recognizes every line: nothing unrecognized, preamble skipped', () => {
    expect(plan.unrecognized).toEqual([]);
    expect(plan.format).toBe('horizon-2026');
    expect(plan.title).toBe("Plan d'action 2026");
  });

  it('yields every theme: the heading above each "⇒ Objectif général", continuations folded', () => {
    const headings = lines.flatMap((line, index) => {
      if (!line.startsWith('⇒')) return [];
      const above = lines.slice(0, index).findLast((previous) => previous.trim() !== '') ?? '';
      return [above.replace(' (SUITE)', '').trim()];
    });
    const titles = [...new Set(headings)];
    expect(titles.length).toBeGreaterThan(5);
    expect(plan.themes.map((theme) => theme.title)).toEqual(titles);
  });

  it('yields every specific objective: the rows with a first and a second cell', () => {
    const expected = rows.filter((row) => plain(cell(row, 0)) && plain(cell(row, 1))).map((row) => row.line);
    expect(expected.length).toBeGreaterThan(25);
    expect(objectives.map((objective) => objective.line)).toEqual(expected);
    for (const line of expected) {
      const written = plain(cell(rows.find((row) => row.line === line) ?? { cells: [] }, 0));
      expect(objectiveOn(line)?.text.endsWith(written)).toBe(true);
    }
  });

  it('yields every action: one per "→" item of the Moyens column (or one per cell without arrows)', () => {
    const expected = new Map(
      rows
        .filter((row) => plain(cell(row, 1)))
        .map((row) => [row.line, Math.max(arrowCount(cell(row, 1)), 1)]),
    );
    const total = [...expected.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(60);
    expect(actions).toHaveLength(total);
    expect(countBy(actions, (action) => action.line)).toEqual(expected);
  });

  it('keeps each action text as written in its Moyens cell (after any lead-in)', () => {
    for (const action of actions) {
      const written = plain(cell(rows.find((row) => row.line === action.line) ?? { cells: [] }, 1));
      const item = action.text.includes(' : ')
        ? action.text.slice(action.text.lastIndexOf(' : ') + 3)
        : action.text;
      expect(written).toContain(item);
    }
  });

  it('yields every indicator: one per "→" item of the Indicateurs column', () => {
    const expected = new Map(
      rows
        .filter((row) => plain(cell(row, 2)))
        .map((row) => [row.line, Math.max(arrowCount(cell(row, 2)), 1)]),
    );
    const distinct = new Set(
      actions.flatMap((action) =>
        action.indicators.map((indicator) => `${indicator.line}\t${indicator.text}`),
      ),
    );
    expect(distinct.size).toBe([...expected.values()].reduce((sum, count) => sum + count, 0));
    expect(countBy([...distinct], (key) => Number(key.split('\t')[0]))).toEqual(expected);
    for (const action of actionsOn(21)) expect(action.indicators.length).toBeGreaterThan(0);
  });

  it('yields every timeline: each action of a row with an Échéancier has one, with its words', () => {
    const withTimeline = rows.filter((row) => plain(cell(row, 3)));
    expect(withTimeline.length).toBeGreaterThan(50);
    for (const row of rows.filter((row) => plain(cell(row, 1)))) {
      const onLine = actionsOn(row.line);
      const words = plain(cell(row, 3)).split(' ').filter(Boolean);
      if (words.length === 0) expect(onLine.every((action) => action.timeline === '')).toBe(true);
      else expect(onLine.every((action) => action.timeline !== '')).toBe(true);
      const written = onLine.map((action) => action.timeline).join(' ');
      for (const word of words) expect(written).toContain(word);
    }
    const timelineLines = new Set(actions.filter((action) => action.timeline).map((action) => action.line));
    expect(timelineLines).toEqual(new Set(withTimeline.map((row) => row.line)));
  });

  it('keeps texts as written, accents included, with no HTML or arrows left', () => {
    const json = JSON.stringify(plan);
    expect(json).not.toContain('<');
    expect(json).not.toContain('→');
    expect(json).not.toContain('⇒');
    expect(objectiveOn(21)?.text).toBe(
      'Créer des boîtes à outils avec les données à jour pour les tables de concertation locales en sécurité alimentaire',
    );
    expect(plan.themes.slice(0, 5).map((theme) => theme.title)).toEqual([
      'SÉCURITÉ ALIMENTAIRE',
      'TRANSPORT',
      'RÉUSSITE ÉDUCATIVE ET SOCIALE',
      'LOGEMENT',
      'SANTÉ MENTALE',
    ]);
    expect(plan.themes[4]?.generalObjective).toBe(
      "Définir le champ d'action de Concertation Horizon dans l'écosystème des acteurs en santé mentale dans l'ouest de la Montérégie",
    );
    expect(actionsOn(22)[0]?.text).toBe(
      "Extraction et diffusion des renseignements contenus dans le document « État des connaissances SAT » : pour l'ouest de la Montérégie et les territoires de MRC",
    );
    expect(objectiveOn(144)?.text).toBe(
      'Représentations : Renforcer les liens de collaboration avec les partenaires régionaux',
    );
  });

  it('gives enjeux and visées their kind from the section they are in', () => {
    const visees = lines.findIndex((line) => line.trim() === 'Visées transversales') + 1;
    for (const theme of plan.themes) expect(theme.kind).toBe(theme.line < visees ? 'enjeu' : 'visee');
  });

  it('merges "VIE ASSOCIATIVE (SUITE)" into VIE ASSOCIATIVE', () => {
    const vie = plan.themes.filter((theme) => theme.title.startsWith('VIE ASSOCIATIVE'));
    expect(vie).toHaveLength(1);
    const suite = lines.indexOf('VIE ASSOCIATIVE (SUITE)') + 1;
    expect(vie[0]?.line).toBeLessThan(suite);
    const objectiveLines = vie[0]?.objectives.map((objective) => objective.line) ?? [];
    expect(objectiveLines.some((line) => line < suite) && objectiveLines.some((line) => line > suite)).toBe(
      true,
    );
  });

  it('merges the repeated ACCESSIBILITÉ DES SERVICES heading, keeping the first general objective', () => {
    const accessibility = plan.themes.filter((theme) => theme.title.startsWith('ACCESSIBILITÉ DES SERVICES'));
    expect(accessibility).toHaveLength(1);
    expect(accessibility[0]?.generalObjective).toContain('acteurs-trices');
    expect(accessibility[0]?.objectives.map((objective) => objective.line)).toEqual([79, 80, 82, 90, 92]);
  });

  it('keeps group labels as a prefix of the objectives they introduce, not as objectives', () => {
    const labels = rows.filter((row) => plain(cell(row, 0)) && !row.cells.slice(1).some(plain));
    expect(labels.map((row) => row.line)).toEqual([133, 135, 137]);
    for (const label of labels) expect(objectiveOn(label.line)).toBeUndefined();
    expect(objectiveOn(134)?.text).toBe(
      "Communication d'influence : Créer et mobiliser des savoirs en communication d'influence",
    );
    expect(objectiveOn(138)?.text.startsWith("Communication et circulation de l'information : ")).toBe(true);
    expect(objectiveOn(146)?.text.startsWith('Représentations : ')).toBe(true);
  });

  it('pairs actions with timelines and indicators only where the timeline cell lists one per action', () => {
    const [launch, diffusion] = actionsOn(138);
    expect(launch).toMatchObject({ text: 'Lancement du nouveau site web', timeline: 'Hiver 2026' });
    expect(launch?.indicators.map((indicator) => indicator.text)).toEqual([
      'Nouveau site à jour et accessible',
    ]);
    expect(diffusion?.timeline).toBe('En continu');
    expect(diffusion?.indicators).toEqual([
      {
        text: 'Publication de 10 Infolettres',
        kind: 'quantitative',
        target: 10,
        unit: 'Infolettres',
        line: 138,
      },
    ]);
    expect(actionsOn(79).map((action) => action.timeline)).toEqual(['En continu', '2026']);
    for (const action of actionsOn(25)) {
      expect(action.timeline).toBe('2026-2027');
      expect(action.indicators.map((indicator) => indicator.text)).toEqual([
        'Équipe CH',
        'Table des partenaires',
        'CDP Sécurité alimentaire',
      ]);
    }
    expect(actionsOn(140)[0]?.timeline).toBe('Une rencontre; En continu pour les rencontres individuelles');
  });

  it('carries lead-ins ("… afin de :") into the items they introduce', () => {
    expect(actionsOn(32).map((action) => action.text)).toEqual([
      'En collaboration avec les acteurs locaux : Soutenir la diffusion des ressources et services en accompagnement en transport médical dans les territoires',
      'En collaboration avec les acteurs locaux : Au besoin, facilitation de rencontres entre les acteurs en transport médical',
    ]);
    expect(actionsOn(124).map((action) => action.text)).toContain('Rencontres avec différents publics : CDC');
  });

  it('reads quantitative indicators', () => {
    const indicators = actions.flatMap((action) => action.indicators);
    const find = (text: string) => indicators.find((indicator) => indicator.text === text);
    expect(find('4 rencontres de la communauté de pratique')).toMatchObject({
      target: 4,
      unit: 'rencontres',
    });
    expect(find("1 rencontre d'intégration par année")).toMatchObject({ kind: 'quantitative', target: 1 });
    expect(find('31 mars 2026')?.kind).toBe('qualitative');
    expect(find('Pertinence pour les partenaires')?.kind).toBe('qualitative');
  });
});

describe('parseHorizonPlan on broken input', () => {
  const reasons = (result: ImportedPlan) => result.unrecognized.map(({ line, text }) => ({ line, text }));

  it('reports a stray line inside a table and a row with too many cells, with their lines', () => {
    const broken = [...lines];
    const tableRow = lines.findIndex((line) =>
      line.startsWith('Organiser et réaliser des rencontres de la Table'),
    );
    broken[tableRow] = `${lines[tableRow]}\tcellule en trop`;
    broken.splice(21, 0, 'Note ajoutée à la main');
    const result = parseHorizonPlan(broken.join('\n'));
    expect(reasons(result)).toEqual([
      { line: 22, text: 'Note ajoutée à la main' },
      { line: tableRow + 2, text: `${lines[tableRow]}\tcellule en trop` },
    ]);
    expect(result.unrecognized[1]?.reason).toContain('found 5');
    const objectiveCount = result.themes.flatMap((theme) => theme.objectives).length;
    expect(objectiveCount).toBe(objectives.length - 1);
  });

  it('reports text, rows and general objectives that belong to no theme or objective, and stray headings', () => {
    const input = [
      "Plan d'action 2026",
      'ENJEUX FÉDÉRATEURS',
      'Texte sans thème',
      '⇒ Objectif général : orphelin',
      'Objectif\t→ Action\t→ 2 rencontres\t2026',
      'TRANSPORT',
      '⇒ Objectif général : Bouger',
      'Objectifs spécifiques\tMoyens / Actions\tIndicateurs de mise en œuvre du plan\tÉchéancier',
      '\t→ Action sans objectif\t→ Indicateur\t2026',
      'Objectif\t\t→ Indicateur sans action\t2026',
      'Objectif valide\t→ Action\t→ 2 rencontres\t2026',
      'CDC',
      'Objectif suivant\t→ Action\t→ Indicateur\t2026',
    ].join('\n');
    const result = parseHorizonPlan(input);
    expect(result.unrecognized.map((entry) => entry.line)).toEqual([3, 4, 5, 9, 10, 12]);
    expect(result.themes.map((theme) => theme.title)).toEqual(['TRANSPORT']);
    expect(result.themes[0]?.objectives.map((objective) => objective.text)).toEqual([
      'Objectif valide',
      'Objectif suivant',
    ]);
  });

  it('still opens a theme whose heading is followed by a broken row', () => {
    const broken = text.replace('TRANSPORT\n', 'TRANSPORT\nune ligne égarée\tavec\ttrop\tde\tcolonnes\n');
    const result = parseHorizonPlan(broken);
    const transport = lines.indexOf('TRANSPORT') + 1;
    expect(result.unrecognized.map((entry) => entry.line)).toEqual([transport + 1]);
    expect(result.themes.map((theme) => theme.title)).toEqual(plan.themes.map((theme) => theme.title));
    const count = (p: ImportedPlan) => p.themes.map((theme) => theme.objectives.length);
    expect(count(result)).toEqual(count(plan));
  });

  it('keeps a title written with a typographic apostrophe, as word processors do', () => {
    const curly = parseHorizonPlan(text.replace("Plan d'action 2026", 'Plan d’action 2027'));
    expect(curly.title).toBe('Plan d’action 2027');
    expect(curly.unrecognized).toEqual([]);
    expect(curly.themes).toEqual(plan.themes);
  });

  it('imports nothing, and reports nothing, from a text with no plan in it', () => {
    expect(parseHorizonPlan('MISSION\n\nAccroître la capacité d’action collective.')).toMatchObject({
      themes: [],
      unrecognized: [],
    });
  });
});
