import { describe, expect, it } from 'vitest';
import type { TimerState } from '@cocon/shared';
import { overMessageKey } from './Countdown';
import { timerStage } from './TimerControls';

const timer = (patch: Partial<TimerState> = {}): TimerState => ({
  endsAt: 60_000,
  remainingMs: null,
  durationMs: 60_000,
  atZero: 'lock',
  actedAt: null,
  ...patch,
});

describe('the countdown at zero, as the board shows it', () => {
  it('offers no pause at 0:00: the stage is over, not running', () => {
    expect(timerStage(null, 0)).toBe('none');
    expect(timerStage(timer(), 59_999)).toBe('running');
    expect(timerStage(timer(), 60_000)).toBe('over');
    expect(timerStage(timer({ endsAt: null, remainingMs: 5_000 }), 90_000)).toBe('paused');
  });

  it('says what the server did at zero, once it did it', () => {
    expect(overMessageKey(timer())).toBe('timer.over');
    expect(overMessageKey(timer({ actedAt: 60_001 }))).toBe('timer.overLocked');
    expect(overMessageKey(timer({ atZero: 'endVote', actedAt: 60_001 }))).toBe('timer.overVoteEnded');
    expect(overMessageKey(timer({ atZero: 'none', actedAt: null }))).toBe('timer.over');
  });
});
