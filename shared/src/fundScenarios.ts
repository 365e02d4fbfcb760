import type {
  BallotLine,
  ProjectResult,
  ResultsView,
  RoundProject,
  ScenarioKind,
  ScenarioView,
} from './fund.js';
import { FundRuleError, assertFloorsReachable, splitProportionally, totalsByMrc } from './fundMath.js';
import {
  cashFlow,
  checkAllocation,
  fundYears,
  projectCap,
  spendByYear,
  type AllocationContext,
} from './fundRules.js';

/**
 * From ballots to money: the consultation's totals, and the allocations facilitators compare
 * (following the consultation, equal per MRC, proportional to requests, their own).
 */

export interface StoredBallot {
  partnerId: string;
  partnerName: string;
  lines: Pick<BallotLine, 'projectId' | 'amount' | 'opinion' | 'reason'>[];
}

/** Points (or envelope cents) each project received over all ballots. */
export function consultationTotals(ballots: StoredBallot[], projects: RoundProject[]): Map<string, number> {
  const totals = new Map<string, number>(projects.map((p) => [p.id, 0]));
  for (const ballot of ballots) {
    for (const line of ballot.lines) {
      if (totals.has(line.projectId)) totals.set(line.projectId, totals.get(line.projectId)! + line.amount);
    }
  }
  return totals;
}

/** Floors first (within each MRC, by weight, or by request if nobody there has weight), then the rest by weight. */
function floorsThenProportional(
  budgetCents: number,
  projects: RoundProject[],
  weights: Map<string, number>,
  caps: Map<string, number>,
  floors: Map<string, number>,
): Map<string, number> {
  const given = new Map<string, number>(projects.map((p) => [p.id, 0]));
  let left = budgetCents;
  for (const [mrc, floor] of [...floors].sort(([a], [b]) => a.localeCompare(b))) {
    const serving = projects.filter((p) => p.territories.includes(mrc));
    const already = serving.reduce((s, p) => s + given.get(p.id)!, 0);
    const shortfall = Math.min(Math.max(0, floor - already), left);
    if (shortfall === 0) continue;
    const anyWeight = serving.some((p) => (weights.get(p.id) ?? 0) > 0);
    const part = splitProportionally(
      shortfall,
      serving.map((p) => ({
        id: p.id,
        weight: anyWeight ? (weights.get(p.id) ?? 0) : p.requestedCents,
        capCents: caps.get(p.id)! - given.get(p.id)!,
      })),
    );
    for (const [id, c] of part) {
      given.set(id, given.get(id)! + c);
      left -= c;
    }
  }
  const rest = splitProportionally(
    left,
    projects.map((p) => ({
      id: p.id,
      weight: weights.get(p.id) ?? 0,
      capCents: caps.get(p.id)! - given.get(p.id)!,
    })),
  );
  for (const [id, c] of rest) given.set(id, given.get(id)! + c);
  return given;
}

/**
 * Splits the budget by weight within every rule it can honour by construction: caps (request and
 * maximum), MRC floors, theme envelopes (what remains of them after earlier decisions), and the
 * minimum (a project that would get less than the minimum gets nothing, and its share goes to
 * the others). Throws FundRuleError when the floors cannot all be met.
 */
export function allocate(
  budgetCents: number,
  weights: Map<string, number>,
  ctx: AllocationContext,
): Map<string, number> {
  const caps = new Map(ctx.projects.map((p) => [p.id, projectCap(p, ctx.rules)]));
  const floors = new Map(
    ctx.rules.applyMrcFloors
      ? ctx.fund.mrcFloors.filter((f) => f.amountCents > 0).map((f) => [f.mrcId, f.amountCents])
      : [],
  );
  assertFloorsReachable(
    budgetCents,
    Object.fromEntries(floors),
    ctx.projects.map((p) => ({ id: p.id, territories: p.territories, capCents: caps.get(p.id)! })),
  );
  const themeRoom = new Map(
    ctx.fund.themeEnvelopes.map((e) => [
      e.theme,
      Math.max(
        0,
        e.amountCents - ctx.earlier.filter((p) => p.theme === e.theme).reduce((s, p) => s + p.cents, 0),
      ),
    ]),
  );
  const fixed = new Map<string, number>();
  let active = ctx.projects.filter((p) => caps.get(p.id)! > 0);
  for (let guard = 0; guard <= ctx.projects.length + themeRoom.size; guard++) {
    const budget = budgetCents - [...fixed.values()].reduce((a, b) => a + b, 0);
    const floorsLeft = new Map(
      [...floors].map(([mrc, floor]) => [mrc, floor - (totalsByMrc(fixed, ctx.projects).get(mrc) ?? 0)]),
    );
    const given = floorsThenProportional(budget, active, weights, caps, floorsLeft);
    const overTheme = [...themeRoom].find(([theme, room]) => {
      const fixedHere = ctx.projects
        .filter((p) => p.theme === theme)
        .reduce((s, p) => s + (fixed.get(p.id) ?? 0), 0);
      const here = active.filter((p) => p.theme === theme).reduce((s, p) => s + given.get(p.id)!, 0);
      return here > 0 && fixedHere + here > room;
    });
    if (overTheme) {
      const [theme, room] = overTheme;
      const inTheme = active.filter((p) => p.theme === theme);
      const fixedHere = ctx.projects
        .filter((p) => p.theme === theme)
        .reduce((s, p) => s + (fixed.get(p.id) ?? 0), 0);
      const part = splitProportionally(
        Math.max(0, room - fixedHere),
        inTheme.map((p) => ({ id: p.id, weight: given.get(p.id)!, capCents: given.get(p.id)! })),
      );
      for (const [id, c] of part) fixed.set(id, c);
      active = active.filter((p) => p.theme !== theme);
      continue;
    }
    const small = active
      .filter((p) => given.get(p.id)! > 0 && given.get(p.id)! < ctx.rules.minPerProjectCents)
      .sort((a, b) => given.get(a.id)! - given.get(b.id)! || a.id.localeCompare(b.id));
    if (small.length > 0) {
      fixed.set(small[0]!.id, 0);
      active = active.filter((p) => p.id !== small[0]!.id);
      continue;
    }
    for (const [id, c] of given) fixed.set(id, c);
    break;
  }
  return new Map(ctx.projects.map((p) => [p.id, fixed.get(p.id) ?? 0]));
}

/** Equal money per MRC served, within each MRC in proportion to requests; what is left, by request. */
export function equalPerMrc(ctx: AllocationContext): Map<string, number> {
  const caps = new Map(ctx.projects.map((p) => [p.id, projectCap(p, ctx.rules)]));
  const mrcs = [...new Set(ctx.projects.flatMap((p) => p.territories))].sort();
  const given = new Map<string, number>(ctx.projects.map((p) => [p.id, 0]));
  const perMrc = splitProportionally(
    ctx.budgetCents,
    mrcs.map((m) => ({ id: m, weight: 1, capCents: ctx.budgetCents })),
  );
  for (const mrc of mrcs) {
    const part = splitProportionally(
      perMrc.get(mrc)!,
      ctx.projects
        .filter((p) => p.territories.includes(mrc))
        .map((p) => ({ id: p.id, weight: p.requestedCents, capCents: caps.get(p.id)! - given.get(p.id)! })),
    );
    for (const [id, c] of part) given.set(id, given.get(id)! + c);
  }
  const left = ctx.budgetCents - [...given.values()].reduce((a, b) => a + b, 0);
  const rest = splitProportionally(
    left,
    ctx.projects.map((p) => ({
      id: p.id,
      weight: p.requestedCents,
      capCents: caps.get(p.id)! - given.get(p.id)!,
    })),
  );
  for (const [id, c] of rest) given.set(id, given.get(id)! + c);
  return given;
}

/** Weights that follow the consultation. With envelopes, partners give money: the budget is what they gave. */
function consultationAllocation(ballots: StoredBallot[], ctx: AllocationContext): Map<string, number> {
  const totals = consultationTotals(ballots, ctx.projects);
  const given = [...totals.values()].reduce((a, b) => a + b, 0);
  const budget = ctx.rules.method === 'envelope' ? Math.min(given, ctx.budgetCents) : ctx.budgetCents;
  if (given === 0) return new Map(ctx.projects.map((p) => [p.id, 0]));
  return allocate(budget, totals, ctx);
}

export function scenarioView(
  id: string,
  kind: ScenarioKind,
  name: string,
  build: () => Map<string, number>,
  ctx: AllocationContext,
): ScenarioView {
  let allocation: Map<string, number>;
  try {
    allocation = build();
  } catch (error) {
    if (!(error instanceof FundRuleError)) throw error;
    return {
      id,
      kind,
      name,
      allocations: [],
      totalCents: 0,
      cashFlow: [],
      violations: [],
      error: error.message,
      errorCode: error.code,
      errorSubjects: error.subjects,
    };
  }
  return {
    id,
    kind,
    name,
    allocations: ctx.projects.map((p) => ({ projectId: p.id, cents: allocation.get(p.id) ?? 0 })),
    totalCents: [...allocation.values()].reduce((a, b) => a + b, 0),
    cashFlow: cashFlow(allocation, ctx.projects, ctx.fund, ctx.decidedByYear),
    violations: checkAllocation(allocation, ctx),
    error: null,
    errorCode: null,
    errorSubjects: [],
  };
}

/** How each generated scenario allocates the budget. */
const GENERATED: Record<
  Exclude<ScenarioKind, 'custom'>,
  (ballots: StoredBallot[], ctx: AllocationContext) => Map<string, number>
> = {
  consultation: (ballots, ctx) => consultationAllocation(ballots, ctx),
  equal_per_mrc: (_ballots, ctx) => equalPerMrc(ctx),
  proportional: (_ballots, ctx) =>
    allocate(ctx.budgetCents, new Map(ctx.projects.map((p) => [p.id, p.requestedCents])), ctx),
};

/** One generated scenario by id (its kind), or null when `id` is not one (a custom scenario). */
export function generatedScenario(
  id: string,
  ballots: StoredBallot[],
  ctx: AllocationContext,
): ScenarioView | null {
  if (!Object.hasOwn(GENERATED, id)) return null;
  const kind = id as keyof typeof GENERATED;
  return scenarioView(kind, kind, kind, () => GENERATED[kind](ballots, ctx), ctx);
}

/** The three generated scenarios; names are translated by the client from the kind. */
export function generatedScenarios(ballots: StoredBallot[], ctx: AllocationContext): ScenarioView[] {
  return Object.keys(GENERATED).map((id) => generatedScenario(id, ballots, ctx)!);
}

/** Live results, always recomputed from the stored ballots. */
export function computeResults(
  roundId: string,
  ballots: StoredBallot[],
  partnerCount: number,
  ctx: AllocationContext,
): Omit<ResultsView, 'matchesClosing'> {
  const totals = consultationTotals(ballots, ctx.projects);
  let allocation = new Map<string, number>();
  let failure: FundRuleError | null = null;
  try {
    allocation = consultationAllocation(ballots, ctx);
  } catch (error) {
    if (!(error instanceof FundRuleError)) throw error;
    failure = error;
  }
  const projects: ProjectResult[] = ctx.projects.map((p) => {
    const lines = ballots.flatMap((b) =>
      b.lines
        .filter((l) => l.projectId === p.id)
        .map((l) => ({ ...l, partnerId: b.partnerId, partnerName: b.partnerName })),
    );
    return {
      projectId: p.id,
      total: totals.get(p.id) ?? 0,
      supporters: lines.filter((l) => l.amount > 0).length,
      consents: lines.filter((l) => l.opinion === 'consent').length,
      objections: lines
        .filter((l) => l.opinion === 'objection')
        .map((l) => ({ partnerId: l.partnerId, partnerName: l.partnerName, reason: l.reason }))
        .sort((a, b) => a.partnerName.localeCompare(b.partnerName, 'fr')),
      allocatedCents: allocation.get(p.id) ?? 0,
    };
  });
  const byTheme = new Map<string, number>();
  for (const p of ctx.projects)
    byTheme.set(p.theme, (byTheme.get(p.theme) ?? 0) + (allocation.get(p.id) ?? 0));
  const sorted = (m: Map<string, number>) =>
    [...m].map(([key, cents]) => ({ key, cents })).sort((a, b) => a.key.localeCompare(b.key, 'fr'));
  const years = fundYears(ctx.fund);
  return {
    roundId,
    method: ctx.rules.method,
    ballots: ballots.filter((b) => b.lines.some((l) => l.amount > 0 || l.opinion !== null)).length,
    partners: partnerCount,
    projects,
    byTheme: sorted(byTheme),
    byMrc: sorted(totalsByMrc(allocation, ctx.projects)),
    byYear: [...spendByYear(allocation, ctx.projects, years)].map(([year, cents]) => ({ year, cents })),
    consultationError: failure?.message ?? null,
    consultationErrorCode: failure?.code ?? null,
    consultationErrorSubjects: failure?.subjects ?? [],
  };
}
