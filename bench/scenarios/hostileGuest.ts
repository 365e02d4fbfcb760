import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { boardDocName } from '@cocon/shared';
import { Latency } from '../lib/histogram.js';
import { SequenceSet, forEachMarkerSequence, newMarker, nextMarkerSequence } from '../lib/yjsWire.js';
import { connectParticipant, guestCookie, realProvider, type Participant } from '../lib/participants.js';
import { fillBoard } from '../lib/boardFill.js';
import { joinGuest } from '../lib/fixtures.js';
import { percentiles, pollHealth } from '../lib/storm.js';
import { startSyncFlood, type FloodStats } from '../lib/syncFlood.js';
import { pool, scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';

/** The hostile guest's connections at once (one guest: one session cookie); 4 unless told. */
const ATTACKER_CONNECTIONS = Number(process.env.BENCH_HOSTILE_CONNECTIONS ?? 4);
const POST_PERIOD_MS = 10_000;

type Phase = 'calm' | 'attack';

/** CPU time (ms) a process has used so far, from /proc (user + system, 100 ticks a second). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * 10. Hostile guest (issue 12): one guest floods sync step 1 (an empty state vector: "send me
 * the whole board") on a 1 MB board while 300 participants post as in the forum storm. The
 * storm runs twice on the same board and connections, without the attacker, then with it;
 * /api/health is polled every 100 ms throughout. Targets: health p99 <= 100 ms under attack,
 * delivery p99 under attack <= 1.5x the calm run's.
 */
export async function hostileGuest(ctx: ScenarioContext): Promise<ScenarioResult> {
  if (!ctx.fixtures) throw new Error('hostileGuest runs against our server only');
  const count = scaled(300, ctx.scale, 3);
  const boardId = ctx.fixtures.boardIds[0]!;
  const targetBytes = Math.max(16 * 1024, Math.round(2 ** 20 * Math.min(1, ctx.scale)));
  const filled = await fillBoard(ctx, boardId, targetBytes);
  ctx.log(`  board holds ${filled.ideas} ideas, ${(filled.bytes / 2 ** 20).toFixed(2)} MB encoded`);

  const base = nextMarkerSequence();
  const sent: { at: number; by: number; phase: Phase }[] = [];
  const delivery: Record<Phase, Latency> = { calm: new Latency(), attack: new Latency() };
  const posts: Record<Phase, number> = { calm: 0, attack: 0 };
  const arrivals: Record<Phase, number> = { calm: 0, attack: 0 };

  const participants: Participant[] = await pool(
    Array.from({ length: count }, (_, i) => i),
    25,
    async (i) => {
      const seen = new SequenceSet();
      return connectParticipant(ctx, boardId, await guestCookie(ctx, `P${i}`), (update) => {
        const now = performance.now();
        forEachMarkerSequence(update, (sequence) => {
          const post = sent[sequence - base];
          if (!post || post.by === i || !seen.add(sequence - base)) return;
          arrivals[post.phase] += 1;
          delivery[post.phase].recordMs(now - post.at);
        });
      });
    },
  );
  await Promise.all(participants.map((p) => p.wire.whenSynced()));
  const witnessCookie = await guestCookie(ctx, 'Witness');
  const witnesses = Array.from({ length: 2 }, () => realProvider(ctx, boardDocName(boardId), witnessCookie));
  ctx.log(`  ${count} participants connected`);

  const health = pollHealth([ctx.target], 100);
  const posted: string[] = [];
  /** Each participant posts every 10 s from a random phase and reacts to a recent idea; then drains. */
  const storm = async (phase: Phase) => {
    const from = performance.now();
    const cpuFrom = cpuMsOf(ctx.target.process.pid!);
    const timers: NodeJS.Timeout[] = participants.map((participant, i) => {
      const tick = () => {
        sent[nextMarkerSequence() - base] = { at: performance.now(), by: i, phase };
        const id = newMarker();
        posted.push(id);
        posts[phase] += 1;
        participant.post(id, `Idée ${posted.length} de la participante ${i}`);
        const other = posted[Math.floor(Math.random() * posted.length)];
        if (other) participant.react(other);
      };
      return setTimeout(
        () => {
          tick();
          timers.push(setInterval(tick, POST_PERIOD_MS));
        },
        Math.random() * Math.min(POST_PERIOD_MS, ctx.durationMs / 2),
      );
    });
    await sleep(ctx.durationMs);
    timers.forEach(clearTimeout);
    const drainUntil = Date.now() + 10_000;
    while (arrivals[phase] < posts[phase] * (count - 1) && Date.now() < drainUntil) await sleep(100);
    const samples = health.samples.filter((s) => s.at >= from);
    return {
      serverCpuPct: ((cpuMsOf(ctx.target.process.pid!) - cpuFrom) / (performance.now() - from)) * 100,
      health: percentiles(samples.map((s) => s.tookMs)),
      polls: samples.length,
      failedPolls: samples.filter((s) => s.status !== 200).length,
    };
  };

  ctx.log(`  (a) ${ctx.durationMs / 1000} s of storm without the attacker`);
  const calm = await storm('calm');
  const attackerCookie = await joinGuest(ctx.target.httpUrl, ctx.fixtures.joinCode, 'Hostile');
  const flood = startSyncFlood({
    url: `${ctx.target.yjsUrl}/${boardDocName(boardId)}`,
    cookie: attackerCookie,
    connections: ATTACKER_CONNECTIONS,
    serverCpu: ctx.cpu ?? null,
  });
  let attacker: FloodStats;
  let attack: Awaited<ReturnType<typeof storm>>;
  try {
    await flood.started;
    ctx.log(
      `  (b) the same with one guest flooding sync step 1 over ${ATTACKER_CONNECTIONS} connections at once`,
    );
    attack = await storm('attack');
  } finally {
    attacker = await flood.stop();
  }
  await health.stop();

  const expectedIdeas = filled.ideas + posted.length;
  const ideasIn = (doc: Y.Doc) => doc.getMap('ideas').size;
  const deadline = Date.now() + 10_000;
  while (witnesses.some((w) => ideasIn(w.doc) < expectedIdeas) && Date.now() < deadline) await sleep(100);
  const states = witnesses.map((w) => Buffer.from(Y.encodeStateVector(w.doc)).toString('base64'));
  const converged = witnesses.every((w) => ideasIn(w.doc) === expectedIdeas) && new Set(states).size === 1;
  participants.forEach((p) => p.close());
  witnesses.forEach((w) => {
    w.provider.destroy();
    w.doc.destroy();
  });

  const a = delivery.calm.summary();
  const b = delivery.attack.summary();
  const expected = (posts.calm + posts.attack) * (count - 1);
  return {
    metrics: {
      participants: count,
      boardIdeas: filled.ideas,
      boardMB: filled.bytes / 2 ** 20,
      postsCalm: posts.calm,
      postsAttack: posts.attack,
      healthP50CalmMs: calm.health.p50,
      healthP99CalmMs: calm.health.p99,
      healthMaxCalmMs: calm.health.max,
      healthP50AttackMs: attack.health.p50,
      healthP99AttackMs: attack.health.p99,
      healthMaxAttackMs: attack.health.max,
      healthPollsAttack: attack.polls,
      healthFailedAttack: attack.failedPolls,
      p50CalmMs: a.p50,
      p99CalmMs: a.p99,
      p50AttackMs: b.p50,
      p99AttackMs: b.p99,
      p99AttackToCalm: b.p99 / a.p99,
      serverCpuCalmPct: calm.serverCpuPct,
      serverCpuAttackPct: attack.serverCpuPct,
      attackerConnections: ATTACKER_CONNECTIONS,
      syncRequestsSent: attacker.syncRequestsSent,
      syncRequestsAnswered: attacker.syncRequestsAnswered,
      attackerMBReceived: attacker.bytesAnswered / 2 ** 20,
      connectionsOpened: attacker.connectionsOpened,
      connectionsClosed: attacker.connectionsClosed,
      closedRateLimited: attacker.closedRateLimited,
      upgradesRefused: attacker.upgradesRefused,
      attackerCpuMs: attacker.cpuMs,
      deliveries: arrivals.calm + arrivals.attack,
    },
    lost: expected - arrivals.calm - arrivals.attack,
    converged,
    note: `(a) then (b) on the same board and connections; the attacker is a process of its own on the generator's core (${attacker.cpuMs.toFixed(0)} ms of CPU)`,
  };
}
