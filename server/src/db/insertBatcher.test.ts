import { describe, expect, it } from 'vitest';
import type { Collection } from 'mongodb';
import { InsertBatcher } from './insertBatcher.js';
import { isDuplicateKey } from './mongo.js';

interface Doc {
  _id: string;
}

/** A collection that takes a few ms per write, refuses ids it holds, and records each write. */
function fakeCollection(options: { down?: boolean } = {}) {
  const held = new Set<string>(['taken']);
  const writes: number[] = [];
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
  const duplicate = (index: number) => ({ index, code: 11000, errmsg: 'E11000 duplicate key' });
  const collection = {
    async insertOne(doc: Doc) {
      writes.push(1);
      await pause();
      if (options.down) throw new Error('database away');
      if (held.has(doc._id)) throw Object.assign(new Error('E11000'), { code: 11000 });
      held.add(doc._id);
    },
    async insertMany(docs: Doc[]) {
      writes.push(docs.length);
      await pause();
      if (options.down) throw new Error('database away');
      const refused = docs.flatMap((doc, index) => {
        if (held.has(doc._id)) return [duplicate(index)];
        held.add(doc._id);
        return [];
      });
      if (refused.length) throw Object.assign(new Error('bulk'), { writeErrors: refused });
    },
  } as unknown as Collection<Doc>;
  return { collection, held, writes };
}

describe('inserts written together while a write is under way', () => {
  it('writes a lone insert at once, and a crowd in few writes', async () => {
    const { collection, held, writes } = fakeCollection();
    const batcher = new InsertBatcher(collection, 50);
    await batcher.insert({ _id: 'alone' });
    expect(writes).toEqual([1]);
    await Promise.all(Array.from({ length: 120 }, (_, i) => batcher.insert({ _id: `g${i}` })));
    expect(held.size).toBe(1 + 1 + 120);
    // 120 asked at once: three writes of at most 50.
    expect(writes).toEqual([1, 50, 50, 20]);
  });

  it('fails only the documents the database refused, with their duplicate-key code', async () => {
    const { collection, held } = fakeCollection();
    const batcher = new InsertBatcher(collection);
    const outcomes = await Promise.allSettled(
      ['first', 'a', 'taken', 'b', 'a'].map((id) => batcher.insert({ _id: id })),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    for (const o of outcomes) if (o.status === 'rejected') expect(isDuplicateKey(o.reason)).toBe(true);
    expect([...held].sort()).toEqual(['a', 'b', 'first', 'taken']);
  });

  it('fails every insert of a write the database did not answer, and writes the next ones', async () => {
    const down = fakeCollection({ down: true });
    const batcher = new InsertBatcher(down.collection);
    const outcomes = await Promise.allSettled(['x', 'y', 'z'].map((id) => batcher.insert({ _id: id })));
    expect(outcomes.every((o) => o.status === 'rejected' && !isDuplicateKey(o.reason))).toBe(true);
  });
});
