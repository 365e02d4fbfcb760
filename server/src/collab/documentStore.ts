import { Binary } from 'mongodb';
import * as Y from 'yjs';
import { isDuplicateKey, type Database } from '../db/mongo.js';

/** What a document's persisted history looks like when loaded. */
export interface StoredDocument {
  snapshot: { seq: number; state: Uint8Array } | null;
  /**
   * Every log entry still stored, in seq order. Entries at or below the snapshot's seq are
   * usually covered by it, but not always (a former writer's late append): Yjs applies them
   * idempotently, so none is skipped.
   */
  updates: { seq: number; update: Uint8Array }[];
}

/**
 * Log entries are numbered `epoch * EPOCH_SPAN + n`: each writer epoch (a persistence lease
 * held, see cluster/persistenceLease.ts) numbers its entries above every earlier epoch's, so two
 * writers never share a seq and a former writer's snapshot never outranks or deletes the new
 * writer's entries. One server alone writes in epoch 0.
 */
export const EPOCH_SPAN = 2 ** 32;

/** The log entries a snapshot covers, and only those are deleted once it is written. */
export interface CoveredEntries {
  /** Entries read from the store and applied to the document. */
  loaded: number[];
  /** Every entry from this seq to the snapshot's: written by this writer in its epoch. */
  ownFrom: number;
}

/**
 * Applies a stored document to `doc`: the snapshot, then the log entries one by one (never
 * Y.mergeUpdates over a long log). Returns the highest seq it covered.
 */
export function applyStored(doc: Y.Doc, stored: StoredDocument, origin: unknown = null): number {
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state, origin);
      for (const { update } of stored.updates) Y.applyUpdate(doc, update, origin);
    },
    origin,
  );
  return Math.max(stored.snapshot?.seq ?? 0, stored.updates.at(-1)?.seq ?? 0);
}

/** Storage of Yjs documents: an append-only update log plus one snapshot per document. */
export interface DocumentStore {
  load(docName: string): Promise<StoredDocument>;
  appendUpdate(docName: string, seq: number, update: Uint8Array): Promise<void>;
  /**
   * Writes the snapshot unless one at or past `seq` exists; only when it was written, drops the
   * log entries it covers. Returns whether it was written.
   */
  writeSnapshot(docName: string, seq: number, state: Uint8Array, covered: CoveredEntries): Promise<boolean>;
  /** A writer epoch higher than any handed out before for this document (durable). */
  nextEpoch(docName: string): Promise<number>;
}

const toBytes = (binary: Binary): Uint8Array => new Uint8Array(binary.buffer);

export class MongoDocumentStore implements DocumentStore {
  constructor(private readonly db: Database) {}

  async load(docName: string): Promise<StoredDocument> {
    const [snapshotDoc, updates] = await Promise.all([
      this.db.yjsSnapshots.findOne({ _id: docName }),
      this.db.yjsUpdates
        .find({ docName }, { projection: { seq: 1, update: 1 } })
        .sort({ seq: 1 })
        .toArray(),
    ]);
    return {
      snapshot: snapshotDoc ? { seq: snapshotDoc.seq, state: toBytes(snapshotDoc.state) } : null,
      updates: updates.map((u) => ({ seq: u.seq, update: toBytes(u.update) })),
    };
  }

  async appendUpdate(docName: string, seq: number, update: Uint8Array): Promise<void> {
    await this.db.yjsUpdates.insertOne({
      docName,
      seq,
      update: new Binary(update),
      bytes: update.byteLength,
      at: new Date(),
    });
  }

  async writeSnapshot(
    docName: string,
    seq: number,
    state: Uint8Array,
    covered: CoveredEntries,
  ): Promise<boolean> {
    try {
      // The filter on seq keeps a snapshot from ever going backwards.
      await this.db.yjsSnapshots.updateOne(
        { _id: docName, seq: { $lt: seq } },
        { $set: { seq, state: new Binary(state), bytes: state.byteLength, at: new Date() } },
        { upsert: true },
      );
    } catch (error) {
      // Duplicate key: a snapshot at or past `seq` exists (a newer writer's); keep the log.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.db.yjsUpdates.deleteMany({
      docName,
      $or: [{ seq: { $gte: covered.ownFrom, $lte: seq } }, { seq: { $in: covered.loaded } }],
    });
    return true;
  }

  async nextEpoch(docName: string): Promise<number> {
    const increment = () =>
      this.db.yjsEpochs.findOneAndUpdate(
        { _id: docName },
        { $inc: { epoch: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
    // Two first upserts at once: one inserts, the other meets the key and increments it now.
    const result = await increment().catch((error: unknown) => {
      if (isDuplicateKey(error)) return increment();
      throw error;
    });
    return result?.epoch ?? 1;
  }
}
