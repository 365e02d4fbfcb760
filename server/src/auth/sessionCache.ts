import type { SessionDoc } from '../db/mongo.js';

export interface SessionCacheOptions {
  /** A cached session is read again from the database once it is older than this. */
  revalidateAfterMs: number;
  /** Sessions kept at most (the least recently checked go first). */
  capacity: number;
}

export const DEFAULT_SESSION_CACHE: SessionCacheOptions = { revalidateAfterMs: 60_000, capacity: 20_000 };

/**
 * Sessions this instance has seen, by id (the token's hash). Every WebSocket upgrade and
 * socket.io handshake needs the session behind a cookie: a forum's reconnect storm (an instance
 * restarting, a venue's Wi-Fi coming back) would otherwise read the database hundreds of times
 * at once, and nobody could reconnect while the database is away.
 *
 * Entries are checked against the database again after `revalidateAfterMs`; a session
 * destroyed here is dropped at once, and on the other instances when they hear of it (Redis).
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: SessionDoc; checkedAt: number }>();

  constructor(private readonly options: SessionCacheOptions = DEFAULT_SESSION_CACHE) {}

  /** The cached session and whether it is recent enough to use without asking the database. */
  get(id: string, now = Date.now()): { session: SessionDoc; fresh: boolean } | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (entry.session.expiresAt.getTime() < now) {
      this.entries.delete(id);
      return null;
    }
    return { session: entry.session, fresh: now - entry.checkedAt <= this.options.revalidateAfterMs };
  }

  /** Records a session just read from (or written to) the database. */
  set(session: SessionDoc, now = Date.now()): void {
    // Re-inserting moves it to the end: the Map's order is the order of last checks.
    this.entries.delete(session._id);
    this.entries.set(session._id, { session, checkedAt: now });
    while (this.entries.size > this.options.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
