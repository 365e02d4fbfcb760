import {
  actionProgress,
  combineProgress,
  parseTimeline,
  timelineYears,
  type ActionStatus,
  type PlanActionView,
  type PlanObjectiveView,
  type PlanSummary,
  type PlanThemeView,
  type PlanView,
  type Progress,
  type Season,
  type Timeline,
} from '@cocon/shared';

/**
 * Pure functions behind the plan's views: filters, re-computed progress, dashboards, the
 * timeline's placement and the progress history. They use the shared roll-up rule
 * (shared/src/planProgress.ts) so the client and the server always agree.
 */

export interface PlanFilters {
  territoryId: string | null;
  communityId: string | null;
  status: ActionStatus | null;
  year: number | null;
}

export const NO_FILTERS: PlanFilters = { territoryId: null, communityId: null, status: null, year: null };

export const hasFilters = (filters: PlanFilters): boolean =>
  filters.territoryId !== null ||
  filters.communityId !== null ||
  filters.status !== null ||
  filters.year !== null;

/**
 * The timeline a view places an action on. Parsed timelines are used as they are; free text the
 * shared parser keeps as text is read once more: any "continu" makes it ongoing ("En continu
 * 2026", "2 fois par année et en continu pour ajouts"), else the years it names become a year or
 * a range. Anything else stays free text (no year).
 */
export function effectiveTimeline(
  action: Pick<PlanActionView, 'timeline' | 'parsedTimeline'>,
): Timeline | null {
  const parsed = action.parsedTimeline ?? parseTimeline(action.timeline);
  if (!parsed || parsed.kind !== 'text') return parsed;
  if (/continu/i.test(parsed.text)) return { kind: 'ongoing' };
  const years = [...parsed.text.matchAll(/\b(?:19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  if (years.length === 0) return parsed;
  const from = Math.min(...years);
  const to = Math.max(...years);
  return from === to ? { kind: 'year', year: from } : { kind: 'range', from, to };
}

/** Whether an action's timeline touches `year`; ongoing actions touch every year. */
export function touchesYear(
  action: Pick<PlanActionView, 'timeline' | 'parsedTimeline'>,
  year: number,
): boolean {
  const timeline = effectiveTimeline(action);
  if (timeline?.kind === 'ongoing') return true;
  return timelineYears(timeline).includes(year);
}

export function actionMatches(action: PlanActionView, filters: PlanFilters): boolean {
  if (filters.status !== null && action.status !== filters.status) return false;
  if (filters.territoryId !== null && !action.territoryIds.includes(filters.territoryId)) return false;
  if (filters.communityId !== null && !action.communityIds.includes(filters.communityId)) return false;
  if (filters.year !== null && !touchesYear(action, filters.year)) return false;
  return true;
}

type ActionProgressFn = (action: PlanActionView) => Progress;

/** The shared rule applied to an action as the plan view carries it. */
export const currentActionProgress: ActionProgressFn = (action) =>
  actionProgress({
    status: action.status,
    weight: action.weight,
    indicators: action.indicators,
    milestones: action.milestones,
  });

/** Recomputes progress at every level from the actions up, as the server's tree does. */
export function rollUp(
  themes: PlanThemeView[],
  progressOf: ActionProgressFn = currentActionProgress,
): { themes: PlanThemeView[]; progress: Progress } {
  const rolled = themes.map((theme) => {
    const objectives = theme.objectives.map((objective) => {
      const actions = objective.actions.map((action) => ({ action, progress: progressOf(action) }));
      const progress = combineProgress(actions.map((a) => a.progress));
      const view: PlanObjectiveView = {
        ...objective,
        actions: actions.map((a) => ({ ...a.action, progress: a.progress.value })),
        progress: progress.value,
      };
      return { view, progress };
    });
    const progress = combineProgress(objectives.map((o) => o.progress));
    const view: PlanThemeView = {
      ...theme,
      objectives: objectives.map((o) => o.view),
      progress: progress.value,
    };
    return { view, progress };
  });
  return { themes: rolled.map((t) => t.view), progress: combineProgress(rolled.map((t) => t.progress)) };
}

/**
 * The plan with only the actions matching the filters, objectives and themes left empty by
 * them removed, and progress recomputed over what remains. Without filters, the plan as is.
 */
export function filterPlan(plan: PlanView, filters: PlanFilters): PlanView {
  if (!hasFilters(filters)) return plan;
  const themes = plan.themes
    .map((theme) => ({
      ...theme,
      objectives: theme.objectives
        .map((objective) => ({
          ...objective,
          actions: objective.actions.filter((a) => actionMatches(a, filters)),
        }))
        .filter((objective) => objective.actions.length > 0),
    }))
    .filter((theme) => theme.objectives.length > 0);
  const rolled = rollUp(themes);
  return { ...plan, themes: rolled.themes, progress: rolled.progress.value };
}

export interface ActionInContext {
  action: PlanActionView;
  objective: PlanObjectiveView;
  theme: PlanThemeView;
}

export function allActions(plan: Pick<PlanView, 'themes'>): ActionInContext[] {
  return plan.themes.flatMap((theme) =>
    theme.objectives.flatMap((objective) =>
      objective.actions.map((action) => ({ action, objective, theme })),
    ),
  );
}

/** How many actions carry progress (a status chosen, a measure or a milestone), out of all. */
export function progressCoverage(plan: Pick<PlanView, 'themes'>): { known: number; total: number } {
  const actions = allActions(plan);
  const known = actions.filter(({ action }) => currentActionProgress(action).value !== null).length;
  return { known, total: actions.length };
}

export function findAction(plan: Pick<PlanView, 'themes'>, actionId: string): ActionInContext | null {
  return allActions(plan).find((entry) => entry.action.id === actionId) ?? null;
}

/* ---------- Dashboards ---------- */

export interface DashboardRow {
  /** A territory or community id; null for actions tagged with none. */
  id: string | null;
  actions: number;
  /** Weighted mean of the actions' progress (the shared rule), null when none has one. */
  progress: number | null;
  /**
   * Sum of the actions' budgets, each action's shared between the rows it is in (an action
   * serving two MRCs puts half in each: the rows add up to the plan); null when no action of the
   * row has a budget.
   */
  budget: number | null;
}

/**
 * The part of `budget` (dollars) that goes to the `index`-th of `parts` rows: an even split in
 * cents, the leftover cents to the first rows, so that the parts add up to the budget exactly.
 */
export function budgetShare(budget: number, parts: number, index: number): number {
  if (parts <= 1) return budget;
  const cents = Math.round(budget * 100);
  const base = Math.floor(cents / parts);
  return (base + (index < cents - base * parts ? 1 : 0)) / 100;
}

export function summarize(
  actions: PlanActionView[],
  budgetOf: (action: PlanActionView) => number | null = (action) => action.budget,
): Omit<DashboardRow, 'id'> {
  const progress = combineProgress(actions.map(currentActionProgress)).value;
  const budgets = actions.map(budgetOf).filter((b): b is number => b !== null);
  return {
    actions: actions.length,
    progress,
    budget: budgets.length > 0 ? budgets.reduce((sum, b) => sum + b, 0) : null,
  };
}

/**
 * One row per MRC (or community) in `ids` order, then one for actions tagged with none when
 * there are some. An action serving two MRCs counts in both rows, its budget split between them.
 */
export function dashboardRows(
  plan: Pick<PlanView, 'themes'>,
  key: 'territoryIds' | 'communityIds',
  ids: string[],
): DashboardRow[] {
  const actions = allActions(plan).map((entry) => entry.action);
  const rows: DashboardRow[] = ids.map((id) => ({
    id,
    ...summarize(
      actions.filter((a) => a[key].includes(id)),
      (a) => (a.budget === null ? null : budgetShare(a.budget, a[key].length, a[key].indexOf(id))),
    ),
  }));
  const untagged = actions.filter((a) => a[key].length === 0);
  if (untagged.length > 0) rows.push({ id: null, ...summarize(untagged) });
  return rows;
}

export function statusCounts(plan: Pick<PlanView, 'themes'>): Record<ActionStatus, number> {
  const counts: Record<ActionStatus, number> = {
    unset: 0,
    not_started: 0,
    in_progress: 0,
    done: 0,
    ongoing: 0,
  };
  for (const { action } of allActions(plan)) counts[action.status] += 1;
  return counts;
}

/* ---------- Progress over time ---------- */

export interface ProgressPoint {
  /** yyyy-mm-dd */
  date: string;
  value: number | null;
}

/**
 * The plan's progress as of each date a measurement was recorded: measurements are replayed up
 * to and including that date through the shared rule; statuses and weights are today's (the
 * plan does not keep their history).
 */
export function progressHistory(plan: Pick<PlanView, 'themes'>): ProgressPoint[] {
  const dates = new Set<string>();
  for (const { action } of allActions(plan)) {
    for (const indicator of action.indicators) for (const m of indicator.measurements) dates.add(m.date);
  }
  return [...dates].sort().map((date) => {
    const asOf: ActionProgressFn = (action) =>
      actionProgress({
        status: action.status,
        weight: action.weight,
        indicators: action.indicators.map((indicator) => ({
          kind: indicator.kind,
          target: indicator.target,
          measurements: indicator.measurements.filter((m) => m.date <= date),
        })),
        // A milestone counts from its date on (when it was ticked is not kept).
        milestones: action.milestones.map((m) => ({ done: m.done && m.date <= date })),
      });
    return { date, value: rollUp(plan.themes, asOf).progress.value };
  });
}

/* ---------- Timeline ---------- */

const SEASON_INDEX: Record<Season, number> = { hiver: 0, printemps: 1, été: 2, automne: 3 };
export const QUARTERS_PER_YEAR = 4;

/** The years the timeline view shows: the plan's period widened to every dated action. */
export function timelineRange(plan: Pick<PlanView, 'themes' | 'periodFrom' | 'periodTo'>): {
  from: number;
  to: number;
} {
  let from = plan.periodFrom;
  let to = plan.periodTo;
  for (const { action } of allActions(plan)) {
    for (const year of timelineYears(effectiveTimeline(action))) {
      from = Math.min(from, year);
      to = Math.max(to, year);
    }
  }
  return { from, to };
}

export type Placement =
  /** Quarter columns from the range's first winter: [start, end). */
  { lane: 'dated'; start: number; end: number } | { lane: 'ongoing' } | { lane: 'undated' };

/** Where an action sits on the timeline: by year, season (a quarter) or range of years. */
export function placeAction(
  action: Pick<PlanActionView, 'timeline' | 'parsedTimeline'>,
  rangeFrom: number,
): Placement {
  const timeline = effectiveTimeline(action);
  if (!timeline) return { lane: 'undated' };
  const q = (year: number) => (year - rangeFrom) * QUARTERS_PER_YEAR;
  switch (timeline.kind) {
    case 'ongoing':
      return { lane: 'ongoing' };
    case 'year':
      return { lane: 'dated', start: q(timeline.year), end: q(timeline.year) + QUARTERS_PER_YEAR };
    case 'range':
      return { lane: 'dated', start: q(timeline.from), end: q(timeline.to) + QUARTERS_PER_YEAR };
    case 'season': {
      const start = q(timeline.year) + SEASON_INDEX[timeline.season];
      return { lane: 'dated', start, end: start + 1 };
    }
    default:
      return { lane: 'undated' };
  }
}

/** Years a filter can pick: the timeline range. */
export function filterYears(plan: Pick<PlanView, 'themes' | 'periodFrom' | 'periodTo'>): number[] {
  const { from, to } = timelineRange(plan);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** "2026" or "2026–2028". */
export function periodText(plan: Pick<PlanSummary, 'periodFrom' | 'periodTo'>): string {
  return plan.periodFrom === plan.periodTo ? String(plan.periodFrom) : `${plan.periodFrom}–${plan.periodTo}`;
}

/**
 * The plan an adopted proposal goes into by default, as the server picks it (PlanStore.currentPlan):
 * the newest non-archived plan whose period covers `year`, else the newest non-archived plan.
 */
export function currentPlan<
  P extends Pick<PlanSummary, 'periodFrom' | 'periodTo' | 'createdAt' | 'archived'>,
>(plans: readonly P[], year: number): P | null {
  const open = plans
    .filter((plan) => !plan.archived)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return open.find((plan) => plan.periodFrom <= year && year <= plan.periodTo) ?? open[0] ?? null;
}
