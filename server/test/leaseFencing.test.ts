import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { connectDatabase, type Database } from '../src/db/mongo.js';
import { MongoDocumentStore } from '../src/collab/documentStore.js';
import { DEFAULT_COLLAB_OPTIONS } from '../src/collab/collabService.js';
import { ManagedDocument } from '../src/collab/managedDocument.js';
import { PersistenceLeases, type PersistenceGate } from '../src/cluster/persistenceLease.js';
import { silentLogger } from '../src/util/logger.js';
import { TEST_MONGODB_URL } from './helpers/testServer.js';
import { eventually } from './helpers/eventually.js';

/** A writer that believes it holds the lease in `epoch` (no timers: every store is explicit). */
const writerGate = (epoch: number): PersistenceGate => ({ right: () => 'write', epoch: () => epoch });
const OPTIONS = { ...DEFAULT_COLLAB_OPTIONS, flushDelayMs: 60_000, retryDelayMs: 60_000 };
const epochOf = (seq: number) => Math.floor((seq - 1) / 2 ** 32);

describe('persistence lease fencing (issue 12 item 11)', () => {
  let db: Database;
  let store: MongoDocumentStore;
  const docs: ManagedDocument[] = [];
  const open = (gate: PersistenceGate) => {
    const managed = new ManagedDocument('board:fenced', store, OPTIONS, silentLogger, gate);
    docs.push(managed);
    return managed;
  };
  const edit = async (managed: ManagedDocument, key: string) => {
    managed.doc.getMap('ideas').set(key, true);
    await managed.flush();
  };

  beforeEach(async () => {
    db = await connectDatabase(TEST_MONGODB_URL, `cocon_test_fence_${Date.now()}`);
    store = new MongoDocumentStore(db);
  });
  afterEach(async () => {
    for (const managed of docs.splice(0)) managed.destroy();
    await db.db.dropDatabase();
    await db.close();
  });

  it('keeps a former writer’s late snapshot from replacing or deleting what the new writer stored', async () => {
    const former = open(writerGate(1));
    await former.load();
    for (const key of ['a1', 'a2', 'a3', 'a4', 'a5']) await edit(former, key);

    // The lease expired while the former writer was stalled; another instance takes over.
    const next = open(writerGate(2));
    await next.load();
    await next.takeOverPersistence();
    await edit(next, 'b1');

    // The former writer wakes up: its last appends and its unload snapshot were in flight.
    await edit(former, 'late1');
    await edit(former, 'late2');
    await former.persistForUnload();

    const fresh = open(writerGate(3));
    await fresh.load();
    expect(Object.keys(fresh.doc.getMap('ideas').toJSON()).sort()).toEqual([
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
      'b1',
      'late1',
      'late2',
    ]);
    // The new writer's snapshot stands; the former writer's late entries wait in the log.
    const snapshot = await db.yjsSnapshots.findOne({ _id: 'board:fenced' });
    expect(epochOf(snapshot!.seq)).toBe(2);
  });

  it('numbers each writer’s log above every earlier writer’s, and the next snapshot clears both', async () => {
    const former = open(writerGate(1));
    await former.load();
    await edit(former, 'a1');
    const next = open(writerGate(2));
    await next.load();
    await next.takeOverPersistence();
    await edit(former, 'late');
    await edit(next, 'b1');
    const seqs = (await db.yjsUpdates.find({ docName: 'board:fenced' }).toArray()).map((u) => u.seq);
    expect(seqs.map(epochOf).sort()).toEqual([1, 2]);

    // A later writer loads everything, snapshots, and leaves an empty log.
    const later = open(writerGate(3));
    await later.load();
    await later.takeOverPersistence();
    expect(await db.yjsUpdates.countDocuments({ docName: 'board:fenced' })).toBe(0);
    const fresh = open(writerGate(4));
    await fresh.load();
    expect(Object.keys(fresh.doc.getMap('ideas').toJSON()).sort()).toEqual(['a1', 'b1', 'late']);
  });

  it('hands each lease taken a higher epoch, kept in the database rather than in Redis', async () => {
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    const prefix = `cocon-test-fence-${Date.now()}:`;
    const acquired: string[] = [];
    const lease = (id: string) =>
      new PersistenceLeases(
        redis,
        id,
        prefix,
        (name) => store.nextEpoch(name),
        (name) => acquired.push(`${id}:${name}`),
        silentLogger,
      );
    await new Promise((resolve) => redis.once('ready', resolve));
    const first = lease('first');
    const second = lease('second');
    try {
      await first.watch('board:fenced');
      expect(first.right('board:fenced')).toBe('write');
      const firstEpoch = first.epoch('board:fenced');
      await first.release('board:fenced');
      // Redis forgetting everything (it keeps nothing on disk) must not lower the epoch.
      await redis.del(`${prefix}lease:board:fenced`);
      await second.watch('board:fenced');
      await eventually(() => expect(second.right('board:fenced')).toBe('write'));
      expect(second.epoch('board:fenced')).toBeGreaterThan(firstEpoch);
      expect(acquired).toEqual(['first:board:fenced', 'second:board:fenced']);
    } finally {
      first.close();
      second.close();
      redis.disconnect();
    }
  });
});
