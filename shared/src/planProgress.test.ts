import { describe, expect, it } from 'vitest';
import { actionProgress, combineProgress, indicatorProgress } from './planProgress.js';

const q = (target: number | null, ...values: [string, number][]) => ({
  kind: 'quantitative' as const,
  target,
  measurements: values.map(([date, value]) => ({ date, value })),
});

describe('plan progress roll-up', () => {
  it('measures a quantitative indicator by its latest value against the target, capped', () => {
    expect(indicatorProgress(q(4, ['2026-02-01', 1], ['2026-05-01', 3]))).toBe(0.75);
    expect(indicatorProgress(q(4, ['2026-05-01', 3], ['2026-02-01', 1]))).toBe(0.75);
    expect(indicatorProgress(q(4, ['2026-05-01', 9]))).toBe(1);
    expect(indicatorProgress(q(4))).toBeNull();
    expect(indicatorProgress(q(null, ['2026-01-01', 3]))).toBeNull();
    expect(indicatorProgress({ kind: 'qualitative', target: null, measurements: [] })).toBeNull();
  });

  it('gives an action its status, or its indicators while under way', () => {
    expect(actionProgress({ status: 'done', indicators: [] }).value).toBe(1);
    expect(actionProgress({ status: 'not_started', indicators: [q(4, ['2026-01-01', 4])] }).value).toBe(0);
    expect(
      actionProgress({
        status: 'in_progress',
        indicators: [q(4, ['2026-01-01', 3]), q(10, ['2026-01-01', 5])],
      }).value,
    ).toBe(0.625);
    expect(actionProgress({ status: 'done', weight: 3, indicators: [] }).weight).toBe(3);
  });

  it('invents no progress: an action nobody measured has none, whatever its timeline or status', () => {
    expect(actionProgress({ status: 'unset', indicators: [] }).value).toBeNull();
    expect(actionProgress({ status: 'ongoing', indicators: [] }).value).toBeNull();
    expect(actionProgress({ status: 'in_progress', indicators: [q(4)] }).value).toBeNull();
    expect(actionProgress({ status: 'unset', indicators: [q(4, ['2026-01-01', 1])] }).value).toBe(0.25);
    // Milestones a person entered count when nothing is measured.
    const milestones = [{ done: true }, { done: false }, { done: false }, { done: true }];
    expect(actionProgress({ status: 'in_progress', indicators: [], milestones }).value).toBe(0.5);
    expect(
      actionProgress({ status: 'ongoing', indicators: [q(10, ['2026-01-01', 1])], milestones }).value,
    ).toBe(0.1);
    // Left out of its parent's mean, not counted as zero.
    const plan = combineProgress([
      actionProgress({ status: 'done', indicators: [] }),
      actionProgress({ status: 'ongoing', indicators: [] }),
    ]);
    expect(plan.value).toBe(1);
  });

  it('weights children by the actions under them and skips the empty ones', () => {
    const small = combineProgress([{ value: 1, weight: 1 }]);
    const large = combineProgress([
      { value: 0, weight: 1 },
      { value: 0, weight: 1 },
      { value: 0, weight: 1 },
    ]);
    expect(large).toEqual({ value: 0, weight: 3 });
    expect(combineProgress([small, large])).toEqual({ value: 0.25, weight: 4 });
    expect(combineProgress([small, { value: null, weight: 0 }])).toEqual({ value: 1, weight: 1 });
  });

  it('has no progress when empty', () => {
    expect(combineProgress([])).toEqual({ value: null, weight: 0 });
    expect(combineProgress([{ value: null, weight: 0 }])).toEqual({ value: null, weight: 0 });
  });
});
