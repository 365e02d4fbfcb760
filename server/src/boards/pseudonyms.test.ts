import { describe, expect, it } from 'vitest';
import type { Database, SettingDoc } from '../db/mongo.js';
import { Pseudonyms } from './pseudonyms.js';

/** A settings collection where another instance wins the race to create the secret. */
function raceLostSettings(): Database {
  const theirs: SettingDoc = { _id: 'pseudonyms', value: Buffer.alloc(32, 7).toString('base64') };
  const settings = {
    updateOne: async () => {
      throw Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });
    },
    findOne: async () => theirs,
  };
  return { settings } as unknown as Database;
}

describe('the pseudonym secret', () => {
  it('is read back when another instance created it at the same moment, instead of failing the join', async () => {
    const lost = new Pseudonyms(raceLostSettings());
    const key = await lost.boardKey('b1', 'u1');
    expect(key).toMatch(/^p_/);
    // The same secret gives the same pseudonym on every instance.
    expect(await new Pseudonyms(raceLostSettings()).boardKey('b1', 'u1')).toBe(key);
  });
});
