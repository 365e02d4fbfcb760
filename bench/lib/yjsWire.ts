import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

/**
 * What a light client (no doc) says it has, and sends back: an empty document's state vector and
 * its whole state. Computed once: a Y.Doc per message would cost the generator a random guid and
 * client id each time (some 0.8 ms per guest on one core), slowing the joins it measures.
 */
const EMPTY_DOC = new Y.Doc();
const EMPTY_STATE_VECTOR = Y.encodeStateVector(EMPTY_DOC);
const EMPTY_UPDATE = Y.encodeStateAsUpdate(EMPTY_DOC);

/**
 * A y-websocket protocol client for load generation. It speaks the real protocol, but keeps a
 * full Y.Doc only when asked (`doc`); light clients just hand each update to `onUpdate`, which
 * keeps 500 clients on one core affordable.
 */
export class WireClient {
  readonly ws: WebSocket;
  synced = false;
  syncedAt = 0;
  readonly openedAt = performance.now();
  private readonly syncWaiters: (() => void)[] = [];

  constructor(
    url: string,
    options: { cookie?: string; doc?: Y.Doc; onUpdate?: (update: Uint8Array) => void } = {},
  ) {
    this.doc = options.doc ?? null;
    this.onUpdate = options.onUpdate ?? (() => {});
    this.ws = new WebSocket(url, options.cookie ? { headers: { cookie: options.cookie } } : {});
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => this.sendStep1());
    this.ws.on('message', (data: Buffer) =>
      this.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    );
    this.ws.on('error', () => undefined);
    if (this.doc) {
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== this) this.sendUpdate(update);
      });
    }
  }

  readonly doc: Y.Doc | null;
  private readonly onUpdate: (update: Uint8Array) => void;

  whenSynced(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encoding.toUint8Array(encoder));
  }

  close(): void {
    this.ws.terminate();
  }

  private sendStep1(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    if (this.doc) syncProtocol.writeSyncStep1(encoder, this.doc);
    else {
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(encoder, EMPTY_STATE_VECTOR);
    }
    this.ws.send(encoding.toUint8Array(encoder));
  }

  private onMessage(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) return; // awareness: ignored by the load
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      // Answer the server's state vector with what we have (nothing, for light clients).
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const theirs = decoding.readVarUint8Array(decoder);
      if (this.doc) syncProtocol.writeSyncStep2(encoder, this.doc, theirs);
      else {
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, EMPTY_UPDATE);
      }
      this.ws.send(encoding.toUint8Array(encoder));
      return;
    }
    const update = decoding.readVarUint8Array(decoder);
    if (this.doc) Y.applyUpdate(this.doc, update, this);
    this.onUpdate(update);
    if (type === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      this.synced = true;
      this.syncedAt = performance.now();
      for (const resolve of this.syncWaiters.splice(0)) resolve();
    }
  }
}

/** Finds the benchmark's marker ids ("BmQ" + 12 characters) inside an encoded update. */
export function markerIds(update: Uint8Array): string[] {
  const buffer = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  const found: string[] = [];
  let at = buffer.indexOf('BmQ');
  while (at >= 0 && at + 15 <= buffer.length) {
    found.push(buffer.toString('latin1', at, at + 15));
    at = buffer.indexOf('BmQ', at + 15);
  }
  return found;
}

const MARKER = Buffer.from('BmQ');
const SEQUENCE_DIGITS = 6;

/**
 * Calls `visit` with the sequence number of every marker inside an encoded update (repeats
 * included). It reads the digits from the bytes, with no string or array per frame: the storm's
 * 500 receivers run this about 25,000 times a second on one core, so its cost is part of every
 * latency measured.
 */
export function forEachMarkerSequence(update: Uint8Array, visit: (sequence: number) => void): void {
  const buffer = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  let at = buffer.indexOf(MARKER);
  while (at >= 0 && at + 15 <= buffer.length) {
    let sequence = 0;
    for (let i = at + 3; i < at + 3 + SEQUENCE_DIGITS; i++)
      sequence = sequence * 36 + base36Digit(buffer[i]!);
    visit(sequence);
    at = buffer.indexOf(MARKER, at + 15);
  }
}

const base36Digit = (byte: number) => (byte <= 57 ? byte - 48 : byte - 87); // '0'-'9', 'a'-'z'

let counter = 0;
/** The sequence number the next marker will carry. */
export const nextMarkerSequence = () => counter;

/**
 * A unique marker id (15 characters, a valid Cocon id) that light clients can spot in updates:
 * "BmQ", the sequence number in 6 base-36 digits, 6 random characters.
 */
export const newMarker = (): string =>
  `BmQ${(counter++).toString(36).padStart(SEQUENCE_DIGITS, '0')}${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}`;

/** A set of marker sequence numbers, as a growable bitmap (a Set of strings costs far more per frame). */
export class SequenceSet {
  private bits = new Uint8Array(1024);

  /** Adds `sequence`; false when it was already there. */
  add(sequence: number): boolean {
    const byte = sequence >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (sequence & 7);
    const held = this.bits[byte]!;
    if (held & mask) return false;
    this.bits[byte] = held | mask;
    return true;
  }
}
