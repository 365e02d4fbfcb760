import { createStore, get, update, type UseStore } from 'idb-keyval';
import type { OutboxStorage } from './outbox';

let store: UseStore | null = null;

/**
 * The outbox in IndexedDB (its own database, so it never meets another library's stores).
 * Null where IndexedDB does not exist; the channel then keeps intents in memory only.
 */
export function idbOutboxStorage(): OutboxStorage | null {
  if (typeof indexedDB === 'undefined') return null;
  // Opened lazily: createStore opens the database at once.
  store ??= createStore('cocon-outbox', 'intents');
  const opened = store;
  return {
    get: (key) => get<unknown>(key, opened),
    update: (key, updater) => update<unknown>(key, updater, opened),
  };
}
