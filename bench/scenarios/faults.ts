import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Latency } from '../lib/histogram.js';
import { createBenchDatabase, dropBenchDatabase, type BenchFixtures } from '../lib/fixtures.js';
import { freePort, startCocon, type Target } from '../lib/targets.js';
import { FaultStorm, finalStored, pollHealth, timeUntil } from '../lib/storm.js';
import { scaled, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario.js';
// The project's database launcher (FerretDB, or mongod when on PATH), as the outage test uses.
// @ts-expect-error plain ESM script without types
import { startDatabase } from '../../scripts/database.mjs';

/** What a fault scenario gets: it starts its own servers (and database or Redis). */
export interface StandaloneContext {
  scale: number;
  durationMs: number;
  outageMs: number;
  cpu: number | null;
  mongoUrl: string;
  log: (message: string) => void;
}

interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

type Phase = 'before' | 'during' | 'after';
const phases = () => ({
  before: new Latency(),
  during: new Latency(),
  after: new Latency(),
});

function phaseOf(at: number, down: number, up: number): Phase {
  return at < down ? 'before' : at < up ? 'during' : 'after';
}

/**
 * What both outages report: the posts made during the outage, the health answers then, and
 * whether every acknowledged idea is stored (`stored`, read once the storm is over).
 */
function outageOutcome(
  storm: FaultStorm,
  down: number,
  up: number,
  health: ReturnType<typeof pollHealth>,
  stored: Set<string>,
  persistedMs: number,
) {
  const postsDuring = storm.posts.filter((p) => phaseOf(p.at, down, up) === 'during');
  const during = health.between(down, up);
  const acked = storm.acked;
  const storedCount = acked.filter((p) => stored.has(p.id)).length;
  return {
    postsDuring,
    /** Metrics in report order: the posts, then the health, then the storage. */
    posts: {
      outageS: (up - down) / 1000,
      posts: storm.posts.length,
      postsDuringOutage: postsDuring.length,
      ackedDuringOutage: postsDuring.filter((p) => p.ok).length,
      failedDuringOutage: postsDuring.filter((p) => !p.ok).length,
    },
    health: {
      healthPollsDuring: during.total,
      healthDegradedDuring: during.degraded,
      healthSlowestDuringMs: during.slowestMs,
    },
    storage: {
      acked: acked.length,
      storedOfAcked: storedCount,
      persistedAfterReturnMs: persistedMs,
    },
    unstored: acked.length - storedCount,
  };
}

/** Drops the scenario's database; never throws (it runs in a finally). */
const dropQuietly = (fixtures: BenchFixtures | null) =>
  fixtures ? dropBenchDatabase(fixtures).catch(() => undefined) : undefined;

/**
 * 8. MongoDB unreachable during editing: a database of its own is stopped for `outageMs` while
 * participants post acknowledged ideas, then started again. Clients must keep working (edit
 * latency during the outage), /api/health must say degraded, and every acknowledged edit must
 * be in the database once it is back (time until everything is stored).
 */
export async function mongoOutage(sc: StandaloneContext): Promise<ScenarioResult> {
  const dbPort = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cocon-bench-outage-db-'));
  let database = (await startDatabase({ port: dbPort, dataDir })) as RunningDatabase;
  let fixtures: BenchFixtures | null = null;
  let target: Target | null = null;
  let storm: FaultStorm | null = null;
  try {
    fixtures = await createBenchDatabase(database.url, 1);
    target = await startCocon({
      port: await freePort(),
      mongoUrl: database.url,
      dbName: fixtures.dbName,
      cpu: sc.cpu,
    });
    const ctx: ScenarioContext = { ...sc, target, peers: [], fixtures };
    const boardId = fixtures.boardIds[0]!;
    const count = scaled(100, sc.scale, 3);
    const periodMs = Math.min(2_000, sc.durationMs / 4);
    let down = Infinity;
    let up = Infinity;
    const delivery = phases();
    storm = new FaultStorm(ctx, [target], boardId, (a) =>
      delivery[phaseOf(a.postedAt, down, up)].recordMs(a.latencyMs),
    );
    await storm.connect(count);
    sc.log(
      `  ${count} participants posting every ${periodMs / 1000} s; database down for ${sc.outageMs / 1000} s`,
    );
    const health = pollHealth([target]);
    storm.start(periodMs, false);
    await sleep(Math.max(1_000, sc.durationMs / 3));

    // The outage counts from the moment the database process is gone.
    await database.stop();
    down = performance.now();
    await sleep(sc.outageMs);
    const restartAt = performance.now();
    database = (await startDatabase({ port: dbPort, dataDir })) as RunningDatabase;
    up = performance.now();
    const persistedWatch = storm.watchAckedStored(fixtures.db, up, 90_000);
    sc.log(
      `  database back after ${((up - down) / 1000).toFixed(1)} s (restart took ${(up - restartAt).toFixed(0)} ms)`,
    );
    await sleep(Math.max(1_000, sc.durationMs / 3));
    await storm.stop();
    const left = await storm.drain(20_000);

    const persistedMs = await persistedWatch;
    // At the end, every acknowledged idea must be in the database: read it like a cold load would.
    const stored = await finalStored(
      fixtures.db,
      boardId,
      storm.acked.map((p) => p.id),
    );
    await health.stop();
    const outcome = outageOutcome(storm, down, up, health, stored, persistedMs);
    if (outcome.health.healthDegradedDuring < outcome.health.healthPollsDuring)
      sc.log(
        `  health during the outage: ${JSON.stringify(health.samples.filter((h) => h.at >= down && h.at < up).map((h) => `${h.status} ${h.body}`))}`,
      );
    const ackDuring = new Latency();
    const ackBefore = new Latency();
    for (const p of storm.posts) {
      if (!p.ok || p.ackedAt === null) continue;
      const phase = phaseOf(p.at, down, up);
      if (phase === 'during') ackDuring.recordMs(p.ackedAt - p.at);
      if (phase === 'before') ackBefore.recordMs(p.ackedAt - p.at);
    }
    return {
      metrics: {
        participants: count,
        ...outcome.posts,
        ackP50BeforeMs: ackBefore.summary().p50,
        ackP50DuringMs: ackDuring.summary().p50,
        ackP99DuringMs: ackDuring.summary().p99,
        p50BeforeMs: delivery.before.summary().p50,
        p99BeforeMs: delivery.before.summary().p99,
        p50DuringMs: delivery.during.summary().p50,
        p99DuringMs: delivery.during.summary().p99,
        p99AfterMs: delivery.after.summary().p99,
        ...outcome.health,
        degradedAfterMs: health.firstAfter(down, (s) => s.body === 'degraded'),
        okAfterReturnMs: health.firstAfter(up, (s) => s.body === 'ok'),
        ...outcome.storage,
      },
      lost: left + outcome.unstored,
      converged: storm.converged(),
      note: `database stopped (SIGTERM) for ${((up - down) / 1000).toFixed(1)} s while ${count} participants posted; health polled every 250 ms`,
    };
  } finally {
    storm?.close();
    await target?.stop();
    await dropQuietly(fixtures);
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const { Redis } = await import('ioredis');
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => 50 });
  probe.on('error', () => undefined);
  await timeUntil(
    async () => {
      await probe.connect().catch(() => undefined);
      return (await probe.ping().catch(() => '')) === 'PONG';
    },
    performance.now(),
    10_000,
    50,
  );
  probe.disconnect();
  return child;
}

/**
 * 9. Redis unreachable with two instances: a Redis of its own (never the machine's shared one)
 * is killed for `outageMs` during a forum storm spread over both instances, then started
 * again. Each instance must keep serving its own clients (same-instance latency during the
 * outage); after Redis returns, cross-instance traffic resumes and every client converges
 * (time to converge), and every acknowledged idea is stored.
 */
export async function redisOutage(sc: StandaloneContext): Promise<ScenarioResult> {
  const redisPort = await freePort();
  let redis = await startRedis(redisPort);
  const fixtures = await createBenchDatabase(sc.mongoUrl, 1);
  const targets: Target[] = [];
  let storm: FaultStorm | null = null;
  try {
    for (let i = 0; i < 2; i++) {
      targets.push(
        await startCocon({
          port: await freePort(),
          mongoUrl: sc.mongoUrl,
          dbName: fixtures.dbName,
          cpu: sc.cpu,
          redis: { url: `redis://127.0.0.1:${redisPort}`, prefix: 'cocon-bench-outage:' },
        }),
      );
    }
    const ctx: ScenarioContext = { ...sc, target: targets[0]!, peers: targets.slice(1), fixtures };
    const boardId = fixtures.boardIds[0]!;
    const count = scaled(200, sc.scale, 4);
    const periodMs = Math.min(5_000, sc.durationMs / 4);
    let down = Infinity;
    let up = Infinity;
    const same = phases();
    const cross = phases();
    let crossArrivedDuring = 0;
    storm = new FaultStorm(ctx, targets, boardId, (a) => {
      const phase = phaseOf(a.postedAt, down, up);
      (a.receiverHome === a.posterHome ? same : cross)[phase].recordMs(a.latencyMs);
      if (a.receiverHome !== a.posterHome && phase === 'during' && performance.now() < up)
        crossArrivedDuring += 1;
    });
    await storm.connect(count);
    sc.log(
      `  ${count} participants on 2 instances posting every ${periodMs / 1000} s; Redis down for ${sc.outageMs / 1000} s`,
    );
    const health = pollHealth(targets);
    storm.start(periodMs, false);
    await sleep(Math.max(1_000, sc.durationMs / 3));

    down = performance.now();
    redis.kill('SIGKILL');
    await sleep(sc.outageMs);
    redis = await startRedis(redisPort);
    up = performance.now();
    const persistedWatch = storm.watchAckedStored(fixtures.db, up, 90_000);
    const allStorm = storm;
    const ackedBeforeUp = () => allStorm.acked.filter((p) => p.at < up).map((p) => p.id);
    const convergeMs = await timeUntil(() => allStorm.missing(ackedBeforeUp(), false) === 0, up, 60_000, 100);
    sc.log(
      `  Redis back after ${((up - down) / 1000).toFixed(1)} s; every client converged after ${convergeMs?.toFixed(0)} ms`,
    );
    await sleep(Math.max(1_000, sc.durationMs / 3));
    await storm.stop();
    const left = await storm.drain(20_000);
    const persistedMs = await persistedWatch;
    const stored = await finalStored(
      fixtures.db,
      boardId,
      storm.acked.map((p) => p.id),
    );
    await health.stop();
    const outcome = outageOutcome(storm, down, up, health, stored, persistedMs);
    const ackDuring = new Latency();
    for (const p of outcome.postsDuring) if (p.ok && p.ackedAt !== null) ackDuring.recordMs(p.ackedAt - p.at);
    return {
      metrics: {
        participants: count,
        ...outcome.posts,
        ackP99DuringMs: ackDuring.summary().p99,
        sameP50BeforeMs: same.before.summary().p50,
        sameP99BeforeMs: same.before.summary().p99,
        sameP50DuringMs: same.during.summary().p50,
        sameP99DuringMs: same.during.summary().p99,
        crossP99BeforeMs: cross.before.summary().p99,
        crossDeliveredDuringOutage: crossArrivedDuring,
        crossP99AfterMs: cross.after.summary().p99,
        convergeAfterReturnMs: convergeMs ?? NaN,
        ...outcome.health,
        ...outcome.storage,
      },
      lost: left + outcome.unstored,
      converged: storm.converged() && convergeMs !== null,
      note: `a Redis of its own on port ${redisPort} killed (SIGKILL) for ${((up - down) / 1000).toFixed(1)} s and restarted empty; health polled every 250 ms on both instances`,
    };
  } finally {
    storm?.close();
    await Promise.all(targets.map((t) => t.stop()));
    redis.kill('SIGKILL');
    await dropQuietly(fixtures);
  }
}
