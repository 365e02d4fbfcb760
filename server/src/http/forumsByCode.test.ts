import { describe, expect, it, vi } from 'vitest';
import type { Database, ForumDoc } from '../db/mongo.js';
import { forumsByCode } from './authRoutes.js';

const forum = { _id: 'f1', organizationId: 'org', joinCode: 'ROOM42' } as ForumDoc;

function fakeDb(find: (code: string) => ForumDoc | null) {
  const findOne = vi.fn(async (filter: { joinCode: string }) => find(filter.joinCode));
  return { db: { forums: { findOne } } as unknown as Database, findOne };
}

describe('forums by join code', () => {
  it('reads a code once for a room joining at once, and again after the time to live', async () => {
    const { db, findOne } = fakeDb((code) => (code === 'ROOM42' ? forum : null));
    let now = 1_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const byCode = forumsByCode(db, 10_000);
    const found = await Promise.all(Array.from({ length: 500 }, () => byCode('ROOM42')));
    expect(found.every((f) => f === forum)).toBe(true);
    expect(findOne).toHaveBeenCalledTimes(1);
    now += 10_000;
    await byCode('ROOM42');
    expect(findOne).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
  });

  it('keeps no code that no forum has, nor a failed read', async () => {
    let fail = true;
    const { db, findOne } = fakeDb(() => {
      if (fail) throw new Error('database away');
      return null;
    });
    const byCode = forumsByCode(db);
    await expect(byCode('ROOM42')).rejects.toThrow('database away');
    fail = false;
    expect(await byCode('ROOM42')).toBeNull();
    expect(await byCode('ROOM42')).toBeNull();
    expect(findOne).toHaveBeenCalledTimes(3);
  });
});
