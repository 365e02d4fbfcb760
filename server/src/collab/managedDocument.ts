import * as Y from 'yjs';
import { applyStored, EPOCH_SPAN, type DocumentStore } from './documentStore.js';
import { SOLE_WRITER, type PersistenceGate } from '../cluster/persistenceLease.js';
import type { Logger } from '../util/logger.js';

/** Origin of updates applied while loading from the store: never persisted again. */
export const LOAD_ORIGIN = Symbol('load');

export interface PersistenceOptions {
  /** Updates are appended in one batch at most this long after the first one (ms). */
  flushDelayMs: number;
  /** A snapshot replaces the log when it passes this many entries... */
  snapshotEveryEntries: number;
  /** ...or this many bytes. */
  snapshotEveryBytes: number;
  /** First retry delay after a failed store (doubles up to `maxRetryDelayMs`). */
  retryDelayMs: number;
  /**
   * Longest delay between two attempts: also how long, at most, stored edits wait after the
   * database (or Redis, for the persistence lease) comes back.
   */
  maxRetryDelayMs: number;
}

/**
 * One live Y.Doc and its persistence: batches updates into the log, snapshots when the log
 * grows, retries failed stores while keeping every update in memory.
 */
export class ManagedDocument {
  readonly doc = new Y.Doc();
  /** Connections and in-flight operations holding the document open. */
  holders = 0;
  /** Approximate encoded size, to bound documents without re-encoding on every update. */
  approxBytes = 0;

  private pending: Uint8Array[] = [];
  private lastSeq = 0;
  /** Log entries read from the store into the document: a snapshot covers them. */
  private loadedSeqs: number[] = [];
  private entriesSinceSnapshot = 0;
  private bytesSinceSnapshot = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private failures = 0;
  private destroyed = false;

  constructor(
    readonly name: string,
    private readonly store: DocumentStore,
    private readonly options: PersistenceOptions,
    private readonly logger: Logger,
    /** With several instances, only the lease holder writes (see cluster/persistenceLease.ts). */
    private readonly gate: PersistenceGate = SOLE_WRITER,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.approxBytes += update.byteLength;
      if (origin === LOAD_ORIGIN) return;
      this.pending.push(update);
      this.scheduleFlush(this.options.flushDelayMs);
    });
  }

  /** Loads the stored state (see applyStored) and picks the log counters up where they were. */
  async load(): Promise<void> {
    const stored = await this.store.load(this.name);
    this.lastSeq = applyStored(this.doc, stored, LOAD_ORIGIN);
    this.loadedSeqs = stored.updates.map((u) => u.seq);
    this.entriesSinceSnapshot = stored.updates.length;
    this.bytesSinceSnapshot = stored.updates.reduce((sum, u) => sum + u.update.byteLength, 0);
    this.approxBytes = (stored.snapshot?.state.byteLength ?? 0) + this.bytesSinceSnapshot;
    if (this.needsSnapshot() && this.gate.right(this.name) === 'write') {
      await this.snapshot().catch((error) => this.reportFailure(error));
    }
  }

  /**
   * Whether the document stays within `limit` bytes once `extra` more arrive. The running count
   * adds up every update (cheap) and so overstates a document that was edited a lot; before
   * refusing, the real encoded size is measured and the count starts again from it.
   */
  fitsWithin(limit: number, extra: number): boolean {
    if (this.approxBytes + extra <= limit) return true;
    this.approxBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.approxBytes + extra <= limit;
  }

  get hasUnsavedChanges(): boolean {
    return this.pending.length > 0 || this.flushing !== null;
  }

  get degraded(): boolean {
    return this.failures > 0;
  }

  /** Writes pending updates now (and a snapshot when due). Rejects if the store fails. */
  async flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.pending.length === 0) return;
    const right = this.gate.right(this.name);
    if (right === 'skip') {
      // The writing instance got these through the relay and stores them.
      this.pending = [];
      return;
    }
    if (right === 'hold') throw new Error('persistence on hold: cannot tell which instance writes');
    this.flushing = this.writePending().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  /**
   * Stores the pending updates now if it can; when it cannot (database away, Redis away so the
   * writer is unknown) they stay pending and the usual retries store them. For callers that must
   * not fail after their own record was written (a board or proposal just created).
   */
  async flushOrKeep(): Promise<boolean> {
    try {
      await this.flush();
      return true;
    } catch (error) {
      this.logger.warn('store deferred; the updates stay pending', { doc: this.name, error: String(error) });
      this.scheduleFlush(this.options.retryDelayMs);
      return false;
    }
  }

  /** Flushes and snapshots so the log is compacted before the document leaves memory. */
  async persistForUnload(): Promise<void> {
    await this.flush();
    if (this.entriesSinceSnapshot > 0 && this.gate.right(this.name) === 'write') await this.snapshot();
  }

  /**
   * This instance just became the document's writer (the previous one left or died): merge
   * what the store holds, then store the whole live state, which covers everything the previous
   * writer had not written yet but relayed to us.
   */
  async takeOverPersistence(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    this.flushing = this.takeOver().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async takeOver(): Promise<void> {
    const stored = await this.store.load(this.name);
    this.lastSeq = Math.max(this.lastSeq, applyStored(this.doc, stored, LOAD_ORIGIN));
    this.loadedSeqs = [...new Set([...this.loadedSeqs, ...stored.updates.map((u) => u.seq)])];
    // The updates pending now are in the state the snapshot encodes; they are dropped only once
    // it is written (a failed snapshot keeps them for the next flush).
    const covered = this.pending.length;
    // A seq of its own epoch, above anything an earlier writer numbered.
    this.nextSeq();
    if (await this.snapshot()) this.pending.splice(0, covered);
  }

  destroy(): void {
    this.destroyed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.doc.destroy();
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushTimer || this.destroyed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush().catch((error) => this.reportFailure(error));
    }, delayMs);
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    // A batch spans at most `flushDelayMs` of edits: merging it is cheap, unlike merging a log.
    const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    const seq = this.nextSeq();
    try {
      await this.store.appendUpdate(this.name, seq, update);
    } catch (error) {
      // Keep the updates; the next attempt uses a fresh seq, so a write that did land is
      // merely duplicated, which Yjs tolerates.
      this.pending = batch.concat(this.pending);
      throw error;
    }
    this.failures = 0;
    this.entriesSinceSnapshot += 1;
    this.bytesSinceSnapshot += update.byteLength;
    if (this.needsSnapshot()) await this.snapshot();
  }

  private needsSnapshot(): boolean {
    return (
      this.entriesSinceSnapshot >= this.options.snapshotEveryEntries ||
      this.bytesSinceSnapshot >= this.options.snapshotEveryBytes
    );
  }

  /** The first seq of this writer's epoch range, minus one (see EPOCH_SPAN). */
  private epochBase(): number {
    return this.gate.epoch(this.name) * EPOCH_SPAN;
  }

  private nextSeq(): number {
    this.lastSeq = Math.max(this.lastSeq, this.epochBase()) + 1;
    return this.lastSeq;
  }

  /**
   * The live document covers every entry it loaded and every entry it wrote in its epoch
   * (updates are idempotent). Returns false when a newer writer's snapshot is already stored:
   * this instance was fenced off and deletes nothing.
   */
  private async snapshot(): Promise<boolean> {
    const state = Y.encodeStateAsUpdate(this.doc);
    const base = this.epochBase();
    const seq = Math.max(this.lastSeq, base);
    const loaded = this.loadedSeqs;
    const written = await this.store.writeSnapshot(this.name, seq, state, { loaded, ownFrom: base + 1 });
    this.entriesSinceSnapshot = 0;
    this.bytesSinceSnapshot = 0;
    this.approxBytes = state.byteLength;
    if (!written) {
      this.logger.warn('a newer writer stored this document; this snapshot was not written', {
        doc: this.name,
        seq,
      });
      return false;
    }
    const deleted = new Set(loaded);
    this.loadedSeqs = this.loadedSeqs.filter((s) => !deleted.has(s));
    return true;
  }

  private reportFailure(error: unknown): void {
    this.failures += 1;
    const delay = Math.min(
      this.options.maxRetryDelayMs,
      this.options.retryDelayMs * 2 ** Math.min(this.failures - 1, 8),
    );
    this.logger.warn('document store failed; will retry', {
      doc: this.name,
      attempt: this.failures,
      retryInMs: delay,
      error: String(error),
    });
    this.scheduleFlush(delay);
  }
}
