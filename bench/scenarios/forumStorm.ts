import * as Y from 'yjs';
import { boardDocName } from '@cocon/shared';
import { Latency } from '../lib/histogram.js';
import { markerIds, newMarker } from '../lib/yjsWire.js';
import { connectParticipant, guestCookie, realProvider, type Participant } from '../lib/participants.js';
import { pool, scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';

/**
 * 1. Forum storm: 500 participants on one board, each posting an idea every 10 s and reacting
 * to others' ideas; latency from one client's post to its arrival at every other client.
 * (Our board opens voting and posting in different phases; the storm runs in the collect phase,
 * where the matching interaction is a reaction.)
 */
export async function forumStorm(ctx: ScenarioContext): Promise<ScenarioResult> {
  const count = scaled(500, ctx.scale);
  const boardId = ctx.fixtures?.boardIds[0] ?? 'storm';
  const sentAt = new Map<string, { at: number; by: number }>();
  const latency = new Latency();
  let arrivals = 0;

  const participants: Participant[] = await pool(
    Array.from({ length: count }, (_, i) => i),
    25,
    async (i) => {
      const cookie = await guestCookie(ctx, `P${i}`);
      const seen = new Set<string>();
      return connectParticipant(
        ctx,
        boardId,
        cookie,
        (update) => {
          const now = performance.now();
          for (const id of markerIds(update)) {
            const sent = sentAt.get(id);
            if (!sent || sent.by === i || seen.has(id)) continue;
            seen.add(id);
            arrivals += 1;
            latency.recordMs(now - sent.at);
          }
        },
        i,
      );
    },
  );
  await Promise.all(participants.map((p) => p.wire.whenSynced()));
  const cookie = await guestCookie(ctx, 'Witness');
  const witnesses = Array.from({ length: 3 }, (_, i) => realProvider(ctx, boardDocName(boardId), cookie, i));
  ctx.log(`  ${count} participants connected to ${1 + (ctx.peers?.length ?? 0)} instance(s)`);

  // Each participant posts every 10 s from a random phase, and reacts to a recent idea.
  const posted: string[] = [];
  const intervals: NodeJS.Timeout[] = [];
  const timers = participants.map((participant, i) => {
    const tick = () => {
      const id = newMarker();
      sentAt.set(id, { at: performance.now(), by: i });
      posted.push(id);
      participant.post(id, `Idée ${posted.length} de la participante ${i}`);
      const other = posted[Math.floor(Math.random() * posted.length)];
      if (other) participant.react(other);
    };
    const first = setTimeout(
      () => {
        tick();
        intervals.push(setInterval(tick, 10_000));
      },
      Math.random() * Math.min(10_000, ctx.durationMs / 2),
    );
    return first;
  });
  await sleep(ctx.durationMs);
  timers.forEach(clearTimeout);
  intervals.forEach(clearInterval);

  const expected = posted.length * (count - 1);
  const drainUntil = Date.now() + 10_000;
  while (arrivals < expected && Date.now() < drainUntil) await sleep(100);
  const ideasIn = (doc: Y.Doc) => doc.getMap('ideas').size;
  const deadline = Date.now() + 10_000;
  while (witnesses.some((w) => ideasIn(w.doc) < posted.length) && Date.now() < deadline) await sleep(100);
  const states = witnesses.map((w) => Buffer.from(Y.encodeStateVector(w.doc)).toString('base64'));
  const converged = witnesses.every((w) => ideasIn(w.doc) === posted.length) && new Set(states).size === 1;

  participants.forEach((p) => p.close());
  witnesses.forEach((w) => {
    w.provider.destroy();
    w.doc.destroy();
  });
  const s = latency.summary();
  return {
    metrics: {
      participants: count,
      posts: posted.length,
      p50Ms: s.p50,
      p90Ms: s.p90,
      p99Ms: s.p99,
      maxMs: s.max,
      deliveries: arrivals,
    },
    lost: expected - arrivals,
    converged,
  };
}
