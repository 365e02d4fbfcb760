import * as Y from 'yjs';
import { ManagedDocument, type PersistenceOptions } from './managedDocument.js';
import { applyStored, type DocumentStore } from './documentStore.js';
import { SOLE_WRITER, type PersistenceGate } from '../cluster/persistenceLease.js';
import type { Logger } from '../util/logger.js';

export interface CollabOptions extends PersistenceOptions {
  /** How long a document with no holder stays in memory before it is stored and unloaded (ms). */
  unloadGraceMs: number;
}

export const DEFAULT_COLLAB_OPTIONS: CollabOptions = {
  flushDelayMs: 250,
  snapshotEveryEntries: 400,
  snapshotEveryBytes: 1024 * 1024,
  retryDelayMs: 500,
  maxRetryDelayMs: 5_000,
  unloadGraceMs: 30_000,
};

/** Observers of document lives (the proposal projection uses them). */
export interface DocumentHooks {
  loaded?(managed: ManagedDocument): void;
  /** Awaited before a document is stored for unload; errors are logged, never block it. */
  beforeUnload?(managed: ManagedDocument): Promise<void>;
  /** After the final store, once the document has left memory. */
  unloaded?(name: string): void;
}

/**
 * Where a document is in its life:
 * - loading: read from the store; acquirers wait;
 * - live: in memory and attached (relay, projection), serving its holders;
 * - unloading: detached and being stored for the last time; acquirers wait for the outcome;
 * - failed: that last store failed: attached again, serving as live, its unload retried later.
 * A document leaves memory only from unloading, once stored (or at shutdown).
 */
export type DocumentState = 'loading' | 'live' | 'unloading' | 'failed';

interface Entry {
  state: DocumentState;
  ready: Promise<ManagedDocument>;
  managed: ManagedDocument | null;
  unloadTimer: NodeJS.Timeout | null;
  /** Set while the document is being stored for unload; acquirers wait for it. */
  unloading: Promise<void> | null;
}

/**
 * Owns the life of every open Y.Doc: load on first use, share while held, store and unload a
 * grace period after the last holder leaves. A document whose final store fails stays loaded.
 */
export class CollabService {
  private readonly entries = new Map<string, Entry>();
  private readonly hooks: DocumentHooks[] = [];
  private closed = false;

  private gate: PersistenceGate = SOLE_WRITER;

  constructor(
    private readonly store: DocumentStore,
    private readonly options: CollabOptions,
    private readonly logger: Logger,
  ) {}

  /** Several instances: only the lease holder of a document writes it. */
  setPersistenceGate(gate: PersistenceGate): void {
    this.gate = gate;
  }

  addHooks(hooks: DocumentHooks): void {
    this.hooks.push(hooks);
  }

  private async runBeforeUnload(managed: ManagedDocument): Promise<void> {
    for (const hooks of this.hooks) {
      await hooks
        .beforeUnload?.(managed)
        .catch((error: unknown) =>
          this.logger.warn('beforeUnload hook failed', { doc: managed.name, error: String(error) }),
        );
    }
  }

  /** Opens (or shares) a document; pair every call with `release`. */
  async acquire(name: string): Promise<ManagedDocument> {
    if (this.closed) throw new Error('collaboration service is closed');
    for (;;) {
      const entry = this.entries.get(name) ?? this.startLoading(name);
      if (entry.unloading) {
        await entry.unloading.catch(() => undefined);
        continue;
      }
      if (entry.unloadTimer) {
        clearTimeout(entry.unloadTimer);
        entry.unloadTimer = null;
      }
      const managed = await entry.ready;
      // The entry may have been replaced while we waited (failed load, or unload).
      if (this.entries.get(name) !== entry || entry.unloading) continue;
      entry.state = 'live';
      managed.holders += 1;
      return managed;
    }
  }

  release(managed: ManagedDocument): void {
    managed.holders -= 1;
    if (managed.holders > 0) return;
    const entry = this.entries.get(managed.name);
    if (!entry || entry.managed !== managed || entry.unloadTimer || entry.unloading) return;
    entry.unloadTimer = setTimeout(() => {
      entry.unloadTimer = null;
      void this.unload(managed.name, entry);
    }, this.options.unloadGraceMs);
  }

  /** Runs `fn` with the document held open. */
  async withDocument<T>(name: string, fn: (managed: ManagedDocument) => T | Promise<T>): Promise<T> {
    const managed = await this.acquire(name);
    try {
      return await fn(managed);
    } finally {
      this.release(managed);
    }
  }

  /** A new writer epoch for a document, for the persistence lease that just took it. */
  nextWriterEpoch(name: string): Promise<number> {
    return this.store.nextEpoch(name);
  }

  /** The loaded document, if any, without holding it (read synchronously, do not keep). */
  peek(name: string): ManagedDocument | null {
    return this.entries.get(name)?.managed ?? null;
  }

  /** The stored state of a document, read into a detached Y.Doc (for reads that must not load it). */
  async readStored(name: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    applyStored(doc, await this.store.load(name));
    return doc;
  }

  /** Where the document is in its life (null: not in memory). */
  stateOf(name: string): DocumentState | null {
    return this.entries.get(name)?.state ?? null;
  }

  isLoaded(name: string): boolean {
    return this.entries.get(name)?.managed != null;
  }

  get loadedCount(): number {
    return this.entries.size;
  }

  /** True when some document could not be stored and is waiting for a retry. */
  get degraded(): boolean {
    for (const entry of this.entries.values()) if (entry.managed?.degraded) return true;
    return false;
  }

  /** Stores every document now (graceful shutdown, tests). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.managed?.flush()));
  }

  /** Drops every document without storing anything: a simulated crash, for fault tests. */
  abandon(): void {
    this.closed = true;
    for (const entry of this.entries.values()) {
      if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
      entry.managed?.destroy();
    }
    this.entries.clear();
  }

  /** Stores and unloads everything; documents that cannot be stored are reported. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) {
      if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
      entry.unloadTimer = null;
    }
    await Promise.all(
      [...this.entries.entries()].map(async ([name, entry]) => {
        if (entry.unloading) return entry.unloading.catch(() => undefined);
        const managed = await entry.ready.catch(() => null);
        if (!managed) return;
        await this.runBeforeUnload(managed);
        try {
          await managed.persistForUnload();
        } catch (error) {
          this.logger.error('could not store document at shutdown', { doc: name, error: String(error) });
        }
        managed.destroy();
        this.entries.delete(name);
        for (const hooks of this.hooks) hooks.unloaded?.(name);
      }),
    );
  }

  private startLoading(name: string): Entry {
    const managed = new ManagedDocument(name, this.store, this.options, this.logger, this.gate);
    const entry: Entry = {
      state: 'loading',
      ready: managed.load().then(() => managed),
      managed: null,
      unloadTimer: null,
      unloading: null,
    };
    this.entries.set(name, entry);
    entry.ready.then(
      () => {
        entry.managed = managed;
        entry.state = 'live';
        for (const hooks of this.hooks) hooks.loaded?.(managed);
      },
      (error) => {
        this.logger.error('could not load document', { doc: name, error: String(error) });
        managed.destroy();
        if (this.entries.get(name) === entry) this.entries.delete(name);
      },
    );
    return entry;
  }

  private async unload(name: string, entry: Entry): Promise<void> {
    const managed = entry.managed;
    if (!managed || managed.holders > 0 || this.entries.get(name) !== entry) return;
    entry.state = 'unloading';
    entry.unloading = this.runBeforeUnload(managed).then(() => managed.persistForUnload());
    try {
      await entry.unloading;
    } catch (error) {
      // Keep it in memory with its updates; try again later. The beforeUnload hooks detached it
      // (relay, projection): attach it again, as a live document must be.
      this.logger.warn('could not store document for unload; keeping it loaded', {
        doc: name,
        error: String(error),
      });
      entry.unloading = null;
      entry.state = 'failed';
      for (const hooks of this.hooks) hooks.loaded?.(managed);
      if (managed.holders === 0) {
        entry.unloadTimer = setTimeout(() => {
          entry.unloadTimer = null;
          void this.unload(name, entry);
        }, this.options.unloadGraceMs);
      }
      return;
    }
    // Edits that arrived during the store (server intents) force another round.
    if (managed.hasUnsavedChanges) {
      entry.unloading = null;
      entry.state = 'live';
      return this.unload(name, entry);
    }
    managed.destroy();
    this.entries.delete(name);
    entry.unloading = null;
    for (const hooks of this.hooks) hooks.unloaded?.(name);
  }
}
