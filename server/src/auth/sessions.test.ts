import { describe, expect, it } from 'vitest';
import type { Database, SessionDoc } from '../db/mongo.js';
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

describe('SessionStore and its cache', () => {
  it('does not let a database answer read before a logout bring the session back', async () => {
    const database = slowSessions();
    // Every cached session is due for a check (-1: even in the millisecond it was stored); the
    // database decides however long it takes.
    const store = new SessionStore(
      database.db,
      false,
      new SessionCache({ revalidateAfterMs: -1, capacity: 10 }),
      60_000,
    );
    const { session, cookie } = await store.createForGuest('g1', 'Ana', 'f1');
    const header = cookie.split(';')[0];
    const readBefore = database.stored;

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
    const database = slowSessions();
    const store = new SessionStore(
      database.db,
      false,
      new SessionCache({ revalidateAfterMs: -1, capacity: 10 }),
      60_000,
    );
    const { session, cookie } = await store.createForGuest('g1', 'Ana', 'f1');
    const readBefore = database.stored;
    const check = store.fromCookieHeader(cookie.split(';')[0]);
    await store.destroy(session);
    database.answer(readBefore);
    expect(await check).toBeNull();
  });

  it('keeps a known session when the database does not answer in time', async () => {
    const database = slowSessions();
    const store = new SessionStore(
      database.db,
      false,
      new SessionCache({ revalidateAfterMs: -1, capacity: 10 }),
      20,
    );
    const { session, cookie } = await store.createForGuest('g1', 'Ana', 'f1');
    expect(await store.fromCookieHeader(cookie.split(';')[0])).toEqual(session);
  });
});
