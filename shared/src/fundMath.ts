/**
 * The arithmetic of the consolidated fund, in whole cents (never floats of dollars): splitting a
 * budget in proportion to weights under caps, checking MRC floors, validating ballots.
 * Pure functions; the consultation (issue 6) builds on them.
 */

export const FUND_RULE_ERRORS = [
  'floors_unreachable',
  'floors_over_budget',
  'budget_negative',
  'invalid_weight',
] as const;
export type FundRuleErrorCode = (typeof FUND_RULE_ERRORS)[number];

export class FundRuleError extends Error {
  constructor(
    readonly code: FundRuleErrorCode,
    message: string,
    /** What the error is about (the MRCs whose floors cannot be met...), for a translated message. */
    readonly subjects: string[] = [],
  ) {
    super(message);
  }
}

export interface Share {
  id: string;
  /** Relative weight (points, requests...): >= 0. */
  weight: number;
  /** Most this one may receive, in cents (its request, or the rules' maximum). */
  capCents: number;
}

/**
 * Splits `budgetCents` in proportion to the weights, never above a cap (what a capped share
 * cannot take goes to the others, in proportion), and rounds to the cent by largest remainder so
 * the parts add up exactly to what is given out. Ties in remainders go to the larger weight, then
 * to the id in alphabetical order, so the result never depends on input order. Money nobody can
 * take (every share capped) stays unallocated.
 */
export function splitProportionally(budgetCents: number, shares: Share[]): Map<string, number> {
  if (!Number.isInteger(budgetCents) || budgetCents < 0) {
    throw new FundRuleError('budget_negative', 'The budget must be a whole, non-negative number of cents.');
  }
  for (const s of shares) {
    if (!(s.weight >= 0) || !Number.isFinite(s.weight) || !(s.capCents >= 0)) {
      throw new FundRuleError('invalid_weight', `Invalid weight or cap for ${s.id}.`);
    }
  }
  const exact = new Map<string, number>(shares.map((s) => [s.id, 0]));
  let open = shares.filter((s) => s.weight > 0 && s.capCents > 0);
  let remaining = budgetCents;
  // Water filling: give in proportion; shares that hit their cap leave the pool.
  while (remaining > 1e-9 && open.length > 0) {
    const totalWeight = open.reduce((sum, s) => sum + s.weight, 0);
    const capped = open.filter((s) => exact.get(s.id)! + (remaining * s.weight) / totalWeight >= s.capCents);
    if (capped.length === 0) {
      for (const s of open) exact.set(s.id, exact.get(s.id)! + (remaining * s.weight) / totalWeight);
      remaining = 0;
      break;
    }
    for (const s of capped) {
      remaining -= s.capCents - exact.get(s.id)!;
      exact.set(s.id, s.capCents);
    }
    open = open.filter((s) => !capped.includes(s));
  }
  // Largest remainder: floor everything, then hand out the leftover cents one by one.
  const given = Math.round(budgetCents - Math.max(0, remaining));
  const result = new Map<string, number>();
  for (const [id, value] of exact) result.set(id, Math.floor(value + 1e-9));
  let leftover = given - [...result.values()].reduce((a, b) => a + b, 0);
  const byRemainder = shares
    .filter((s) => result.get(s.id)! < s.capCents)
    .sort(
      (a, b) =>
        exact.get(b.id)! -
          Math.floor(exact.get(b.id)! + 1e-9) -
          (exact.get(a.id)! - Math.floor(exact.get(a.id)! + 1e-9)) ||
        b.weight - a.weight ||
        a.id.localeCompare(b.id),
    );
  for (const s of byRemainder) {
    if (leftover <= 0) break;
    result.set(s.id, result.get(s.id)! + 1);
    leftover -= 1;
  }
  return result;
}

/** What each MRC receives: a project counts fully toward every MRC it serves. */
export function totalsByMrc(
  allocation: Map<string, number>,
  projects: { id: string; territories: string[] }[],
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const project of projects) {
    for (const mrc of project.territories)
      totals.set(mrc, (totals.get(mrc) ?? 0) + (allocation.get(project.id) ?? 0));
  }
  return totals;
}

/**
 * Checks that every MRC floor can be met at all: the projects serving an MRC must be able to
 * receive its floor (within their caps), and the floors together must fit in the budget. Throws
 * a clear error naming the MRCs that cannot be served.
 */
export function assertFloorsReachable(
  budgetCents: number,
  floors: Record<string, number>,
  projects: { id: string; territories: string[]; capCents: number }[],
): void {
  const unreachable = Object.entries(floors).filter(([mrc, floor]) => {
    const capacity = projects
      .filter((p) => p.territories.includes(mrc))
      .reduce((sum, p) => sum + p.capCents, 0);
    return capacity < floor;
  });
  if (unreachable.length > 0) {
    throw new FundRuleError(
      'floors_unreachable',
      `No allocation can meet these MRC floors: ${unreachable.map(([mrc]) => mrc).join(', ')} (their projects ask for less).`,
      unreachable.map(([mrc]) => mrc),
    );
  }
  const floorsTotal = Object.values(floors).reduce((a, b) => a + b, 0);
  const projectsServingNoFloorTwice = projects.every(
    (p) => p.territories.filter((t) => t in floors).length <= 1,
  );
  if (projectsServingNoFloorTwice && floorsTotal > budgetCents) {
    throw new FundRuleError(
      'floors_over_budget',
      'The MRC floors add up to more than the budget.',
      Object.keys(floors),
    );
  }
}

/** Formats cents the Québec French way: 1234567 -> "12 345,67 $". */
export function formatCents(cents: number): string {
  return new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }).format(cents / 100);
}
