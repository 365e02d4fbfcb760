/**
 * How progress rolls up through the plan, as pure arithmetic (unit-tested).
 *
 * Indicator:  quantitative -> latest measured value / target, capped to [0, 1]; no target or no
 *             measure -> none. Qualitative indicators carry notes, not numbers: none.
 * Action:     progress comes from data only: what a person set or measured, never from the text
 *             of the plan (an imported "En continu" is not half done).
 *             done -> 1; not started (a person said so) -> 0; otherwise the mean of its indicators
 *             that have a measure; otherwise the share of its milestones reached; otherwise none
 *             (unset, in progress or ongoing with nothing measured: no number is invented).
 * Objective:  the weighted mean of its actions (weight defaults to 1).
 * Theme/plan: the weighted mean of their children, each child weighing the sum of the weights of
 *             the actions under it, so a theme with ten actions counts more than one with two.
 * Anything with no action under it has no progress (null) and is left out of its parent's mean.
 */

/** `unset`: nobody has said yet (imported and rolled-up actions start so). */
export const ACTION_STATUSES = ['unset', 'not_started', 'in_progress', 'ongoing', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** The statuses a person can choose (`unset` is the absence of a choice). */
export const CHOSEN_ACTION_STATUSES = ['not_started', 'in_progress', 'ongoing', 'done'] as const;

export interface IndicatorProgressInput {
  kind: 'quantitative' | 'qualitative';
  target: number | null;
  /** Dated measures; the latest date counts. */
  measurements: { date: string; value: number }[];
}

export interface ActionProgressInput {
  status: ActionStatus;
  weight?: number;
  indicators: IndicatorProgressInput[];
  milestones?: { done: boolean }[];
}

export interface Progress {
  /** 0..1, or null when nothing below carries progress. */
  value: number | null;
  /** Sum of action weights below (what this node weighs in its parent). */
  weight: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function indicatorProgress(indicator: IndicatorProgressInput): number | null {
  if (indicator.kind !== 'quantitative' || !indicator.target || indicator.target <= 0) return null;
  if (indicator.measurements.length === 0) return null;
  const latest = indicator.measurements.reduce((a, b) => (b.date >= a.date ? b : a));
  return clamp01(latest.value / indicator.target);
}

export function actionProgress(action: ActionProgressInput): Progress {
  const weight = action.weight && action.weight > 0 ? action.weight : 1;
  if (action.status === 'done') return { value: 1, weight };
  if (action.status === 'not_started') return { value: 0, weight };
  const measured = action.indicators.map(indicatorProgress).filter((v): v is number => v !== null);
  if (measured.length > 0) return { value: measured.reduce((a, b) => a + b, 0) / measured.length, weight };
  const milestones = action.milestones ?? [];
  if (milestones.length > 0)
    return { value: milestones.filter((m) => m.done).length / milestones.length, weight };
  return { value: null, weight };
}

/** Weighted mean of children's progress; children without progress are left out. */
export function combineProgress(children: Progress[]): Progress {
  let weight = 0;
  let weighted = 0;
  let counted = 0;
  for (const child of children) {
    if (child.value === null) continue;
    weighted += child.value * child.weight;
    counted += child.weight;
    weight += child.weight;
  }
  return { value: counted > 0 ? weighted / counted : null, weight };
}
