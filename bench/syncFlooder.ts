/**
 * The hostile guest of the `hostileGuest` scenario, in a process of its own (another machine, as
 * far as the server can tell): `CONNECTIONS` raw WebSockets to `URL` with the guest's `COOKIE`,
 * each sending sync step 1 with an empty state vector (asking for the whole document) as fast
 * as the server lets it, and reconnecting at once whenever the server closes it. Started and
 * stopped through `startSyncFlood` (bench/lib/syncFlood.ts); it answers "stop" with its counts.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { FloodStats } from './lib/syncFlood.js';

const url = process.env.URL!;
const cookie = process.env.COOKIE!;
const connections = Number(process.env.CONNECTIONS ?? 1);
/** Requests sent at once on each new connection: one more than the server's burst of 4. */
const OPENING_BURST = 5;

const request = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
})();

const stats: FloodStats = {
  syncRequestsSent: 0,
  syncRequestsAnswered: 0,
  bytesAnswered: 0,
  connectionsOpened: 0,
  connectionsClosed: 0,
  closedRateLimited: 0,
  upgradesRefused: 0,
  cpuMs: 0,
};
let running = true;
const open = new Set<WebSocket>();

function send(ws: WebSocket): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  ws.send(request);
  stats.syncRequestsSent += 1;
}

/** One connection after another, for as long as the flood runs. */
function connect(): void {
  if (!running) return;
  const ws = new WebSocket(url, { headers: { cookie } });
  ws.binaryType = 'nodebuffer';
  open.add(ws);
  let opened = false;
  ws.on('open', () => {
    opened = true;
    if (stats.connectionsOpened === 0) process.send!('started');
    stats.connectionsOpened += 1;
    for (let i = 0; i < OPENING_BURST; i++) send(ws);
  });
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== 0) return;
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
    stats.syncRequestsAnswered += 1;
    stats.bytesAnswered += data.byteLength;
    // Every answer is a chance to ask again: the server decides when it has had enough.
    send(ws);
  });
  ws.on('unexpected-response', (_req, res) => {
    stats.upgradesRefused += 1;
    res.resume();
    ws.terminate();
  });
  ws.on('error', () => undefined);
  ws.on('close', (code: number) => {
    open.delete(ws);
    if (!running) return;
    if (opened) stats.connectionsClosed += 1;
    if (code === 4429) stats.closedRateLimited += 1;
    // A closed connection comes back at once; a refused or failed upgrade after a short pause.
    setTimeout(connect, opened ? 0 : 50);
  });
}

const cpuAtStart = process.cpuUsage();
for (let i = 0; i < connections; i++) connect();
process.on('message', (message) => {
  if (message !== 'stop') return;
  running = false;
  for (const ws of open) ws.terminate();
  const cpu = process.cpuUsage(cpuAtStart);
  stats.cpuMs = (cpu.user + cpu.system) / 1000;
  process.send!(stats, () => process.exit(0));
});
