/**
 * Importer for the Mauricie 2017-2020 action plan (seeds/mauricie-action-plan-2017-2020.txt).
 *
 * The file has two parts:
 * - A summary (lines 1-71 of the seed): numbered orientation titles ("1. Vision intégrée…"),
 *   objective titles and "- " bullets. It is a short overview of the detailed tables that
 *   follow, with the same content in fewer words, so it is recognized and skipped (not
 *   unrecognized): everything before the first "Orientation N:" line. Its "Plan d'action
 *   2017-2020 : Consortium en développement social de la Mauricie" line is the plan's title.
 * - The detailed tables, the source of truth: per orientation, an "Orientation N: <statement>"
 *   row (theme of kind 'orientation', titled by the line as written, with the statement as its
 *   general objective), a header row "Objectifs spécifiques | Moyens | Résultats attendus", and
 *   three-cell rows. A first cell "N.N …" opens a specific objective; an empty one continues the
 *   previous objective. Each row's moyen "N.N.N …" is one action.
 *
 * Quirks handled:
 * - Page-break repeats: "Plan d'action du Consortium 2017-2020" before each orientation: skipped.
 * - Numbering ("1.1", "1.1.1", and "2.2.2." with a trailing dot) is a list marker, like the
 *   bullets: the tree's order carries it, so it is removed from the texts.
 * - Timelines: a moyen may end with the plan year it is due ("…; an 1.", "…; an 1-2"): that
 *   suffix becomes the action's timeline ("an 1", "an 1-2") and leaves the text. Other actions
 *   have no timeline ("").
 * - Résultats attendus become indicators, one per "N.N.N" marker: the document repeats the marker
 *   for a second result in the same cell ("1.1.2 … 1.1.2 …"). Several sentences under a single
 *   marker stay one indicator, as the document numbers them.
 */
import type { ImportedObjective, ImportedPlan, ImportedTheme } from '@cocon/shared';
import { cleanText, collapse, fold, parseIndicator, splitLines } from './cells.js';

interface State {
  plan: ImportedPlan;
  theme: ImportedTheme | null;
  objective: ImportedObjective | null;
}

const CELLS = 3;
const ORIENTATION = /^orientation\s+\d+\s*:\s*(.+)$/iu;
const NUMBER = /^\d+(?:\.\d+)+\.?\s+/u;
const RESULT_MARKER = /\s+(?=\d+\.\d+\.\d+\.?\s)/u;
const TIMELINE_SUFFIX = /\s*;\s*(an\s+\d+(?:\s*-\s*\d+)?)\s*\.?$/iu;

const isBlank = (line: string) => line.trim() === '';
const isTitleLine = (text: string) => /^plan d'action\b/.test(fold(text));
const isHeaderRow = (cells: string[]) => fold(cells[0] ?? '').startsWith('objectifs specifiques');
const withoutNumber = (text: string) => text.replace(NUMBER, '');

/** The statement of an "Orientation N: …" line (its other cells empty), else null. */
function orientationStatement(cells: string[]): string | null {
  if (cells.slice(1).some((cell) => cleanText(cell) !== '')) return null;
  const match = ORIENTATION.exec(cleanText(cells[0] ?? ''));
  return match ? (match[1] ?? '') : null;
}

function unrecognized(state: State, line: number, text: string, reason: string): void {
  state.plan.unrecognized.push({ line, text: text.trim(), reason });
}

function openOrientation(state: State, cells: string[], statement: string, line: number): void {
  const theme: ImportedTheme = {
    title: cleanText(cells[0] ?? ''),
    kind: 'orientation',
    generalObjective: statement,
    objectives: [],
    line,
  };
  state.plan.themes.push(theme);
  Object.assign(state, { theme, objective: null });
}

/** A moyen without its number, and the "; an N" timeline it may end with. */
function splitMoyen(cell: string): { text: string; timeline: string } {
  const text = withoutNumber(cleanText(cell));
  const match = TIMELINE_SUFFIX.exec(text);
  if (!match) return { text, timeline: '' };
  return { text: text.slice(0, match.index).trim(), timeline: collapse(match[1] ?? '') };
}

function results(cell: string, line: number) {
  return cleanText(cell)
    .split(RESULT_MARKER)
    .map((result) => withoutNumber(result).trim())
    .filter((result) => result !== '')
    .map((result) => parseIndicator(result, line));
}

function readRow(state: State, cells: string[], raw: string, line: number): void {
  const theme = state.theme;
  if (!theme) return unrecognized(state, line, raw, 'table row before any orientation');
  const [first = '', moyen = '', expected = ''] = cells;
  if (!cleanText(moyen)) return unrecognized(state, line, raw, 'row without a moyen');
  const objectiveText = withoutNumber(cleanText(first));
  if (objectiveText) {
    state.objective = { text: objectiveText, actions: [], line };
    theme.objectives.push(state.objective);
  }
  if (!state.objective)
    return unrecognized(state, line, raw, 'continuation row without a specific objective above');
  state.objective.actions.push({ ...splitMoyen(moyen), indicators: results(expected, line), line });
}

function readLine(state: State, raw: string, line: number): void {
  const cells = raw.split('\t');
  const statement = orientationStatement(cells);
  if (statement !== null) return openOrientation(state, cells, statement, line);
  if (cells.length === 1 && isTitleLine(raw.trim())) return; // page-break repeat of the title
  if (cells.length !== CELLS)
    return unrecognized(state, line, raw, `expected ${CELLS} tab-separated cells, found ${cells.length}`);
  if (!isHeaderRow(cells)) readRow(state, cells, raw, line);
  else state.objective = null;
}

export function parseMauriciePlan(text: string): ImportedPlan {
  const lines = splitLines(text);
  const titleLine = lines.find((line) => isTitleLine(line.trim()));
  const plan: ImportedPlan = {
    format: 'mauricie-2017',
    title: titleLine ? collapse(titleLine) : '',
    themes: [],
    unrecognized: [],
  };
  const state: State = { plan, theme: null, objective: null };
  const start = lines.findIndex((line) => orientationStatement(line.split('\t')) !== null);
  if (start < 0) return plan;
  lines.forEach((raw, index) => {
    if (index >= start && !isBlank(raw)) readLine(state, raw, index + 1);
  });
  return plan;
}
