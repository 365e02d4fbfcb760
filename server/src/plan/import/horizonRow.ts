/**
 * One data row of the 2026 plan's tables ("Objectifs spécifiques | Moyens / Actions |
 * Indicateurs de mise en œuvre du plan | Échéancier") turned into its actions.
 */
import type { ImportedAction, ImportedIndicator } from '@cocon/shared';
import { parseIndicator, splitItems } from './cells.js';

/** Joins several timeline items given to a single action ("→ Une rencontre → En continu …"). */
export const TIMELINE_JOIN = '; ';

/**
 * The actions of a row: one per item of the Moyens cell.
 *
 * Rule for several actions in one row: a row is *aligned* when its Échéancier cell lists exactly
 * one timeline per action (line 138: "→ Lancement du nouveau site web → Favoriser la diffusion…"
 * with "→ Hiver 2026 → En continu"); the author then wrote the columns in parallel, so action i
 * gets timeline i, and also indicator i when the indicator count matches too. In every other row
 * each action shares all the row's indicators and its timeline (several timeline items are
 * joined with TIMELINE_JOIN). Equal action and indicator counts alone are not taken as alignment:
 * in this file such rows mostly list indicators that apply to the whole row ("→ Participation
 * des partenaires → Pertinence pour les partenaires", lines 32, 80, 116, 117), and pairing them
 * one-to-one would invent a relation the document does not state.
 */
export function rowActions(
  moyens: string,
  indicators: string,
  timeline: string,
  line: number,
): ImportedAction[] {
  const texts = splitItems(moyens);
  const parsed = splitItems(indicators).map((text) => parseIndicator(text, line));
  const timelines = splitItems(timeline);
  const aligned = texts.length > 1 && timelines.length === texts.length;
  const pairIndicators = aligned && parsed.length === texts.length;
  return texts.map((text, i) => ({
    text,
    timeline: aligned ? (timelines[i] ?? '') : timelines.join(TIMELINE_JOIN),
    indicators: pairIndicators ? pick(parsed, i) : parsed.map((indicator) => ({ ...indicator })),
    line,
  }));
}

function pick(indicators: ImportedIndicator[], index: number): ImportedIndicator[] {
  const indicator = indicators[index];
  return indicator ? [indicator] : [];
}
