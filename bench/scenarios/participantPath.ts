import * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';
import { boardDocName, type Ack } from '@cocon/shared';
import { Latency, median } from '../lib/histogram.js';
import {
  SequenceSet,
  WireClient,
  forEachMarkerSequence,
  newMarker,
  nextMarkerSequence,
} from '../lib/yjsWire.js';
import { guestCookie } from '../lib/participants.js';
import { pool, scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';

/** Guests joining at once (a room's phones scanning the code within a few seconds). */
const JOIN_CONCURRENCY = 50;
/** A writer's socket.io budget is 10 events a second: no writer posts more than 8. */
const MAX_POSTS_PER_WRITER = 8;
const HOLDERS = 20;

interface Member {
  index: number;
  role: 'writer' | 'holder' | 'counter';
  wire: WireClient;
  socket: Socket | null;
  /** Bytes of WebSocket frames received on the board connection, and on socket.io (ours only). */
  boardBytes: number;
  socketBytes: number;
  /** Marker sequences seen (from `base`), to count deliveries and losses. */
  seen: SequenceSet;
  delivered: number;
  /** ms from this participant's join request (or connection) to board synced and socket up. */
  joinMs: number;
  /** Of which the HTTP join (the guest session; 0 on the relay). */
  sessionMs: number;
  /** From the session to the board synced, and to socket.io connected (0 on the relay). */
  boardMs: number;
  socketMs: number;
}

/**
 * The participant's path of issue 13 (item 7): every participant is a guest session from the
 * join code, a read-only board connection (/yjs) and a socket.io connection; ten of them (more at
 * higher rates, at most 8 ideas a second each) post ideas as intents at `rate` a second in all;
 * twenty hold a Y.Doc and time each idea's arrival; the others only count bytes. The relay gets
 * the same number of connections, its writers putting ideas straight into the document. Reports
 * delivery latency at the holders, bytes received per participant, the time for everyone to join,
 * and the server's resident memory.
 */
export async function participantPath(ctx: ScenarioContext): Promise<ScenarioResult> {
  const count = ctx.participants ?? scaled(500, ctx.scale, 8);
  const rate = ctx.rate ?? Math.max(2, Math.round(50 * Math.min(1, ctx.scale * 10)));
  // Small runs (the smoke test) keep all three roles.
  const writers = Math.min(
    Math.max(10, Math.ceil(rate / MAX_POSTS_PER_WRITER)),
    Math.max(1, Math.floor(count / 4)),
  );
  const holders = Math.min(HOLDERS, Math.max(1, Math.floor((count - writers) / 2)));
  const boardId = ctx.fixtures?.boardIds[2] ?? 'participant-path';
  const docName = boardDocName(boardId);
  const ours = ctx.target.name === 'cocon';
  const base = nextMarkerSequence();
  const sent: number[] = [];
  const latency = new Latency();
  let rssPeak = ctx.target.rssBytes();
  const rssTimer = setInterval(() => {
    rssPeak = Math.max(rssPeak, ctx.target.rssBytes());
  }, 250);

  const roleOf = (i: number): Member['role'] =>
    i < writers ? 'writer' : i < writers + holders ? 'holder' : 'counter';

  const joinStarted = performance.now();
  const members = await pool(
    Array.from({ length: count }, (_, i) => i),
    JOIN_CONCURRENCY,
    async (index): Promise<Member> => {
      const started = performance.now();
      const role = roleOf(index);
      const cookie = await guestCookie(ctx, `P${index}`);
      const member: Member = {
        index,
        role,
        wire: null as unknown as WireClient,
        socket: null,
        boardBytes: 0,
        socketBytes: 0,
        seen: new SequenceSet(),
        delivered: 0,
        joinMs: 0,
        sessionMs: performance.now() - started,
        boardMs: 0,
        socketMs: 0,
      };
      // Holders keep the whole document, as a phone does; writers on the relay write into theirs.
      const doc = role === 'holder' || (role === 'writer' && !ours) ? new Y.Doc() : undefined;
      member.wire = new WireClient(`${ctx.target.yjsUrl}/${docName}`, {
        cookie,
        ...(doc ? { doc } : {}),
        onUpdate: (update) => {
          const now = performance.now();
          forEachMarkerSequence(update, (sequence) => {
            const at = sent[sequence - base];
            if (at === undefined || !member.seen.add(sequence - base)) return;
            member.delivered += 1;
            if (role === 'holder') latency.recordMs(now - at);
          });
        },
      });
      member.wire.ws.on('message', (data: Buffer) => {
        member.boardBytes += data.length;
      });
      const connecting = performance.now();
      const ready: Promise<unknown>[] = [
        member.wire.whenSynced().then(() => {
          member.boardMs = performance.now() - connecting;
        }),
      ];
      if (ours) {
        const socket = io(ctx.target.httpUrl, {
          path: '/socket.io',
          transports: ['websocket'],
          extraHeaders: { cookie: cookie ?? '' },
        });
        member.socket = socket;
        socket.io.on('open', () => {
          socket.io.engine.on('packet', (packet: { data?: unknown }) => {
            const data = packet.data;
            member.socketBytes +=
              1 +
              (typeof data === 'string'
                ? Buffer.byteLength(data)
                : data instanceof ArrayBuffer || ArrayBuffer.isView(data)
                  ? data.byteLength
                  : 0);
          });
        });
        ready.push(
          new Promise<void>((resolve, reject) => {
            socket.once('connect', () => {
              member.socketMs = performance.now() - connecting;
              resolve();
            });
            socket.once('connect_error', reject);
          }),
        );
      }
      await Promise.all(ready);
      member.joinMs = performance.now() - started;
      return member;
    },
  );
  const joinAllMs = performance.now() - joinStarted;
  ctx.log(
    `  ${count} participants joined in ${(joinAllMs / 1000).toFixed(2)} s (${writers} writers, ${holders} holders); posting ${rate} ideas/s`,
  );
  // What joining cost is not what the load costs: bytes are counted from here.
  for (const m of members) {
    m.boardBytes = 0;
    m.socketBytes = 0;
  }

  // Each writer posts every writers/rate seconds, from staggered phases: `rate` ideas a second in all.
  const periodMs = (writers * 1000) / rate;
  let posted = 0;
  let refused = 0;
  const timers: NodeJS.Timeout[] = [];
  const post = (writer: Member) => {
    const sequence = nextMarkerSequence();
    const id = newMarker();
    sent[sequence - base] = performance.now();
    posted += 1;
    writer.seen.add(sequence - base);
    const text = `Idée ${posted} : un jardin communautaire près de l’école du quartier`;
    if (writer.socket) {
      writer.socket.emit(
        'idea:post',
        { boardId, ideaId: id, text, anonymous: false },
        (ack: Ack<unknown>) => {
          if (!ack.ok) refused += 1;
        },
      );
    } else {
      const doc = writer.wire.doc!;
      const idea = new Y.Map<unknown>();
      idea.set('id', id);
      idea.set('text', text);
      doc.getMap('ideas').set(id, idea);
    }
  };
  members
    .filter((m) => m.role === 'writer')
    .forEach((writer, w) => {
      timers.push(
        setTimeout(
          () => {
            post(writer);
            timers.push(setInterval(() => post(writer), periodMs));
          },
          (w * periodMs) / writers,
        ),
      );
    });
  await sleep(ctx.durationMs);
  timers.forEach((t) => clearTimeout(t));

  // Everyone but the writer should get every idea.
  const expected = posted * (count - 1);
  const deliveredOf = () => members.reduce((sum, m) => sum + m.delivered, 0);
  const drainUntil = Date.now() + 15_000;
  while (deliveredOf() < expected && Date.now() < drainUntil) await sleep(100);
  clearInterval(rssTimer);
  const rssEnd = ctx.target.rssBytes();
  rssPeak = Math.max(rssPeak, rssEnd);

  // Holders must all end with the same document.
  const holderDocs = members.filter((m) => m.role === 'holder').map((m) => m.wire.doc!);
  const states = new Set(holderDocs.map((d) => Buffer.from(Y.encodeStateVector(d)).toString('base64')));
  const converged = holderDocs.length === 0 || states.size === 1;
  const others = members.filter((m) => m.role !== 'writer');
  const s = latency.summary();
  const joins = members.map((m) => m.joinMs);
  members.forEach((m) => {
    m.socket?.close();
    m.wire.close();
    m.wire.doc?.destroy();
  });
  return {
    metrics: {
      participants: count,
      ratePerSecond: rate,
      writers,
      ideas: posted,
      refused,
      p50Ms: s.p50,
      p90Ms: s.p90,
      p99Ms: s.p99,
      maxMs: s.max,
      // Per participant who does not post, for the same ideas (the document's updates).
      boardPerParticipantKB: median(others.map((m) => m.boardBytes)) / 1000,
      ...(ours ? { socketPerParticipantKB: median(others.map((m) => m.socketBytes)) / 1000 } : {}),
      bytesPerIdea: median(others.map((m) => m.boardBytes)) / Math.max(1, posted),
      joinAllMs,
      joinP50Ms: median(joins),
      ...(ours
        ? {
            joinSessionP50Ms: median(members.map((m) => m.sessionMs)),
            joinSocketP50Ms: median(members.map((m) => m.socketMs)),
          }
        : {}),
      joinBoardP50Ms: median(members.map((m) => m.boardMs)),
      joinMaxMs: Math.max(...joins),
      rssPeakMB: rssPeak / 2 ** 20,
      rssEndMB: rssEnd / 2 ** 20,
      deliveries: deliveredOf(),
    },
    lost: expected - deliveredOf(),
    converged,
  };
}
