import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeta, type TimerZeroAction } from '@cocon/shared';
import { silentLogger } from '../util/logger.js';
import * as m from './boardMutations.js';
import { TimerScheduler, type TimerClock } from './timerActions.js';

const fac: m.Actor = { id: 'u_fac', name: 'Fanny', role: 'facilitator' };
const ana: m.Actor = { id: 'g_ana', name: 'Ana', role: 'participant' };
const boardId = 'board-1';

/** A clock that moves only when told; due timeouts run in order of their time. */
class FakeClock implements TimerClock {
  private time = 1_000_000;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown) => void this.pending.delete(handle as number);
  get scheduledCount() {
    return this.pending.size;
  }
  advance(ms: number) {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.pending.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.pending.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = until;
  }
}

function board(phase: 'collect' | 'vote' = 'collect') {
  const doc = new Y.Doc();
  m.initBoard(doc, 'Tableau');
  if (phase !== 'collect') m.updateSettings(doc, fac, { boardId, phase });
  return doc;
}

const start = (doc: Y.Doc, clock: FakeClock, seconds: number, atZero: TimerZeroAction) =>
  m.controlTimer(doc, fac, { boardId, action: 'start', seconds, atZero }, clock.now());

/** A scheduler whose zero handler applies the mutation directly, counting what it did. */
function scheduler(doc: Y.Doc, clock: FakeClock) {
  const calls: number[] = [];
  const timers = new TimerScheduler(
    clock,
    async (_boardId, endsAt) => {
      calls.push(endsAt);
      return m.timerAtZero(doc, endsAt, clock.now()) !== null;
    },
    silentLogger,
  );
  return { timers, calls };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the countdown at zero (mutations)', () => {
  it('locks the board once, only for the countdown it was scheduled for', () => {
    const clock = new FakeClock();
    const doc = board();
    start(doc, clock, 60, 'lock');
    const endsAt = readMeta(doc).timer!.endsAt!;
    expect(m.timerAtZero(doc, endsAt - 1, clock.now())).toBeNull();
    expect(m.timerAtZero(doc, endsAt, clock.now() + 60_000)).toEqual({ applied: 'lock', changed: true });
    expect(readMeta(doc)).toMatchObject({ locked: true, timer: { actedAt: clock.now() + 60_000 } });
    // A second instance (or a late timeout) finds nothing left to do.
    expect(m.timerAtZero(doc, endsAt, clock.now() + 60_001)).toBeNull();
  });

  it('ends the vote into the closed phase, and changes no other phase', () => {
    const clock = new FakeClock();
    const voting = board('vote');
    start(voting, clock, 30, 'endVote');
    expect(m.timerAtZero(voting, readMeta(voting).timer!.endsAt!, clock.now())).toEqual({
      applied: 'endVote',
      changed: true,
    });
    expect(readMeta(voting).phase).toBe('closed');
    const collecting = board();
    start(collecting, clock, 30, 'endVote');
    expect(m.timerAtZero(collecting, readMeta(collecting).timer!.endsAt!, clock.now())).toEqual({
      applied: 'endVote',
      changed: false,
    });
    expect(readMeta(collecting).phase).toBe('collect');
  });

  it('offers no pause at zero; +1 min then starts a new countdown that acts again', () => {
    const clock = new FakeClock();
    const doc = board();
    start(doc, clock, 60, 'lock');
    const first = readMeta(doc).timer!.endsAt!;
    m.timerAtZero(doc, first, first);
    m.controlTimer(doc, fac, { boardId, action: 'pause' }, first + 5_000);
    expect(readMeta(doc).timer).toMatchObject({ endsAt: first, remainingMs: null });
    m.controlTimer(doc, fac, { boardId, action: 'add', seconds: 60 }, first + 5_000);
    expect(readMeta(doc).timer).toMatchObject({
      endsAt: first + 65_000,
      durationMs: 60_000,
      atZero: 'lock',
      actedAt: null,
    });
  });

  it('adds time to a running or paused countdown and changes its action; participants cannot', () => {
    const clock = new FakeClock();
    const doc = board();
    start(doc, clock, 60, 'none');
    m.controlTimer(doc, fac, { boardId, action: 'add', seconds: 60 }, clock.now() + 30_000);
    expect(readMeta(doc).timer).toMatchObject({ endsAt: clock.now() + 120_000, durationMs: 90_000 });
    m.controlTimer(doc, fac, { boardId, action: 'pause' }, clock.now() + 30_000);
    m.controlTimer(doc, fac, { boardId, action: 'add', seconds: 60 }, clock.now() + 40_000);
    expect(readMeta(doc).timer).toMatchObject({ endsAt: null, remainingMs: 150_000 });
    m.controlTimer(doc, fac, { boardId, action: 'atZero', atZero: 'endVote' }, clock.now());
    expect(readMeta(doc).timer?.atZero).toBe('endVote');
    expect(
      m.controlTimer(doc, ana, { boardId, action: 'atZero', atZero: 'none' }, clock.now()),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('the timer scheduler (fake clock)', () => {
  it('acts once at zero, not before', async () => {
    const clock = new FakeClock();
    const doc = board();
    const { timers, calls } = scheduler(doc, clock);
    timers.watch(boardId, doc);
    start(doc, clock, 90, 'lock');
    clock.advance(89_999);
    expect(calls).toEqual([]);
    clock.advance(1);
    await flush();
    expect(calls).toHaveLength(1);
    expect(readMeta(doc).locked).toBe(true);
    expect(timers.stats).toEqual({ fired: 1, applied: 1 });
    // Marked acted on: nothing more is scheduled, however long the clock runs.
    clock.advance(3_600_000);
    expect(calls).toHaveLength(1);
    expect(clock.scheduledCount).toBe(0);
  });

  it('schedules nothing for a countdown that does nothing at zero', () => {
    const clock = new FakeClock();
    const doc = board();
    const { timers } = scheduler(doc, clock);
    timers.watch(boardId, doc);
    start(doc, clock, 60, 'none');
    expect(timers.scheduled(boardId)).toBeNull();
    expect(clock.scheduledCount).toBe(0);
  });

  it('follows pause, resume, +1 min and clear: it acts at the zero that counts', async () => {
    const clock = new FakeClock();
    const doc = board('vote');
    const { timers, calls } = scheduler(doc, clock);
    timers.watch(boardId, doc);
    start(doc, clock, 60, 'endVote');
    clock.advance(20_000);
    m.controlTimer(doc, fac, { boardId, action: 'pause' }, clock.now());
    expect(timers.scheduled(boardId)).toBeNull();
    clock.advance(600_000);
    expect(calls).toEqual([]);
    m.controlTimer(doc, fac, { boardId, action: 'resume' }, clock.now());
    m.controlTimer(doc, fac, { boardId, action: 'add', seconds: 60 }, clock.now());
    expect(timers.scheduled(boardId)).toBe(clock.now() + 100_000);
    clock.advance(99_999);
    expect(calls).toEqual([]);
    clock.advance(1);
    await flush();
    expect(calls).toEqual([clock.now()]);
    expect(readMeta(doc).phase).toBe('closed');
    // A cleared countdown does nothing.
    m.updateSettings(doc, fac, { boardId, phase: 'vote' });
    start(doc, clock, 10, 'endVote');
    m.controlTimer(doc, fac, { boardId, action: 'clear' }, clock.now());
    clock.advance(60_000);
    await flush();
    expect(calls).toHaveLength(1);
    expect(readMeta(doc).phase).toBe('vote');
  });

  it('acts at once on a board loaded after its zero passed, and never on one already acted on', async () => {
    const clock = new FakeClock();
    const doc = board();
    start(doc, clock, 10, 'lock');
    clock.advance(60_000);
    const { timers, calls } = scheduler(doc, clock);
    timers.watch(boardId, doc);
    clock.advance(0);
    await flush();
    expect(calls).toHaveLength(1);
    expect(readMeta(doc).locked).toBe(true);
    // Unlocked by hand after zero; loading the board again does not lock it again.
    m.updateSettings(doc, fac, { boardId, locked: false });
    timers.unwatch(boardId);
    const again = scheduler(doc, clock);
    again.timers.watch(boardId, doc);
    clock.advance(60_000);
    await flush();
    expect(again.calls).toEqual([]);
    expect(readMeta(doc).locked).toBe(false);
  });

  it('forgets a board once unwatched (unloaded)', () => {
    const clock = new FakeClock();
    const doc = board();
    const { timers, calls } = scheduler(doc, clock);
    timers.watch(boardId, doc);
    start(doc, clock, 10, 'lock');
    timers.unwatch(boardId);
    clock.advance(60_000);
    expect(calls).toEqual([]);
    expect(clock.scheduledCount).toBe(0);
    // Changes after unwatching schedule nothing either.
    start(doc, clock, 10, 'lock');
    expect(clock.scheduledCount).toBe(0);
  });
});
