import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardDocName, newId, readMeta, type TimerZeroAction } from '@cocon/shared';
import type { TimerClock } from '../src/boards/timerActions.js';
import type { Database } from '../src/db/mongo.js';
import { createTestDatabase, startInstance, type Fixtures, type TestServer } from './helpers/testServer.js';
import { emitOk, joinAsGuest, login, socketClient, yjsClient } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The instances' timer clock: the real time plus what the test advanced it by; a timeout runs
 * only when the test advances the clock past it (both instances share it, as they would share
 * the wall clock).
 */
class SharedFakeClock implements TimerClock {
  private offset = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  now = () => Date.now() + this.offset;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.pending.set(id, { at: this.now() + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown) => void this.pending.delete(handle as number);
  advance(ms: number) {
    this.offset += ms;
    const due = [...this.pending.entries()].filter(([, t]) => t.at <= this.now());
    for (const [id, t] of due) {
      this.pending.delete(id);
      t.fn();
    }
  }
}

describe('a countdown that acts at zero, on two instances', () => {
  let db: Database;
  let fixtures: Fixtures;
  let prefix: string;
  let clock: SharedFakeClock;
  const instances: TestServer[] = [];
  const cleanups: (() => void)[] = [];

  beforeEach(async () => {
    ({ db, fixtures } = await createTestDatabase());
    prefix = `cocon-test:${newId(8)}:`;
    clock = new SharedFakeClock();
    for (let i = 0; i < 2; i++) {
      instances.push(
        await startInstance(db, fixtures, { redis: { url: REDIS_URL, prefix }, timerClock: clock }),
      );
    }
  });
  afterEach(async () => {
    cleanups.splice(0).forEach((fn) => fn());
    for (const instance of instances.splice(0)) await instance.close().catch(() => undefined);
    await db.db.dropDatabase().catch(() => undefined);
    await db.close();
  });

  /**
   * The facilitator runs the board from instance A (and reads it there); a guest reads it on B:
   * both instances have the document loaded, so both schedule the zero.
   */
  async function countdownToZero(atZero: TimerZeroAction, phase: 'collect' | 'vote') {
    const [a, b] = instances as [TestServer, TestServer];
    const docName = boardDocName(fixtures.boardId);
    const fac = await login(a, fixtures.facilitatorEmail);
    const facDoc = yjsClient(a, docName, fac);
    const guestDoc = yjsClient(b, docName, await joinAsGuest(b, fixtures.joinCode, 'Ana'));
    const facSocket = await socketClient(a, fac);
    cleanups.push(facDoc.destroy, guestDoc.destroy, () => facSocket.close());
    await Promise.all([facDoc.synced(), guestDoc.synced()]);
    if (phase !== 'collect') await emitOk(facSocket, 'board:settings', { boardId: fixtures.boardId, phase });
    await emitOk(facSocket, 'board:timer', {
      boardId: fixtures.boardId,
      action: 'start',
      seconds: 120,
      atZero,
    });
    const endsAt = await eventually(() => {
      const timer = readMeta(guestDoc.doc).timer;
      expect(timer?.atZero).toBe(atZero);
      return timer!.endsAt!;
    });
    await eventually(() => {
      for (const instance of [a, b]) expect(instance.app.timers.scheduled(fixtures.boardId)).toBe(endsAt);
    });
    clock.advance(119_000);
    expect(readMeta(guestDoc.doc)).toMatchObject({ locked: false, phase });
    clock.advance(1_000);
    return { a, b, guestDoc, facDoc, endsAt };
  }

  const zeroAudits = () =>
    db.audit.countDocuments({ targetId: fixtures.boardId, action: 'board:timer-zero' });

  it('locks the board at zero, once, though both instances reach zero', async () => {
    const { a, b, guestDoc, facDoc } = await countdownToZero('lock', 'collect');
    await eventually(() => {
      for (const doc of [guestDoc.doc, facDoc.doc]) {
        expect(readMeta(doc)).toMatchObject({ locked: true, timer: { actedAt: expect.any(Number) } });
      }
    });
    await eventually(() => expect(a.app.timers.stats.fired + b.app.timers.stats.fired).toBe(2));
    expect(a.app.timers.stats.applied + b.app.timers.stats.applied).toBe(1);
    expect(await zeroAudits()).toBe(1);
    // Nothing is left scheduled anywhere: the timer is marked acted on.
    expect([a, b].map((i) => i.app.timers.scheduled(fixtures.boardId))).toEqual([null, null]);
  });

  it('ends the vote at zero (vote -> closed), once', async () => {
    const { a, b, guestDoc } = await countdownToZero('endVote', 'vote');
    await eventually(() => expect(readMeta(guestDoc.doc).phase).toBe('closed'));
    await eventually(() => expect(a.app.timers.stats.fired + b.app.timers.stats.fired).toBe(2));
    expect(a.app.timers.stats.applied + b.app.timers.stats.applied).toBe(1);
    expect(await zeroAudits()).toBe(1);
    expect(readMeta(guestDoc.doc).locked).toBe(false);
  });
});
