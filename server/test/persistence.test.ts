import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectDatabase, type Database } from '../src/db/mongo.js';
import {
  MongoDocumentStore,
  type CoveredEntries,
  type DocumentStore,
  type StoredDocument,
} from '../src/collab/documentStore.js';
import { CollabService, DEFAULT_COLLAB_OPTIONS, type CollabOptions } from '../src/collab/collabService.js';
import { silentLogger } from '../src/util/logger.js';
import { TEST_MONGODB_URL } from './helpers/testServer.js';
import { eventually } from './helpers/eventually.js';

/** The real MongoDB store, with switches to fail or slow down its writes. */
class ControlledStore implements DocumentStore {
  failing = false;
  snapshotDelayMs = 0;
  appends = 0;
  constructor(private readonly inner: MongoDocumentStore) {}
  load(name: string): Promise<StoredDocument> {
    return this.inner.load(name);
  }
  async appendUpdate(name: string, seq: number, update: Uint8Array): Promise<void> {
    if (this.failing) throw new Error('database unreachable');
    this.appends += 1;
    return this.inner.appendUpdate(name, seq, update);
  }
  async writeSnapshot(
    name: string,
    seq: number,
    state: Uint8Array,
    covered: CoveredEntries,
  ): Promise<boolean> {
    if (this.failing) throw new Error('database unreachable');
    if (this.snapshotDelayMs) await new Promise((r) => setTimeout(r, this.snapshotDelayMs));
    return this.inner.writeSnapshot(name, seq, state, covered);
  }
  nextEpoch(name: string): Promise<number> {
    return this.inner.nextEpoch(name);
  }
}

describe('document persistence in MongoDB', () => {
  let db: Database;
  let store: ControlledStore;
  const services: CollabService[] = [];
  const service = (options: Partial<CollabOptions> = {}) => {
    const s = new CollabService(
      store,
      { ...DEFAULT_COLLAB_OPTIONS, retryDelayMs: 50, unloadGraceMs: 50, ...options },
      silentLogger,
    );
    services.push(s);
    return s;
  };

  beforeEach(async () => {
    db = await connectDatabase(TEST_MONGODB_URL, `cocon_test_persist_${Date.now()}`);
    store = new ControlledStore(new MongoDocumentStore(db));
  });
  afterEach(async () => {
    store.failing = false;
    for (const s of services.splice(0)) await s.close();
    await db.db.dropDatabase();
    await db.close();
  });

  it('batches updates made within the flush window into one log entry', async () => {
    const collab = service({ flushDelayMs: 100 });
    const doc = await collab.acquire('board:batch');
    for (let i = 0; i < 50; i++) doc.doc.getArray('list').push([i]);
    await eventually(async () =>
      expect(await db.yjsUpdates.countDocuments({ docName: 'board:batch' })).toBe(1),
    );
    collab.release(doc);
  });

  it('replaces the log with a snapshot past 400 entries and loads snapshot plus tail', async () => {
    const collab = service({ flushDelayMs: 1 });
    const managed = await collab.acquire('board:long');
    const list = managed.doc.getArray<number>('list');
    for (let i = 0; i < 450; i++) {
      list.push([i]);
      await managed.flush();
    }
    const snapshot = await db.yjsSnapshots.findOne({ _id: 'board:long' });
    expect(snapshot?.seq).toBe(400);
    expect(await db.yjsUpdates.countDocuments({ docName: 'board:long' })).toBe(50);
    collab.release(managed);
    await collab.close();

    const loaded = await service().acquire('board:long');
    expect(loaded.doc.getArray<number>('list').toArray()).toEqual([...Array(450).keys()]);
  });

  it('snapshots at unload, after the grace period, and clears its timers', async () => {
    const collab = service({ unloadGraceMs: 100 });
    const managed = await collab.acquire('board:unload');
    managed.doc.getMap('m').set('k', 'v');
    collab.release(managed);
    expect(collab.isLoaded('board:unload')).toBe(true);
    await eventually(() => expect(collab.loadedCount).toBe(0));
    expect(await db.yjsUpdates.countDocuments({ docName: 'board:unload' })).toBe(0);
    expect((await db.yjsSnapshots.findOne({ _id: 'board:unload' }))?.seq).toBe(1);
  });

  it('keeps edits in memory while the store fails and writes them when it is back', async () => {
    const collab = service({ flushDelayMs: 10 });
    const managed = await collab.acquire('board:outage');
    store.failing = true;
    for (let i = 0; i < 10; i++) managed.doc.getArray<number>('list').push([i]);
    await eventually(() => expect(collab.degraded).toBe(true));
    // Unload is refused while the store fails: the document stays loaded.
    collab.release(managed);
    await new Promise((r) => setTimeout(r, 200));
    expect(collab.isLoaded('board:outage')).toBe(true);
    store.failing = false;
    await eventually(() => expect(collab.degraded).toBe(false), 10_000);
    await eventually(() => expect(collab.isLoaded('board:outage')).toBe(false), 10_000);

    const reloaded = await service().acquire('board:outage');
    expect(reloaded.doc.getArray<number>('list').toArray()).toEqual([...Array(10).keys()]);
  });

  it('serves a client that returns while the document is being stored for unload', async () => {
    const collab = service({ unloadGraceMs: 10 });
    store.snapshotDelayMs = 300;
    const first = await collab.acquire('board:race');
    first.doc.getMap('m').set('before', 1);
    collab.release(first);
    await new Promise((r) => setTimeout(r, 60)); // the unload store is under way now
    const second = await collab.acquire('board:race');
    expect(second).not.toBe(first);
    expect(second.doc.getMap('m').get('before')).toBe(1);
    second.doc.getMap('m').set('after', 2);
    collab.release(second);
    await collab.close();
    const third = await service().acquire('board:race');
    expect(third.doc.getMap('m').toJSON()).toEqual({ before: 1, after: 2 });
  });

  it('never moves a snapshot backwards', async () => {
    const mongo = new MongoDocumentStore(db);
    const newer = new Y.Doc();
    newer.getMap('m').set('v', 'newer');
    const none = { loaded: [], ownFrom: 1 };
    expect(await mongo.writeSnapshot('board:order', 10, Y.encodeStateAsUpdate(newer), none)).toBe(true);
    expect(await mongo.writeSnapshot('board:order', 5, Y.encodeStateAsUpdate(new Y.Doc()), none)).toBe(false);
    const loaded = await mongo.load('board:order');
    expect(loaded.snapshot?.seq).toBe(10);
  });
});
