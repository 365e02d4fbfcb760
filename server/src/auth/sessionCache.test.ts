import { describe, expect, it } from 'vitest';
import type { SessionDoc } from '../db/mongo.js';
import { SessionCache } from './sessionCache.js';

const session = (id: string, expiresAt = 10_000_000): SessionDoc => ({
  _id: id,
  kind: 'guest',
  userId: `u-${id}`,
  displayName: id,
  role: null,
  email: null,
  forumId: 'f1',
  organizationId: 'org',
  platformOperator: false,
  language: 'fr',
  csrfToken: 't',
  createdAt: new Date(0),
  expiresAt: new Date(expiresAt),
});

describe('SessionCache', () => {
  it('serves a session fresh until it is due for a check, then stale', () => {
    const cache = new SessionCache({ revalidateAfterMs: 1_000, capacity: 10 });
    cache.set(session('a'), 5_000);
    expect(cache.get('a', 6_000)).toMatchObject({ fresh: true });
    expect(cache.get('a', 6_001)).toMatchObject({ fresh: false });
    expect(cache.get('b', 6_000)).toBeNull();
  });

  it('never serves an expired session', () => {
    const cache = new SessionCache({ revalidateAfterMs: 60_000, capacity: 10 });
    cache.set(session('a', 7_000), 5_000);
    expect(cache.get('a', 7_001)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('drops the least recently checked sessions beyond its capacity', () => {
    const cache = new SessionCache({ revalidateAfterMs: 60_000, capacity: 2 });
    cache.set(session('a'), 1);
    cache.set(session('b'), 2);
    cache.set(session('a'), 3); // checked again: now the most recent
    cache.set(session('c'), 4);
    expect(cache.get('b', 5)).toBeNull();
    expect(cache.get('a', 5)).not.toBeNull();
    expect(cache.get('c', 5)).not.toBeNull();
  });

  it('forgets a deleted session, and refuses to take it back for a while', () => {
    const cache = new SessionCache({ revalidateAfterMs: 60_000, capacity: 10 });
    cache.set(session('a'), 1_000);
    cache.delete('a', 1_000);
    expect(cache.get('a', 1_000)).toBeNull();
    // A database answer read before the deletion lands now: ignored.
    cache.set(session('a'), 2_000);
    expect(cache.get('a', 2_000)).toBeNull();
    expect(cache.isRevoked('a', 2_000)).toBe(true);
    // Two check periods later the mark is gone (a deleted session never comes back anyway).
    expect(cache.isRevoked('a', 1_000 + 120_001)).toBe(false);
  });
});
