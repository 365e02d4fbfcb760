/**
 * The importers explain unrecognized lines in English free text (server/src/plan/import). Until
 * they send codes, the known explanations are matched here so the French interface can say
 * them in French; anything else is shown as the server wrote it.
 */
export type ReasonKey =
  | 'reason_generalOutside'
  | 'reason_rowOutside'
  | 'reason_noActionCell'
  | 'reason_noObjectiveAbove'
  | 'reason_textOutside'
  | 'reason_textInside'
  | 'reason_rowBeforeOrientation';

export type KnownReason =
  { key: ReasonKey } | { key: 'reason_cells'; values: { expected: string; found: string } };

const EXACT: Record<string, ReasonKey> = {
  'general objective outside any theme': 'reason_generalOutside',
  'table row outside any theme': 'reason_rowOutside',
  'row without a Moyens / Actions cell': 'reason_noActionCell',
  'row without a moyen': 'reason_noActionCell',
  'continuation row without a specific objective above': 'reason_noObjectiveAbove',
  'text outside any theme': 'reason_textOutside',
  'text inside a theme that is neither a heading, a group label nor a table row': 'reason_textInside',
  'table row before any orientation': 'reason_rowBeforeOrientation',
};

export function knownReason(reason: string): KnownReason | null {
  const exact = EXACT[reason.trim()];
  if (exact) return { key: exact };
  const cells = /^expected (\d+) tab-separated cells, found (\d+)$/.exec(reason.trim());
  if (cells) return { key: 'reason_cells', values: { expected: cells[1] ?? '', found: cells[2] ?? '' } };
  return null;
}
