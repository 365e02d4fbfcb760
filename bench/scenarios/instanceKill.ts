import { Redis } from 'ioredis';
import { boardDocName } from '@cocon/shared';
import { Latency } from '../lib/histogram.js';
import { WireClient } from '../lib/yjsWire.js';
import { joinGuest } from '../lib/fixtures.js';
import { FaultStorm, finalStored, percentiles, timeUntil } from '../lib/storm.js';
import { scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';

/**
 * 7. The forum storm over two instances, and one of them SIGKILLed in the middle: its clients
 * move to the survivor (as a load balancer would send them). Measures the time until each
 * moved client is synced again through the survivor, and checks that every acknowledged idea
 * reaches every client and the database. The killed instance is the document's persistence
 * writer (it opened the board first), the worst case: the survivor must take the lease over.
 */
export async function instanceKill(ctx: ScenarioContext): Promise<ScenarioResult> {
  if (!ctx.fixtures || !ctx.peers?.length || !ctx.redis) throw new Error('instanceKill needs two instances');
  const fixtures = ctx.fixtures;
  const targets = [ctx.target, ...ctx.peers];
  const [victim, survivor] = [0, 1];
  const boardId = fixtures.boardIds[0]!;
  const count = scaled(500, ctx.scale, 4);
  const redis = new Redis(ctx.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const leaseKey = `${ctx.redis.prefix}lease:${boardDocName(boardId)}`;

  // The victim opens the board first, so it takes the persistence lease.
  const opener = new WireClient(`${targets[victim]!.yjsUrl}/${boardDocName(boardId)}`, {
    cookie: await joinGuest(targets[victim]!.httpUrl, fixtures.joinCode, 'Opener'),
  });
  await opener.whenSynced();
  await timeUntil(async () => (await redis.get(leaseKey)) !== null, performance.now(), 5_000, 50);

  const before = new Latency();
  const after = new Latency();
  let killAt = Infinity;
  const storm = new FaultStorm(ctx, targets, boardId, (a) => {
    // Arrived before the kill (so posted before it too), or posted after it.
    if (a.latencyMs < 60_000 && performance.now() < killAt) before.recordMs(a.latencyMs);
    else if (a.postedAt > killAt) after.recordMs(a.latencyMs);
  });
  await storm.connect(count);
  opener.close();
  ctx.log(`  ${count} participants on 2 instances`);

  const reconnectMs: number[] = [];
  let moved = 0;
  for (const client of storm.clients) {
    client.onDown = (c) => {
      moved += 1;
      // What a load balancer does: the next connection goes to a live instance.
      void c.move(survivor).then(
        () => reconnectMs.push(performance.now() - killAt),
        () => undefined,
      );
    };
  }
  for (const w of storm.witnesses) {
    w.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected' && performance.now() >= killAt)
        w.provider.serverUrl = targets[survivor]!.yjsUrl;
    });
  }

  storm.start(10_000);
  const killAfterMs = Math.round(ctx.durationMs * 0.4);
  await sleep(killAfterMs);
  const writerBefore = await redis.get(leaseKey);
  killAt = performance.now();
  targets[victim]!.process.kill('SIGKILL');
  // From now on, poll the database until it holds every idea acknowledged before the kill: the
  // survivor takes the lease over (at most its 15 s time to live) and stores the full state.
  const persistedWatch = storm.watchAckedStored(fixtures.db, killAt, 60_000);
  ctx.log(
    `  instance ${victim} killed after ${killAfterMs / 1000} s; ${storm.clients.filter((c) => c.home === victim).length} clients move`,
  );
  await sleep(ctx.durationMs - killAfterMs);
  await storm.stop();

  const movers = storm.clients.filter((c) => c.index % targets.length === victim);
  await timeUntil(() => reconnectMs.length >= movers.length, killAt, 60_000);
  const left = await storm.drain(20_000);
  const acked = storm.acked;
  const ackedBefore = acked.filter((p) => p.ackedAt! < killAt);
  const unackedAtKill = storm.posts.filter((p) => p.at < killAt && !p.ok).length;
  // Ticks of moving clients: the generator skips them (a browser would queue them in socket.io).
  const notSentWhileMoving = storm.posts.filter((p) => p.at >= killAt && !p.ok).length;

  const persistedMs = await persistedWatch;
  // At the end, the database (read as a cold load would) must hold every acknowledged idea.
  const stored = await finalStored(
    fixtures.db,
    boardId,
    acked.map((p) => p.id),
  );
  const writerAfter = await redis.get(leaseKey);
  const storedBefore = ackedBefore.filter((p) => stored.has(p.id)).length;
  const storedTotal = acked.filter((p) => stored.has(p.id)).length;
  const converged = storm.converged();
  storm.close();
  redis.disconnect();

  const r = percentiles(reconnectMs);
  const boardSync = percentiles(movers.map((c) => c.boardSyncedAt - killAt));
  const socketUp = percentiles(movers.map((c) => c.socketUpAt - killAt));
  const b = before.summary();
  const a = after.summary();
  const writerKilled = writerBefore !== null && writerAfter !== null && writerBefore !== writerAfter;
  return {
    metrics: {
      participants: count,
      movedClients: moved,
      reconnectedClients: reconnectMs.length,
      reconnectP50Ms: r.p50,
      reconnectP99Ms: r.p99,
      reconnectMaxMs: r.max,
      boardSyncP50Ms: boardSync.p50,
      boardSyncP99Ms: boardSync.p99,
      socketUpP50Ms: socketUp.p50,
      socketUpP99Ms: socketUp.p99,
      posts: storm.posts.length,
      ackedBeforeKill: ackedBefore.length,
      storedOfAckedBeforeKill: storedBefore,
      ackedTotal: acked.length,
      storedOfAckedTotal: storedTotal,
      unackedAroundKill: unackedAtKill,
      notSentWhileMoving,
      persistedAfterKillMs: persistedMs,
      p50BeforeKillMs: b.p50,
      p99BeforeKillMs: b.p99,
      p50AfterKillMs: a.p50,
      p99AfterKillMs: a.p99,
      writerKilled: writerKilled ? 1 : 0,
    },
    lost: left + (acked.length - storedTotal) + (movers.length - reconnectMs.length),
    converged,
    note:
      `SIGKILL after ${killAfterMs / 1000} s; the killed instance ${writerKilled ? 'held' : 'did not hold'} the persistence lease. ` +
      `Moved clients reconnect at once (no backoff); ${unackedAtKill} posts in flight at the kill got no acknowledgement; ${notSentWhileMoving} ticks of moving clients were not sent (a browser queues them in socket.io).`,
  };
}
