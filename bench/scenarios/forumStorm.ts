import * as Y from 'yjs';
import { boardDocName } from '@cocon/shared';
import { Latency } from '../lib/histogram.js';
import { SequenceSet, forEachMarkerSequence, newMarker, nextMarkerSequence } from '../lib/yjsWire.js';
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
  /** Each post by its marker's sequence number (from `base`): when and by whom, first and last arrival. */
  const base = nextMarkerSequence();
  const sent: { at: number; by: number; first: number; last: number; count: number }[] = [];
  const latency = new Latency();
  let arrivals = 0;

  const participants: Participant[] = await pool(
    Array.from({ length: count }, (_, i) => i),
    25,
    async (i) => {
      const cookie = await guestCookie(ctx, `P${i}`);
      const seen = new SequenceSet();
      return connectParticipant(
        ctx,
        boardId,
        cookie,
        (update) => {
          const now = performance.now();
          forEachMarkerSequence(update, (sequence) => {
            const post = sent[sequence - base];
            if (!post || post.by === i || !seen.add(sequence - base)) return;
            arrivals += 1;
            latency.recordMs(now - post.at);
            post.count += 1;
            if (post.count === 1) post.first = now;
            post.last = now;
          });
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
      sent[nextMarkerSequence() - base] = { at: performance.now(), by: i, first: 0, last: 0, count: 0 };
      const id = newMarker();
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
  // Where the time goes: until the first receiver has a post, and from it to the last receiver.
  const firstArrival = new Latency();
  const fanOut = new Latency();
  for (const post of sent) {
    if (!post || post.count === 0) continue;
    firstArrival.recordMs(post.first - post.at);
    fanOut.recordMs(post.last - post.first);
  }
  return {
    metrics: {
      participants: count,
      posts: posted.length,
      p50Ms: s.p50,
      p90Ms: s.p90,
      p99Ms: s.p99,
      maxMs: s.max,
      firstArrivalP50Ms: firstArrival.summary().p50,
      fanOutP50Ms: fanOut.summary().p50,
      deliveries: arrivals,
    },
    lost: expected - arrivals,
    converged,
  };
}
