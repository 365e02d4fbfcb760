import { Binary } from 'mongodb';
import * as Y from 'yjs';
import { isDuplicateKey, type Database } from '../db/mongo.js';

/** What a document's persisted history looks like when loaded. */
export interface StoredDocument {
  snapshot: { seq: number; state: Uint8Array } | null;
  /** Updates newer than the snapshot, in seq order. */
  updates: { seq: number; update: Uint8Array }[];
}

/**
 * Applies a stored document to `doc`: the snapshot, then the newer log entries one by one
 * (never Y.mergeUpdates over a long log). Returns the highest seq it covered.
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
  /** Writes the snapshot unless a newer one exists, then drops the log entries it covers. */
  writeSnapshot(docName: string, seq: number, state: Uint8Array): Promise<void>;
}

const toBytes = (binary: Binary): Uint8Array => new Uint8Array(binary.buffer);

export class MongoDocumentStore implements DocumentStore {
  constructor(private readonly db: Database) {}

  async load(docName: string): Promise<StoredDocument> {
    const snapshotDoc = await this.db.yjsSnapshots.findOne({ _id: docName });
    const fromSeq = snapshotDoc?.seq ?? 0;
    const updates = await this.db.yjsUpdates
      .find({ docName, seq: { $gt: fromSeq } }, { projection: { seq: 1, update: 1 } })
      .sort({ seq: 1 })
      .toArray();
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

  async writeSnapshot(docName: string, seq: number, state: Uint8Array): Promise<void> {
    try {
      // The filter on seq keeps a snapshot from ever going backwards.
      await this.db.yjsSnapshots.updateOne(
        { _id: docName, seq: { $lt: seq } },
        { $set: { seq, state: new Binary(state), bytes: state.byteLength, at: new Date() } },
        { upsert: true },
      );
    } catch (error) {
      // Duplicate key: a snapshot at or past `seq` exists already; nothing to do.
      if (!isDuplicateKey(error)) throw error;
    }
    await this.db.yjsUpdates.deleteMany({ docName, seq: { $lte: seq } });
  }
}
