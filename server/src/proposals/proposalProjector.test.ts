import { afterEach, describe, expect, it, vi } from 'vitest';
import { proposalFieldsDocName, proposalTextDocName } from '@cocon/shared';
import { CollabService, DEFAULT_COLLAB_OPTIONS } from '../collab/collabService.js';
import type { DocumentStore } from '../collab/documentStore.js';
import type { Database } from '../db/mongo.js';
import { silentLogger } from '../util/logger.js';
import { ProposalProjector } from './proposalProjector.js';

/** A store that keeps nothing: the documents live in memory for the test. */
const nowhere: DocumentStore = {
  load: async () => ({ snapshot: null, updates: [] }),
  appendUpdate: async () => undefined,
  writeSnapshot: async () => true,
  nextEpoch: async () => 1,
};

afterEach(() => {
  vi.useRealTimers();
});

describe('the proposal projector', () => {
  it('runs one scheduled projection at a time per proposal while the database is slow', async () => {
    vi.useFakeTimers();
    // A database whose writes wait until the test lets them through.
    const waiting: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    let writes = 0;
    const db = {
      exclusive: <T>(_key: string, task: () => Promise<T>) => task(),
      proposals: {
        updateOne: async () => {
          writes += 1;
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise<void>((resolve) => waiting.push(resolve));
          inFlight -= 1;
          return { modifiedCount: 1 };
        },
      },
    } as unknown as Database;
    const collab = new CollabService(
      nowhere,
      { ...DEFAULT_COLLAB_OPTIONS, flushDelayMs: 60_000 },
      silentLogger,
    );
    const projector = new ProposalProjector(db, collab, silentLogger);
    const fields = await collab.acquire(proposalFieldsDocName('p'));
    await collab.acquire(proposalTextDocName('p'));
    const title = fields.doc.getText('title');

    // Five seconds of typing: a projection is due every second, the first never finishes.
    for (let second = 0; second < 5; second += 1) {
      for (let key = 0; key < 10; key += 1) {
        title.insert(0, 'a');
        await vi.advanceTimersByTimeAsync(100);
      }
    }
    expect(most).toBe(1);
    expect(writes).toBe(1);
    // Once it finishes, one more runs (the latest state), not one per second that passed.
    waiting.shift()!();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toBe(2);
    waiting.shift()!();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(writes).toBe(2);
    projector.close();
  });
});
