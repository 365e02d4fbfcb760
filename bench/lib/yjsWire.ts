import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

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
    syncProtocol.writeSyncStep1(encoder, this.doc ?? new Y.Doc());
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
      syncProtocol.writeSyncStep2(encoder, this.doc ?? new Y.Doc(), decoding.readVarUint8Array(decoder));
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

let counter = 0;
/** A unique marker id (15 characters, a valid Cocon id) that light clients can spot in updates. */
export const newMarker = (): string =>
  `BmQ${(counter++).toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}`;
