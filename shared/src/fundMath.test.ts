import { describe, expect, it } from 'vitest';
import { FundRuleError, assertFloorsReachable, splitProportionally, totalsByMrc } from './fundMath.js';

const big = 10 ** 12;
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('fund arithmetic', () => {
  it('splits in proportion and rounds to the cent so the parts add up exactly', () => {
    const split = splitProportionally(100_00, [
      { id: 'a', weight: 1, capCents: big },
      { id: 'b', weight: 1, capCents: big },
      { id: 'c', weight: 1, capCents: big },
    ]);
    expect([...split.values()].sort()).toEqual([3333, 3333, 3334]);
    expect(sum(split)).toBe(100_00);
  });

  it('breaks ties the same way whatever the input order', () => {
    const shares = [
      { id: 'b', weight: 1, capCents: big },
      { id: 'a', weight: 1, capCents: big },
      { id: 'c', weight: 1, capCents: big },
    ];
    const one = splitProportionally(1_00, shares);
    const two = splitProportionally(1_00, [...shares].reverse());
    expect(one).toEqual(two);
    expect(one.get('a')).toBe(34);
  });

  it('gives what a capped share cannot take to the others, in proportion', () => {
    const split = splitProportionally(1_000_00, [
      { id: 'small', weight: 3, capCents: 100_00 },
      { id: 'x', weight: 1, capCents: big },
      { id: 'y', weight: 2, capCents: big },
    ]);
    expect(split.get('small')).toBe(100_00);
    expect(split.get('x')).toBe(300_00);
    expect(split.get('y')).toBe(600_00);
  });

  it('leaves money unallocated when every share is capped, and handles an empty round', () => {
    const split = splitProportionally(1_000_00, [{ id: 'a', weight: 1, capCents: 250_00 }]);
    expect(split.get('a')).toBe(250_00);
    expect(splitProportionally(1_000_00, [])).toEqual(new Map());
    expect(sum(splitProportionally(0, [{ id: 'a', weight: 1, capCents: big }]))).toBe(0);
    expect(splitProportionally(50_00, [{ id: 'a', weight: 0, capCents: big }]).get('a')).toBe(0);
  });

  it('refuses negative budgets and invalid weights with a clear error', () => {
    expect(() => splitProportionally(-1, [])).toThrow(FundRuleError);
    expect(() => splitProportionally(10, [{ id: 'a', weight: Number.NaN, capCents: 1 }])).toThrow(
      /Invalid weight/,
    );
  });

  it('adds up what each MRC receives, regional projects counting for every MRC they serve', () => {
    const totals = totalsByMrc(
      new Map([
        ['p', 100],
        ['q', 50],
      ]),
      [
        { id: 'p', territories: ['roussillon', 'haut-saint-laurent'] },
        { id: 'q', territories: ['roussillon'] },
      ],
    );
    expect(totals).toEqual(
      new Map([
        ['roussillon', 150],
        ['haut-saint-laurent', 100],
      ]),
    );
  });

  it('says which MRC floors cannot be met', () => {
    const projects = [
      { id: 'p', territories: ['roussillon'], capCents: 10_000_00 },
      { id: 'q', territories: ['haut-saint-laurent'], capCents: 5_000_00 },
    ];
    expect(() =>
      assertFloorsReachable(100_000_00, { roussillon: 5_000_00, 'haut-saint-laurent': 5_000_00 }, projects),
    ).not.toThrow();
    expect(() => assertFloorsReachable(100_000_00, { 'haut-saint-laurent': 6_000_00 }, projects)).toThrow(
      /haut-saint-laurent/,
    );
    expect(() => assertFloorsReachable(100_000_00, { vaudreuil: 1 }, projects)).toThrow(/vaudreuil/);
    expect(() =>
      assertFloorsReachable(9_000_00, { roussillon: 5_000_00, 'haut-saint-laurent': 5_000_00 }, projects),
    ).toThrow(/more than the budget/);
  });
});
