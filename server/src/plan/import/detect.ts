/**
 * Which importer reads a plan document, decided by its table header row: the 2026 Concertation
 * Horizon plan has "Objectifs spécifiques | Moyens / Actions | Indicateurs … | Échéancier", the
 * 2017-2020 Mauricie plan "Objectifs spécifiques | Moyens | Résultats attendus" under
 * "Orientation N:" lines.
 */
import type { ImportedPlan } from '@cocon/shared';
import { fold, splitLines } from './cells.js';
import { parseHorizonPlan } from './horizon2026.js';
import { parseMauriciePlan } from './mauricie2017.js';

export type PlanFormat = ImportedPlan['format'];

function headerCells(line: string): string[] {
  return line.split('\t').map(fold);
}

function isHorizonHeader(cells: string[]): boolean {
  const [objectives, moyens, indicators, timeline] = cells;
  return (
    objectives === 'objectifs specifiques' &&
    moyens === 'moyens / actions' &&
    (indicators?.startsWith('indicateurs') ?? false) &&
    timeline === 'echeancier'
  );
}

function isMauricieHeader(cells: string[]): boolean {
  const [objectives, moyens, results] = cells;
  return objectives === 'objectifs specifiques' && moyens === 'moyens' && results === 'resultats attendus';
}

export function detectPlanFormat(text: string): PlanFormat | null {
  const headers = splitLines(text).map(headerCells);
  if (headers.some(isHorizonHeader)) return 'horizon-2026';
  if (headers.some(isMauricieHeader)) return 'mauricie-2017';
  return null;
}

/** Imports a plan document in any known format; throws when the format is not recognized. */
export function parsePlan(text: string): ImportedPlan {
  const format = detectPlanFormat(text);
  if (format === 'horizon-2026') return parseHorizonPlan(text);
  if (format === 'mauricie-2017') return parseMauriciePlan(text);
  throw new Error(
    'Unknown plan format: expected a table header row "Objectifs spécifiques<TAB>Moyens / Actions<TAB>' +
      'Indicateurs de mise en œuvre du plan<TAB>Échéancier" (Concertation Horizon 2026) or ' +
      '"Objectifs spécifiques<TAB>Moyens<TAB>Résultats attendus" (Mauricie 2017-2020)',
  );
}
