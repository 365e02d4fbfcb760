import { describe, expect, it, vi } from 'vitest';
import { CollabService, DEFAULT_COLLAB_OPTIONS } from './collabService.js';
import type { DocumentStore } from './documentStore.js';
import { silentLogger } from '../util/logger.js';

describe('a document whose final store fails', () => {
  it('stays loaded and attached: the hooks undone before the store are done again (issue 12 item 9)', async () => {
    let storeWorks = false;
    let storeRefused: () => void = () => {};
    const refused = new Promise<void>((resolve) => (storeRefused = resolve));
    const store: DocumentStore = {
      load: async () => ({ snapshot: null, updates: [] }),
      appendUpdate: async () => {
        if (storeWorks) return;
        storeRefused();
        throw new Error('database away');
      },
      writeSnapshot: async () => {
        if (!storeWorks) throw new Error('database away');
        return true;
      },
      nextEpoch: async () => 1,
    };
    const collab = new CollabService(
      store,
      { ...DEFAULT_COLLAB_OPTIONS, unloadGraceMs: 10, flushDelayMs: 60_000, retryDelayMs: 60_000 },
      silentLogger,
    );
    const attached = new Set<string>();
    collab.addHooks({
      loaded: (managed) => attached.add(managed.name),
      beforeUnload: async (managed) => {
        attached.delete(managed.name);
      },
      unloaded: (name) => attached.delete(name),
    });
    const loading = collab.acquire('board:b');
    expect(collab.stateOf('board:b')).toBe('loading');
    const managed = await loading;
    expect(collab.stateOf('board:b')).toBe('live');
    managed.doc.getText('t').insert(0, 'à garder');
    expect(attached.has('board:b')).toBe(true);
    collab.release(managed);
    // The unload runs, its store fails: the document is kept, and attached again.
    await refused;
    expect(collab.stateOf('board:b')).toBe('unloading');
    for (let turn = 0; turn < 3; turn += 1) await new Promise((r) => setImmediate(r));
    expect(collab.stateOf('board:b')).toBe('failed');
    expect(collab.peek('board:b')).toBe(managed);
    expect(attached.has('board:b')).toBe(true);
    // A client comes back to it: the same live document, attached.
    const again = await collab.acquire('board:b');
    expect(again).toBe(managed);
    expect(collab.stateOf('board:b')).toBe('live');
    // The store works again: the next unload stores it and it leaves memory.
    storeWorks = true;
    collab.release(again);
    await vi.waitFor(() => expect(collab.stateOf('board:b')).toBeNull());
    expect(attached.has('board:b')).toBe(false);
    await collab.close();
  });
});
