import type { ClientEventName } from '@cocon/shared';

/**
 * Board intents not yet acknowledged by the server, kept in the browser (IndexedDB) so that
 * closing the tab while offline loses nothing. One list per board and per session user, in the
 * order the intents were made. Each entry carries the payload as sent, with its client-minted
 * ids (ideaId, commentId, groupId), so a replay is the same intent, not a new one.
 */
export interface OutboxEntry {
  /** The entry's own id (not sent to the server). */
  id: string;
  event: ClientEventName;
  payload: unknown;
  /**
   * Set before a non-replayable intent (a vote, a timer action) is emitted: if its
   * acknowledgement never comes, nobody knows whether it counted, so it is never sent again.
   */
  attempted: boolean;
}

/** The key-value storage the outbox needs: idb-keyval in the browser, a Map in unit tests. */
export interface OutboxStorage {
  get(key: string): Promise<unknown>;
  /** Atomic read-modify-write of one key (one IndexedDB transaction with idb-keyval). */
  update(key: string, updater: (current: unknown) => unknown): Promise<void>;
}

export function outboxKey(userId: string, boardId: string): string {
  return `board:${boardId}:user:${userId}`;
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.event === 'string' &&
    typeof entry.payload === 'object' &&
    entry.payload !== null &&
    typeof entry.attempted === 'boolean'
  );
}

/** What is stored under a key, read defensively (older or foreign data is ignored). */
export function readEntries(stored: unknown): OutboxEntry[] {
  return Array.isArray(stored) ? stored.filter(isEntry) : [];
}

export class Outbox {
  constructor(
    private readonly storage: OutboxStorage,
    readonly key: string,
  ) {}

  async load(): Promise<OutboxEntry[]> {
    return readEntries(await this.storage.get(this.key));
  }

  /** Appends an entry (or leaves it where it is if it is already stored). */
  add(entry: OutboxEntry): Promise<void> {
    return this.change((entries) => (entries.some((e) => e.id === entry.id) ? entries : [...entries, entry]));
  }

  markAttempted(id: string): Promise<void> {
    return this.change((entries) => entries.map((e) => (e.id === id ? { ...e, attempted: true } : e)));
  }

  remove(id: string): Promise<void> {
    return this.change((entries) => entries.filter((e) => e.id !== id));
  }

  private change(edit: (entries: OutboxEntry[]) => OutboxEntry[]): Promise<void> {
    return this.storage.update(this.key, (current) => edit(readEntries(current)));
  }
}

/** An in-memory storage (tests, and browsers where IndexedDB is unavailable). */
export function memoryOutboxStorage(data = new Map<string, unknown>()): OutboxStorage {
  return {
    get: (key) => Promise.resolve(structuredClone(data.get(key))),
    update: (key, updater) => {
      data.set(key, structuredClone(updater(structuredClone(data.get(key)))));
      return Promise.resolve();
    },
  };
}
