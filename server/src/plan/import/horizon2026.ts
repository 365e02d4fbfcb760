/**
 * Importer for the Concertation Horizon 2026 action plan (seeds/concertation-horizon-action-plan-
 * 2026.txt). Shape: a preamble (MISSION, then "Plan d'action 2026"), the section labels "ENJEUX
 * FÉDÉRATEURS" and "Visées transversales", and per theme: an UPPER-CASE heading, "⇒ Objectif
 * général : …", a table header row, then tab-separated rows of four cells (see horizonRow.ts).
 *
 * Rules for the ambiguous parts of the file:
 * - Theme headings: an UPPER-CASE line with a blank line above it, or followed by "⇒ Objectif
 *   général" or a table header row.
 * - Preamble: everything before the first section label, theme heading, general objective or
 *   table row is the mission statement ("MISSION" and its text); it is skipped silently. The
 *   "Plan d'action …" line is the plan's title.
 * - Theme kind: the last section label seen ("ENJEUX FÉDÉRATEURS" -> 'enjeu', "Visées
 *   transversales" -> 'visee'; 'enjeu' before any label). So every theme after "Visées
 *   transversales" (VIE ASSOCIATIVE, MOBILISATION DES TERRITOIRES, …) is a 'visee', as laid out.
 * - Continuations: a heading whose title, without a trailing "(SUITE)", is already a theme
 *   continues that theme; so does a repeated identical title. The file has "ACCESSIBILITÉ DES
 *   SERVICES / …" twice in a row with the same general objective except for the inclusive-writing
 *   mark ("acteurs-trices" / "acteurs·trices"): the document's table was split in two, like a
 *   "(SUITE)". Two themes with the same title could not be told apart by anyone reading or
 *   filtering the plan. The first general objective is kept; a continuation's restatement of it
 *   is recognized and not repeated.
 * - Group labels: in COMMUNICATIONS ET REPRÉSENTATIONS, rows whose only non-empty cell is the first
 *   ("Communication d'influence\t\t\t") and a stand-alone short line between blank lines just
 *   before table rows ("Représentations") label a group of specific objectives. They are not
 *   objectives: the label is kept as a prefix, "<label> : <objective>", of each following
 *   objective of the same table, until the next label, table header or theme heading.
 * - Anything else that cannot be placed goes to `unrecognized` with its 1-based line number.
 */
import type { ImportedObjective, ImportedPlan, ImportedTheme } from '@cocon/shared';
import { cleanText, collapse, fold, splitLines } from './cells.js';
import { rowActions } from './horizonRow.js';

type ThemeKind = 'enjeu' | 'visee';

interface State {
  plan: ImportedPlan;
  kind: ThemeKind;
  theme: ImportedTheme | null;
  objective: ImportedObjective | null;
  label: string;
}

const CELLS = 4;
const GENERAL_OBJECTIVE = /^(?:⇒|=>)?\s*objectif g[ée]n[ée]ral\s*:\s*/iu;
const SUITE = /\s*\(\s*suite\s*\)\s*$/iu;
const MAX_LABEL_LENGTH = 80;

function sectionKind(text: string): ThemeKind | null {
  const folded = fold(text);
  if (folded === 'enjeux federateurs') return 'enjeu';
  if (folded === 'visees transversales') return 'visee';
  return null;
}

const isTitleLine = (text: string) => /^plan d'action\b/.test(fold(text));
const isBlank = (line: string | undefined) => line === undefined || line.trim() === '';
const isRow = (line: string | undefined) => line !== undefined && line.includes('\t');
const isHeaderRow = (cells: string[]) => fold(cells[0] ?? '').startsWith('objectifs specifiques');

/** An UPPER-CASE line: letters, none of them lower case. */
const isHeading = (text: string) => /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);

function nextNonBlank(lines: string[], index: number): string | undefined {
  return lines.slice(index + 1).find((line) => !isBlank(line));
}

/** The next non-blank line is a general objective or a table header row. */
function announcesTheme(lines: string[], index: number): boolean {
  const next = nextNonBlank(lines, index) ?? '';
  return GENERAL_OBJECTIVE.test(next.trim()) || isHeaderRow(next.split('\t'));
}

/**
 * A theme heading: an UPPER-CASE line that starts a paragraph (a blank line above it) or is
 * followed by a general objective or table header. An upper-case line glued under a table row
 * and followed by anything else is stray text, not a new theme.
 */
function isThemeHeading(lines: string[], index: number): boolean {
  if (!isHeading(collapse(lines[index] ?? ''))) return false;
  return isBlank(lines[index - 1]) || announcesTheme(lines, index);
}

function startsPlan(lines: string[], index: number): boolean {
  const line = lines[index] ?? '';
  if (isRow(line) || sectionKind(line) || GENERAL_OBJECTIVE.test(line.trim())) return true;
  return isHeading(collapse(line)) && announcesTheme(lines, index);
}

/** A short stand-alone line between blank lines, just before the rows of a table. */
function isStandaloneLabel(lines: string[], index: number, text: string): boolean {
  if (text.length > MAX_LABEL_LENGTH || /[.;:]$/.test(text)) return false;
  if (!isBlank(lines[index - 1]) || !isBlank(lines[index + 1])) return false;
  const next = nextNonBlank(lines, index);
  return isRow(next) && cleanText(next?.split('\t')[0] ?? '') !== '';
}

function unrecognized(state: State, line: number, text: string, reason: string): void {
  state.plan.unrecognized.push({ line, text: text.trim(), reason });
}

function openSection(state: State, kind: ThemeKind): void {
  Object.assign(state, { kind, theme: null, objective: null, label: '' });
}

function openTheme(state: State, heading: string, line: number): void {
  const title = heading.replace(SUITE, '');
  const existing = state.plan.themes.find((theme) => fold(theme.title) === fold(title));
  const theme = existing ?? { title, kind: state.kind, generalObjective: '', objectives: [], line };
  if (!existing) state.plan.themes.push(theme);
  Object.assign(state, { theme, objective: null, label: '' });
}

function setGeneralObjective(state: State, text: string, line: number, raw: string): void {
  if (!state.theme) return unrecognized(state, line, raw, 'general objective outside any theme');
  if (!state.theme.generalObjective) state.theme.generalObjective = text;
}

function openObjective(state: State, theme: ImportedTheme, text: string, line: number): ImportedObjective {
  const objective: ImportedObjective = {
    text: state.label ? `${state.label} : ${text}` : text,
    actions: [],
    line,
  };
  theme.objectives.push(objective);
  state.objective = objective;
  return objective;
}

function setLabel(state: State, label: string): void {
  state.label = label;
  state.objective = null;
}

/** A row of four cells: header, group label, new specific objective, or continuation. */
function readRow(state: State, raw: string, line: number): void {
  const cells = raw.split('\t');
  if (cells.length !== CELLS)
    return unrecognized(state, line, raw, `expected ${CELLS} tab-separated cells, found ${cells.length}`);
  const theme = state.theme;
  if (!theme) return unrecognized(state, line, raw, 'table row outside any theme');
  if (isHeaderRow(cells)) return setLabel(state, '');
  const [first = '', moyens = '', indicators = '', timeline = ''] = cells;
  const objectiveText = cleanText(first);
  if ([moyens, indicators, timeline].every((cell) => cleanText(cell) === '')) {
    if (objectiveText) setLabel(state, objectiveText); // "Communication d'influence\t\t\t"
    return;
  }
  if (!cleanText(moyens)) return unrecognized(state, line, raw, 'row without a Moyens / Actions cell');
  const objective = objectiveText ? openObjective(state, theme, objectiveText, line) : state.objective;
  if (!objective)
    return unrecognized(state, line, raw, 'continuation row without a specific objective above');
  objective.actions.push(...rowActions(moyens, indicators, timeline, line));
}

function readText(state: State, lines: string[], index: number): void {
  const raw = lines[index] ?? '';
  const text = collapse(raw);
  const line = index + 1;
  const kind = sectionKind(text);
  if (kind) return openSection(state, kind);
  if (isTitleLine(text)) return;
  if (GENERAL_OBJECTIVE.test(text))
    return setGeneralObjective(state, cleanText(text.replace(GENERAL_OBJECTIVE, '')), line, raw);
  if (isThemeHeading(lines, index)) return openTheme(state, text, line);
  if (!state.theme) return unrecognized(state, line, raw, 'text outside any theme');
  if (isStandaloneLabel(lines, index, text)) return setLabel(state, cleanText(text));
  unrecognized(
    state,
    line,
    raw,
    'text inside a theme that is neither a heading, a group label nor a table row',
  );
}

export function parseHorizonPlan(text: string): ImportedPlan {
  const lines = splitLines(text);
  const titleLine = lines.find((line) => isTitleLine(line.trim()));
  const plan: ImportedPlan = {
    format: 'horizon-2026',
    title: titleLine ? collapse(titleLine) : '',
    themes: [],
    unrecognized: [],
  };
  const state: State = { plan, kind: 'enjeu', theme: null, objective: null, label: '' };
  const start = lines.findIndex((_, index) => startsPlan(lines, index));
  if (start < 0) return plan;
  for (let index = start; index < lines.length; index += 1) {
    const raw = lines[index] ?? '';
    if (isBlank(raw)) continue;
    if (isRow(raw)) readRow(state, raw, index + 1);
    else readText(state, lines, index);
  }
  return plan;
}
