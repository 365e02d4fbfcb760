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
  /**
   * Sessions deleted lately, and until when they stay refused here: a database answer read
   * before a logout may land after it, and must not bring the session back.
   */
  private readonly revoked = new Map<string, number>();

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

  /** Records a session just read from (or written to) the database, unless it was deleted since. */
  set(session: SessionDoc, now = Date.now()): void {
    if (this.isRevoked(session._id, now)) return;
    // Re-inserting moves it to the end: the Map's order is the order of last checks.
    this.entries.delete(session._id);
    this.entries.set(session._id, { session, checkedAt: now });
    while (this.entries.size > this.options.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Forgets a session that is gone (logged out, expired, not found), refusing it for a while. */
  delete(id: string, now = Date.now()): void {
    this.entries.delete(id);
    this.revoked.delete(id);
    this.revoked.set(id, now + Math.max(120_000, 2 * this.options.revalidateAfterMs));
    if (this.revoked.size > this.options.capacity) {
      for (const [key, until] of this.revoked) if (until < now) this.revoked.delete(key);
      // Still full: the oldest marks go first (Map order is insertion order).
      for (const key of this.revoked.keys()) {
        if (this.revoked.size <= this.options.capacity) break;
        this.revoked.delete(key);
      }
    }
  }

  /** Forgets a session that changed elsewhere, so that its next use reads it again. */
  expire(id: string): void {
    this.entries.delete(id);
  }

  /** Whether a session was deleted lately: a database answer read before that is stale. */
  isRevoked(id: string, now = Date.now()): boolean {
    const until = this.revoked.get(id);
    if (until === undefined) return false;
    if (until >= now) return true;
    this.revoked.delete(id);
    return false;
  }

  get size(): number {
    return this.entries.size;
  }
}
