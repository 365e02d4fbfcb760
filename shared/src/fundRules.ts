import type {
  BallotLine,
  BallotProblem,
  CashFlowRow,
  FundSettings,
  RoundProject,
  RoundRules,
  Violation,
  YearAmount,
} from './fund.js';
import { splitProportionally, totalsByMrc } from './fundMath.js';

/**
 * The rules of a round, as pure functions both sides run: what a ballot may hold, what an
 * allocation must respect, and the multi-year cash flow it implies.
 */

/** The most a project may receive: its request, and the round's maximum if there is one. */
export function projectCap(project: RoundProject, rules: RoundRules): number {
  return rules.maxPerProjectCents === null
    ? project.requestedCents
    : Math.min(project.requestedCents, rules.maxPerProjectCents);
}

/** What every partner distributes: the same points, or its share of the budget by contribution. */
export function partnerLimits(
  fund: Pick<FundSettings, 'contributions'>,
  partnerIds: string[],
  rules: RoundRules,
  budgetCents: number,
): Map<string, number> {
  if (rules.method === 'points') return new Map(partnerIds.map((id) => [id, rules.pointsPerPartner]));
  const contributed = new Map<string, number>(partnerIds.map((id) => [id, 0]));
  for (const c of fund.contributions) {
    if (contributed.has(c.partnerId))
      contributed.set(c.partnerId, contributed.get(c.partnerId)! + c.amountCents);
  }
  return splitProportionally(
    budgetCents,
    partnerIds.map((id) => ({ id, weight: contributed.get(id)!, capCents: budgetCents })),
  );
}

/**
 * Checks a whole ballot after one line changed; null when it respects the rules. The line's own
 * checks come first so the error names what the representative just typed.
 */
export function checkBallot(
  lines: Pick<BallotLine, 'projectId' | 'amount' | 'opinion' | 'reason'>[],
  changedProjectId: string,
  ctx: { rules: RoundRules; projects: RoundProject[]; limit: number },
): BallotProblem | null {
  const byId = new Map(ctx.projects.map((p) => [p.id, p]));
  const changed = lines.find((l) => l.projectId === changedProjectId);
  if (!changed || !byId.has(changed.projectId)) return 'unknown_project';
  if (changed.opinion === 'objection' && changed.reason.trim() === '') return 'reason_required';
  if (ctx.rules.method === 'envelope' && changed.amount > projectCap(byId.get(changed.projectId)!, ctx.rules))
    return 'above_cap';
  const used = lines.reduce((sum, l) => sum + l.amount, 0);
  if (used > ctx.limit) return 'over_limit';
  return null;
}

/** Money spread over the fund's years: each project in proportion to its request per year. */
export function spendByYear(
  allocation: Map<string, number>,
  projects: RoundProject[],
  years: number[],
): Map<number, number> {
  const spend = new Map<number, number>(years.map((y) => [y, 0]));
  const clamp = (y: number) => Math.min(Math.max(y, years[0]!), years[years.length - 1]!);
  for (const project of projects) {
    const cents = allocation.get(project.id) ?? 0;
    if (cents === 0) continue;
    const asked = new Map<number, number>();
    for (const r of project.requestByYear)
      asked.set(clamp(r.year), (asked.get(clamp(r.year)) ?? 0) + r.cents);
    if ([...asked.values()].every((c) => c === 0)) asked.set(years[0]!, 1);
    const parts = splitProportionally(
      cents,
      [...asked].map(([y, w]) => ({ id: String(y), weight: w, capCents: cents })),
    );
    for (const [y, c] of parts) spend.set(Number(y), spend.get(Number(y))! + c);
  }
  return spend;
}

export function fundYears(fund: Pick<FundSettings, 'startYear' | 'years'>): number[] {
  return Array.from({ length: fund.years }, (_, i) => fund.startYear + i);
}

/** Contributions per year, minus what earlier decisions spend, against this allocation. */
export function cashFlow(
  allocation: Map<string, number>,
  projects: RoundProject[],
  fund: Pick<FundSettings, 'startYear' | 'years' | 'contributions'>,
  decidedByYear: YearAmount[],
): CashFlowRow[] {
  const years = fundYears(fund);
  const spend = spendByYear(allocation, projects, years);
  let balance = 0;
  return years.map((year) => {
    const income = fund.contributions.filter((c) => c.year === year).reduce((s, c) => s + c.amountCents, 0);
    const earlier = decidedByYear.filter((d) => d.year === year).reduce((s, d) => s + d.cents, 0);
    const availableCents = income - earlier;
    const spendCents = spend.get(year)!;
    balance += availableCents - spendCents;
    return { year, availableCents, spendCents, balanceCents: balance };
  });
}

/** A project as the earmark and envelope rules see it (also those of earlier decisions). */
export interface FundedProject {
  id: string;
  theme: string;
  territories: string[];
  cents: number;
}

const matches = (c: FundSettings['contributions'][number], p: FundedProject) =>
  (c.earmarkTheme === null || c.earmarkTheme === p.theme) &&
  (c.earmarkMrc === null || p.territories.includes(c.earmarkMrc));

/**
 * Whether the contributions can pay for every funded project with earmarked money going only
 * where it is earmarked: a maximum flow from contributions to projects must carry everything.
 * Returns the part that cannot be paid (0 when the earmarks are respected).
 */
export function earmarkShortfall(fund: Pick<FundSettings, 'contributions'>, funded: FundedProject[]): number {
  const pools = fund.contributions.filter((c) => c.amountCents > 0);
  const projects = funded.filter((p) => p.cents > 0);
  // Nodes: 0 source, 1..P pools, then projects, then sink. Capacities in cents.
  const P = pools.length;
  const N = projects.length;
  const sink = P + N + 1;
  const cap: number[][] = Array.from({ length: sink + 1 }, () => new Array<number>(sink + 1).fill(0));
  pools.forEach((c, i) => {
    cap[0]![i + 1] = c.amountCents;
    projects.forEach((p, j) => {
      if (matches(c, p)) cap[i + 1]![P + 1 + j] = Number.MAX_SAFE_INTEGER;
    });
  });
  projects.forEach((p, j) => (cap[P + 1 + j]![sink] = p.cents));
  let flow = 0;
  for (;;) {
    // Edmonds-Karp: shortest augmenting path by breadth-first search.
    const parent = new Array<number>(sink + 1).fill(-1);
    parent[0] = 0;
    const queue = [0];
    while (queue.length > 0 && parent[sink] === -1) {
      const u = queue.shift()!;
      for (let v = 0; v <= sink; v++) {
        if (parent[v] === -1 && cap[u]![v]! > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] === -1) break;
    let push = Number.MAX_SAFE_INTEGER;
    for (let v = sink; v !== 0; v = parent[v]!) push = Math.min(push, cap[parent[v]!]![v]!);
    for (let v = sink; v !== 0; v = parent[v]!) {
      cap[parent[v]!]![v]! -= push;
      cap[v]![parent[v]!]! += push;
    }
    flow += push;
  }
  return projects.reduce((s, p) => s + p.cents, 0) - flow;
}

export interface AllocationContext {
  budgetCents: number;
  projects: RoundProject[];
  rules: RoundRules;
  fund: FundSettings;
  /** Projects funded by earlier decisions of this fund (for envelopes and earmarks). */
  earlier: FundedProject[];
  decidedByYear: YearAmount[];
}

/** Every rule an allocation breaks, in a stable order. */
export function checkAllocation(allocation: Map<string, number>, ctx: AllocationContext): Violation[] {
  const violations: Violation[] = [];
  const get = (id: string) => allocation.get(id) ?? 0;
  const total = ctx.projects.reduce((s, p) => s + get(p.id), 0);
  if (total > ctx.budgetCents)
    violations.push({ code: 'over_budget', subject: '', actualCents: total, limitCents: ctx.budgetCents });
  for (const p of ctx.projects) {
    const cap = projectCap(p, ctx.rules);
    if (get(p.id) > cap)
      violations.push({ code: 'above_cap', subject: p.id, actualCents: get(p.id), limitCents: cap });
    if (get(p.id) > 0 && get(p.id) < ctx.rules.minPerProjectCents)
      violations.push({
        code: 'below_minimum',
        subject: p.id,
        actualCents: get(p.id),
        limitCents: ctx.rules.minPerProjectCents,
      });
  }
  if (ctx.rules.applyMrcFloors) {
    const byMrc = totalsByMrc(allocation, ctx.projects);
    for (const floor of ctx.fund.mrcFloors) {
      const got = byMrc.get(floor.mrcId) ?? 0;
      if (got < floor.amountCents)
        violations.push({
          code: 'floor_unmet',
          subject: floor.mrcId,
          actualCents: got,
          limitCents: floor.amountCents,
        });
    }
  }
  const funded: FundedProject[] = [
    ...ctx.earlier,
    ...ctx.projects.map((p) => ({ id: p.id, theme: p.theme, territories: p.territories, cents: get(p.id) })),
  ];
  for (const envelope of ctx.fund.themeEnvelopes) {
    const got = funded.filter((p) => p.theme === envelope.theme).reduce((s, p) => s + p.cents, 0);
    if (got > envelope.amountCents)
      violations.push({
        code: 'envelope_exceeded',
        subject: envelope.theme,
        actualCents: got,
        limitCents: envelope.amountCents,
      });
  }
  const shortfall = earmarkShortfall(ctx.fund, funded);
  if (shortfall > 0) {
    const wanted = funded.reduce((s, p) => s + p.cents, 0);
    violations.push({
      code: 'earmark_unmet',
      subject: '',
      actualCents: wanted,
      limitCents: wanted - shortfall,
    });
  }
  for (const row of cashFlow(allocation, ctx.projects, ctx.fund, ctx.decidedByYear)) {
    if (row.balanceCents < 0)
      violations.push({
        code: 'cash_shortfall',
        subject: String(row.year),
        actualCents: row.balanceCents,
        limitCents: 0,
      });
  }
  return violations;
}

/**
 * A project as a round sees an adopted proposal: what it asks the fund for (budget lines minus
 * their co-financing, never below zero), year by year; lines without a year fall in `firstYear`.
 */
export function roundProjectFrom(
  id: string,
  fields: {
    title: string;
    theme: string;
    territories: string[];
    budget: { amountRequested: number; year: number | null; cofinancing: { amount: number }[] }[];
  },
  firstYear: number,
): RoundProject {
  const byYear = new Map<number, number>();
  for (const line of fields.budget) {
    const net = line.amountRequested - line.cofinancing.reduce((s, c) => s + c.amount, 0);
    const cents = Math.max(0, Math.round(net * 100));
    const year = line.year ?? firstYear;
    byYear.set(year, (byYear.get(year) ?? 0) + cents);
  }
  const requestByYear = [...byYear]
    .filter(([, cents]) => cents > 0)
    .sort(([a], [b]) => a - b)
    .map(([year, cents]) => ({ year, cents }));
  return {
    id,
    title: fields.title,
    theme: fields.theme,
    territories: [...fields.territories].sort(),
    requestedCents: requestByYear.reduce((s, r) => s + r.cents, 0),
    requestByYear,
  };
}
