import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ManagedDocument } from './managedDocument.js';
import { DEFAULT_COLLAB_OPTIONS } from './collabService.js';
import type { DocumentStore } from './documentStore.js';
import { silentLogger } from '../util/logger.js';
import type { PersistenceGate } from '../cluster/persistenceLease.js';

/** A store that keeps nothing: only the size accounting is under test. */
const nowhere: DocumentStore = {
  load: async () => ({ snapshot: null, updates: [] }),
  appendUpdate: async () => undefined,
  writeSnapshot: async () => true,
  nextEpoch: async () => 1,
};

describe('a managed document’s size', () => {
  it('is measured from its real state before an edit is refused, not from the sum of every update', () => {
    const managed = new ManagedDocument('proposal-fields:p', nowhere, DEFAULT_COLLAB_OPTIONS, silentLogger);
    const text = managed.doc.getText('t');
    // 20,000 keystrokes that leave a short text: each one counted, the state stays small.
    for (let i = 0; i < 10_000; i += 1) {
      text.insert(0, 'a');
      text.delete(0, 1);
    }
    text.insert(0, 'Bonjour');
    const real = Y.encodeStateAsUpdate(managed.doc).byteLength;
    expect(managed.approxBytes).toBeGreaterThan(100_000);
    expect(real).toBeLessThan(20_000);
    // The cap (here 100 kB) is not reached by a document of a few kilobytes.
    expect(managed.fitsWithin(100_000, 10)).toBe(true);
    expect(managed.approxBytes).toBe(real);
    // A document really over the cap still is.
    expect(managed.fitsWithin(real - 1, 10)).toBe(false);
  });
});

describe('storing a document a request just created', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not fail the request when the writer is unknown (Redis away): the updates are stored once it is back (issue 12 item 14)', async () => {
    vi.useFakeTimers();
    const stored: number[] = [];
    const store: DocumentStore = { ...nowhere, appendUpdate: async (_name, seq) => void stored.push(seq) };
    let right: ReturnType<PersistenceGate['right']> = 'hold';
    const gate: PersistenceGate = { right: () => right, epoch: () => 1 };
    const managed = new ManagedDocument('board:b', store, DEFAULT_COLLAB_OPTIONS, silentLogger, gate);
    managed.doc.getText('t').insert(0, 'Tableau');
    await expect(managed.flush()).rejects.toThrow(/hold/);
    expect(await managed.flushOrKeep()).toBe(false);
    expect(managed.hasUnsavedChanges).toBe(true);
    right = 'write';
    await vi.advanceTimersByTimeAsync(DEFAULT_COLLAB_OPTIONS.retryDelayMs + 10);
    expect(stored.length).toBe(1);
    expect(managed.hasUnsavedChanges).toBe(false);
  });
});
