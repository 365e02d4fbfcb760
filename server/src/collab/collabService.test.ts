import { describe, expect, it } from 'vitest';
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
    const managed = await collab.acquire('board:b');
    managed.doc.getText('t').insert(0, 'à garder');
    expect(attached.has('board:b')).toBe(true);
    collab.release(managed);
    // The unload runs, its store fails: the document is kept, and attached again.
    await refused;
    for (let turn = 0; turn < 3; turn += 1) await new Promise((r) => setImmediate(r));
    expect(collab.peek('board:b')).toBe(managed);
    expect(attached.has('board:b')).toBe(true);
    storeWorks = true;
    await collab.close();
  });
});
