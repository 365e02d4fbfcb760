import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One client's entry in an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text ("null" when the client left). */
  state: string;
}

/**
 * Reads an awareness update's entries without applying it, so a connection can be held to its
 * own awareness client. Throws on malformed input.
 */
export function readAwarenessEntries(update: Uint8Array, maxStateBytes: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 256) throw new Error('too many awareness entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (state.length > maxStateBytes) throw new Error('awareness state too large');
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  return entries;
}

/**
 * The entry with its `user.name` replaced by the name the server knows for the connection, so
 * that nobody appears under someone else's name. A state without a user is left alone.
 */
export function withServerName(entry: AwarenessEntry, name: string): AwarenessEntry {
  const state: unknown = JSON.parse(entry.state);
  if (state === null || typeof state !== 'object' || !('user' in state)) return entry;
  const user = (state as { user: unknown }).user;
  const fixed = { ...(user !== null && typeof user === 'object' ? user : {}), name };
  return { ...entry, state: JSON.stringify({ ...state, user: fixed }) };
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
