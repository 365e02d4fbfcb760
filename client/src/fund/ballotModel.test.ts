import { describe, expect, it } from 'vitest';
import type { BallotLine, BallotView } from '@cocon/shared';
import {
  editLine,
  isDirty,
  loadBallot,
  markFailed,
  markSaved,
  rebaseOnConflict,
  refreshBallot,
  setFocus,
  takeStored,
  usedNow,
  type AmountCodec,
} from './ballotModel';
import { parseWhole } from './money';

const points: AmountCodec = { toText: (n) => String(n), parse: parseWhole };
const line = (projectId: string, amount: number, rev: number, by = 'Ana'): BallotLine => ({
  projectId,
  amount,
  opinion: null,
  reason: '',
  rev,
  updatedByName: by,
  updatedAt: '2026-11-22T10:00:00Z',
});
const ballot = (lines: BallotLine[]): BallotView => ({
  roundId: 'r',
  partnerId: 'p',
  partnerName: 'Partenaire',
  method: 'points',
  limit: 100,
  used: lines.reduce((s, l) => s + l.amount, 0),
  lines,
});
const ids = ['a', 'b'];

describe('ballot model', () => {
  it('gives every project a line, even one never written', () => {
    const state = loadBallot(ballot([line('a', 10, 1)]), ids, points);
    expect(state.b?.base.rev).toBe(0);
    expect(state.b?.amountText).toBe('0');
    expect(usedNow(state, points)).toBe(10);
  });

  it('counts what is typed in the remaining points', () => {
    const state = editLine(loadBallot(ballot([line('a', 10, 1)]), ids, points), 'b', { amountText: '30' });
    expect(usedNow(state, points)).toBe(40);
    expect(isDirty(state.b!, points)).toBe(true);
  });

  it('never overwrites a line being typed in, and applies the others', () => {
    let state = loadBallot(ballot([line('a', 10, 1), line('b', 5, 1)]), ids, points);
    state = setFocus(state, 'a', true, points);
    state = editLine(state, 'a', { amountText: '12' });
    state = refreshBallot(state, ballot([line('a', 20, 2, 'Béa'), line('b', 7, 2, 'Béa')]), ids, points);
    expect(state.a?.amountText).toBe('12');
    expect(state.a?.base.rev).toBe(1);
    expect(state.a?.remote?.amount).toBe(20);
    expect(state.b?.amountText).toBe('7');
    expect(state.b?.base.rev).toBe(2);
  });

  it('a focused, untouched line catches up when left', () => {
    let state = setFocus(loadBallot(ballot([line('a', 10, 1)]), ids, points), 'a', true, points);
    state = refreshBallot(state, ballot([line('a', 20, 2)]), ids, points);
    expect(state.a?.amountText).toBe('10');
    state = setFocus(state, 'a', false, points);
    expect(state.a?.amountText).toBe('20');
  });

  it('keeps the text after a refusal, and re-applies over the stored line on conflict', () => {
    let state = editLine(loadBallot(ballot([line('a', 10, 1)]), ids, points), 'a', { amountText: '500' });
    state = markFailed(state, 'a', { code: 'invalid', problem: 'over_limit', line: null });
    expect(state.a?.amountText).toBe('500');
    expect(state.a?.problem).toBe('over_limit');
    state = editLine(state, 'a', { amountText: '15' });
    state = markFailed(state, 'a', {
      code: 'conflict',
      problem: 'line_changed',
      line: line('a', 30, 3, 'Béa'),
    });
    expect(state.a?.conflict?.updatedByName).toBe('Béa');
    const rebased = rebaseOnConflict(state, 'a');
    expect(rebased.a?.base.rev).toBe(3);
    expect(rebased.a?.amountText).toBe('15');
    const taken = takeStored(state, 'a', points);
    expect(taken.a?.amountText).toBe('30');
    expect(taken.a?.conflict).toBeNull();
  });

  it('a saved line becomes the new base', () => {
    let state = editLine(loadBallot(ballot([line('a', 10, 1)]), ids, points), 'a', { amountText: '15' });
    state = markSaved(state, 'a', ballot([line('a', 15, 2)]), ids, points);
    expect(state.a?.status).toBe('saved');
    expect(state.a?.base.rev).toBe(2);
    expect(isDirty(state.a!, points)).toBe(false);
  });
});
