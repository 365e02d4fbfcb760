import { describe, expect, it } from 'vitest';
import type { Database, SessionDoc } from '../db/mongo.js';
import { AppEvents } from '../events/appEvents.js';
import { SessionCache } from './sessionCache.js';
import { SessionStore } from './sessions.js';

/**
 * The one collection SessionStore uses, with reads answered when the test says: enough to play
 * a database answer that lands after a logout. (The real database is in server/test.)
 */
function slowSessions() {
  const pending: ((doc: SessionDoc | null) => void)[] = [];
  let stored: SessionDoc | null = null;
  const sessions = {
    insertOne: (doc: SessionDoc) => {
      stored = doc;
      return Promise.resolve({ acknowledged: true });
    },
    findOne: () => new Promise<SessionDoc | null>((resolve) => pending.push(resolve)),
    deleteOne: () => {
      stored = null;
      return Promise.resolve({ deletedCount: 1 });
    },
  };
  return {
    db: { sessions } as unknown as Database,
    /** Answers the oldest read with what was stored when `snapshot` was taken. */
    answer: (snapshot: SessionDoc | null) => pending.shift()!(snapshot),
    get stored() {
      return stored;
    },
    get waiting() {
      return pending.length;
    },
  };
}

/**
 * A guest's session, created and cached, whose every check is due (-1: even in the millisecond
 * it was stored): the database decides, unless it takes longer than `patienceMs`.
 */
async function guestDueForCheck(patienceMs: number) {
  const database = slowSessions();
  const store = new SessionStore(
    database.db,
    false,
    new AppEvents(),
    new SessionCache({ revalidateAfterMs: -1, capacity: 10 }),
    patienceMs,
  );
  const { session, cookie } = await store.createForGuest('g1', 'Ana', { _id: 'f1', organizationId: 'org' });
  return { database, store, session, header: cookie.split(';')[0], readBefore: database.stored };
}

describe('SessionStore and its cache', () => {
  it('does not let a database answer read before a logout bring the session back', async () => {
    const { database, store, session, header, readBefore } = await guestDueForCheck(60_000);
    const check = store.fromCookieHeader(header);
    expect(database.waiting).toBe(1);
    // Meanwhile Ana logs out on another instance, which tells this one.
    store.forget(session._id);
    database.answer(readBefore);
    expect(await check).toBeNull();

    // And it stays refused: the next check asks the database again and is not served the old copy.
    const again = store.fromCookieHeader(header);
    database.answer(readBefore);
    expect(await again).toBeNull();
  });

  it('refuses a session logged out here while a check of it was on its way', async () => {
    const { database, store, session, header, readBefore } = await guestDueForCheck(60_000);
    const check = store.fromCookieHeader(header);
    await store.destroy(session);
    database.answer(readBefore);
    expect(await check).toBeNull();
  });

  it('asks the database once for connections that need the same session at the same moment', async () => {
    const { database, store, session, header, readBefore } = await guestDueForCheck(60_000);
    const board = store.fromCookieHeader(header);
    const socket = store.fromCookieHeader(header);
    expect(database.waiting).toBe(1);
    database.answer(readBefore);
    expect(await board).toEqual(session);
    expect(await socket).toEqual(session);
  });

  it('keeps a known session when the database does not answer in time', async () => {
    const { store, session, header } = await guestDueForCheck(20);
    expect(await store.fromCookieHeader(header)).toEqual(session);
  });
});
