import * as decoding from 'lib0/decoding';

/**
 * Reads the client ids an awareness update speaks for, without applying it, so a connection
 * can be held to one awareness client. Throws on malformed input.
 */
export function awarenessClientIds(update: Uint8Array, maxStateBytes: number): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 16) throw new Error('too many awareness entries');
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder); // clock
    const state = decoding.readVarString(decoder);
    if (state.length > maxStateBytes) throw new Error('awareness state too large');
    JSON.parse(state);
  }
  return ids;
}
