import { describe, expect, it } from 'vitest';
import type { FundSettings, RoundProject, RoundRules } from './fund.js';
import {
  cashFlow,
  checkAllocation,
  checkBallot,
  earmarkShortfall,
  partnerLimits,
  roundProjectFrom,
  type AllocationContext,
} from './fundRules.js';
import {
  allocate,
  computeResults,
  equalPerMrc,
  generatedScenarios,
  type StoredBallot,
} from './fundScenarios.js';

const rules = (over: Partial<RoundRules> = {}): RoundRules => ({
  method: 'points',
  pointsPerPartner: 100,
  minPerProjectCents: 0,
  maxPerProjectCents: null,
  applyMrcFloors: true,
  ...over,
});

const project = (id: string, requested: number, over: Partial<RoundProject> = {}): RoundProject => ({
  id,
  title: id,
  theme: 'T',
  territories: ['m1'],
  requestedCents: requested,
  requestByYear: [{ year: 2026, cents: requested }],
  ...over,
});

const fund = (over: Partial<FundSettings> = {}): FundSettings => ({
  title: 'F',
  startYear: 2026,
  years: 3,
  contributions: [
    {
      id: 'c1',
      partnerId: 'p1',
      year: 2026,
      amountCents: 1_000_000_00,
      earmarkTheme: null,
      earmarkMrc: null,
    },
  ],
  themeEnvelopes: [],
  mrcFloors: [],
  ...over,
});

const ctx = (over: Partial<AllocationContext> = {}): AllocationContext => ({
  budgetCents: 100_00,
  projects: [project('a', 1_000_00), project('b', 1_000_00), project('c', 1_000_00)],
  rules: rules(),
  fund: fund(),
  earlier: [],
  decidedByYear: [],
  ...over,
});

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const ballot = (partnerId: string, lines: [string, number][]): StoredBallot => ({
  partnerId,
  partnerName: partnerId,
  lines: lines.map(([projectId, amount]) => ({ projectId, amount, opinion: null, reason: '' })),
});

describe('allocation by consultation', () => {
  it('rounds to the cent and gives out exactly the budget', () => {
    const c = ctx();
    const allocation = allocate(
      100_00,
      new Map([
        ['a', 1],
        ['b', 1],
        ['c', 1],
      ]),
      c,
    );
    expect([...allocation.values()].sort()).toEqual([3333, 3333, 3334]);
    expect(sum(allocation)).toBe(100_00);
    expect(checkAllocation(allocation, c)).toEqual([]);
  });

  it('an empty round (no ballot) allocates nothing and reports no ballot', () => {
    const c = ctx();
    const [consultation] = generatedScenarios([], c);
    expect(consultation!.totalCents).toBe(0);
    expect(consultation!.error).toBeNull();
    const results = computeResults('r', [], 3, c);
    expect(results.ballots).toBe(0);
    expect(results.projects.every((p) => p.total === 0 && p.allocatedCents === 0)).toBe(true);
  });

  it('ties split the same whatever the order of the ballots', () => {
    const c = ctx({ budgetCents: 1_01 });
    const one = computeResults(
      'r',
      [
        ballot('p1', [
          ['a', 50],
          ['b', 50],
        ]),
        ballot('p2', [['c', 50]]),
      ],
      2,
      c,
    );
    const two = computeResults(
      'r',
      [
        ballot('p2', [['c', 50]]),
        ballot('p1', [
          ['b', 50],
          ['a', 50],
        ]),
      ],
      2,
      c,
    );
    expect(one.projects).toEqual(two.projects);
    // 101 cents over three equal weights: 34 + 34 + 33, the extra cents by alphabetical id.
    expect(one.projects.map((p) => p.allocatedCents)).toEqual([34, 34, 33]);
  });

  it('caps a project at its request and the maximum, and gives the rest to the others', () => {
    const c = ctx({
      budgetCents: 1_000_00,
      projects: [project('a', 100_00), project('b', 10_000_00), project('c', 10_000_00)],
      rules: rules({ maxPerProjectCents: 600_00 }),
    });
    const allocation = allocate(
      1_000_00,
      new Map([
        ['a', 80],
        ['b', 10],
        ['c', 10],
      ]),
      c,
    );
    expect(allocation.get('a')).toBe(100_00);
    expect(allocation.get('b')).toBe(450_00);
    expect(sum(allocation)).toBe(1_000_00);
  });

  it('a project under the minimum gets nothing and its share goes to the others', () => {
    const c = ctx({ budgetCents: 1_000_00, rules: rules({ minPerProjectCents: 200_00 }) });
    const allocation = allocate(
      1_000_00,
      new Map([
        ['a', 45],
        ['b', 45],
        ['c', 10],
      ]),
      c,
    );
    expect(allocation.get('c')).toBe(0);
    expect(allocation.get('a')).toBe(500_00);
    expect(checkAllocation(allocation, c)).toEqual([]);
  });

  it('meets MRC floors first, even for projects nobody gave points to', () => {
    const c = ctx({
      budgetCents: 1_000_00,
      projects: [project('a', 5_000_00), project('b', 5_000_00, { territories: ['m2'] })],
      fund: fund({ mrcFloors: [{ mrcId: 'm2', amountCents: 300_00 }] }),
    });
    const allocation = allocate(1_000_00, new Map([['a', 100]]), c);
    expect(allocation.get('b')).toBe(300_00);
    expect(allocation.get('a')).toBe(700_00);
  });

  it('floors that cannot all be met are a clear error, not a wrong allocation', () => {
    const c = ctx({
      budgetCents: 1_000_00,
      projects: [project('a', 5_000_00), project('b', 100_00, { territories: ['m2'] })],
      fund: fund({ mrcFloors: [{ mrcId: 'm2', amountCents: 300_00 }] }),
    });
    const [consultation] = generatedScenarios([ballot('p1', [['a', 10]])], c);
    expect(consultation!.error).toMatch(/m2/);
    expect(consultation!.allocations).toEqual([]);
    expect(computeResults('r', [ballot('p1', [['a', 10]])], 1, c).consultationError).toMatch(/m2/);
  });

  it('keeps a theme within what its envelope has left after earlier decisions', () => {
    const c = ctx({
      budgetCents: 1_000_00,
      projects: [project('a', 5_000_00, { theme: 'X' }), project('b', 5_000_00)],
      fund: fund({ themeEnvelopes: [{ theme: 'X', amountCents: 500_00 }] }),
      earlier: [{ id: 'old', theme: 'X', territories: [], cents: 200_00 }],
    });
    const allocation = allocate(
      1_000_00,
      new Map([
        ['a', 90],
        ['b', 10],
      ]),
      c,
    );
    expect(allocation.get('a')).toBe(300_00);
    expect(allocation.get('b')).toBe(700_00);
    expect(checkAllocation(allocation, c)).toEqual([]);
  });

  it('equal per MRC splits the budget evenly among the MRCs served', () => {
    const c = ctx({
      budgetCents: 900_00,
      projects: [
        project('a', 5_000_00),
        project('b', 5_000_00, { territories: ['m2'] }),
        project('c', 5_000_00, { territories: ['m3'] }),
      ],
    });
    expect([...equalPerMrc(c).values()]).toEqual([300_00, 300_00, 300_00]);
  });
});

describe('rules of a ballot', () => {
  const projects = [project('a', 1_000_00), project('b', 1_000_00)];
  const line = (
    projectId: string,
    amount: number,
    opinion: 'consent' | 'objection' | null = null,
    reason = '',
  ) => ({
    projectId,
    amount,
    opinion,
    reason,
  });

  it('refuses more points than the partner has', () => {
    expect(checkBallot([line('a', 60), line('b', 41)], 'b', { rules: rules(), projects, limit: 100 })).toBe(
      'over_limit',
    );
    expect(
      checkBallot([line('a', 60), line('b', 40)], 'b', { rules: rules(), projects, limit: 100 }),
    ).toBeNull();
  });

  it('refuses an objection without its reason, and a project outside the round', () => {
    expect(
      checkBallot([line('a', 0, 'objection', '  ')], 'a', { rules: rules(), projects, limit: 100 }),
    ).toBe('reason_required');
    expect(checkBallot([line('zz', 1)], 'zz', { rules: rules(), projects, limit: 100 })).toBe(
      'unknown_project',
    );
  });

  it('with envelopes, refuses giving a project more than it may receive', () => {
    const envelope = rules({ method: 'envelope', maxPerProjectCents: 500_00 });
    expect(checkBallot([line('a', 500_01)], 'a', { rules: envelope, projects, limit: 10_000_00 })).toBe(
      'above_cap',
    );
  });

  it('envelopes are shares of the budget by contribution, to the cent', () => {
    const f = fund({
      contributions: [
        { id: '1', partnerId: 'p1', year: 2026, amountCents: 1, earmarkTheme: null, earmarkMrc: null },
        { id: '2', partnerId: 'p2', year: 2026, amountCents: 2, earmarkTheme: null, earmarkMrc: null },
      ],
    });
    const limits = partnerLimits(f, ['p1', 'p2'], rules({ method: 'envelope' }), 100_00);
    expect(limits.get('p1')).toBe(3333);
    expect(limits.get('p2')).toBe(6667);
  });
});

describe('money over the years', () => {
  it('spreads each project over the years it asks for and carries unspent money over', () => {
    const projects = [
      project('a', 300_00, {
        requestByYear: [
          { year: 2026, cents: 100_00 },
          { year: 2027, cents: 200_00 },
        ],
      }),
    ];
    const f = fund({
      contributions: [
        { id: '1', partnerId: 'p1', year: 2026, amountCents: 150_00, earmarkTheme: null, earmarkMrc: null },
        { id: '2', partnerId: 'p1', year: 2027, amountCents: 100_00, earmarkTheme: null, earmarkMrc: null },
      ],
    });
    const rows = cashFlow(new Map([['a', 300_00]]), projects, f, []);
    expect(rows.map((r) => [r.year, r.spendCents, r.balanceCents])).toEqual([
      [2026, 100_00, 50_00],
      [2027, 200_00, -50_00],
      [2028, 0, -50_00],
    ]);
    const violations = checkAllocation(
      new Map([['a', 300_00]]),
      ctx({ budgetCents: 300_00, projects, fund: f }),
    );
    expect(violations.filter((v) => v.code === 'cash_shortfall').map((v) => v.subject)).toEqual([
      '2027',
      '2028',
    ]);
  });

  it('earmarked money only pays for matching projects', () => {
    const f = fund({
      contributions: [
        { id: '1', partnerId: 'p1', year: 2026, amountCents: 100_00, earmarkTheme: null, earmarkMrc: 'm2' },
        { id: '2', partnerId: 'p2', year: 2026, amountCents: 100_00, earmarkTheme: null, earmarkMrc: null },
      ],
    });
    const funded = (a: number, b: number) => [
      { id: 'a', theme: 'T', territories: ['m1'], cents: a },
      { id: 'b', theme: 'T', territories: ['m2'], cents: b },
    ];
    expect(earmarkShortfall(f, funded(100_00, 100_00))).toBe(0);
    expect(earmarkShortfall(f, funded(150_00, 50_00))).toBe(50_00);
  });

  it('reads a proposal budget net of co-financing, by year', () => {
    const p = roundProjectFrom(
      'x',
      {
        title: 'X',
        theme: 'T',
        territories: ['m2', 'm1'],
        budget: [
          { amountRequested: 1000.005, year: 2027, cofinancing: [{ amount: 200 }] },
          { amountRequested: 50, year: null, cofinancing: [{ amount: 80 }] },
        ],
      },
      2026,
    );
    expect(p.requestByYear).toEqual([{ year: 2027, cents: 800_01 }]);
    expect(p.requestedCents).toBe(800_01);
    expect(p.territories).toEqual(['m1', 'm2']);
  });
});
