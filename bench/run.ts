/**
 * `npm run bench`: every scenario against our server and against the bare relay, each started
 * fresh and pinned to core 0 (taskset) while this generator runs on core 1.
 * Options: --scale 0.1 (fraction of the issue's sizes), --duration 30 (seconds of load),
 * --outage 30 (seconds the database or Redis stays away in the fault scenarios),
 * --only forumStorm,joinStorm, --out <dir>, --smoke (tiny run, no pinning, used by npm test),
 * --participants 500 --rate 50 (the participant-path scenario's size and ideas a second).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { freePort, startCocon, startRelay, type Target } from './lib/targets.js';
import { createBenchDatabase, dropBenchDatabase, type BenchFixtures } from './lib/fixtures.js';
import { consoleTable, ratios, svgChart, type ScenarioReport } from './lib/report.js';
import type { ScenarioContext, ScenarioResult } from './lib/scenario.js';
import { forumStorm } from './scenarios/forumStorm.js';
import { coWriting } from './scenarios/coWriting.js';
import { idleConnections } from './scenarios/idleConnections.js';
import { coldLoad } from './scenarios/coldLoad.js';
import { joinStorm } from './scenarios/joinStorm.js';
import { instanceKill } from './scenarios/instanceKill.js';
import { mongoOutage, redisOutage, type StandaloneContext } from './scenarios/faults.js';
import { hostileGuest } from './scenarios/hostileGuest.js';
import { participantPath } from './scenarios/participantPath.js';

const SCENARIOS: Record<
  string,
  | {
      title: string;
      run: (ctx: ScenarioContext) => Promise<ScenarioResult>;
      relay: boolean;
      instances?: number;
      /** Overrides the server's unload grace (the cold load needs documents to leave memory fast). */
      unloadGraceMs?: number;
    }
  | {
      title: string;
      /** Fault scenarios start their own servers (and database or Redis); no relay. */
      standalone: (ctx: StandaloneContext) => Promise<ScenarioResult>;
    }
> = {
  forumStorm: {
    title: '1. Forum storm (500 participants, a post every 10 s each)',
    run: forumStorm,
    relay: true,
  },
  coWriting: {
    title: '2. Co-writing (20 proposals x 10 writers, 5 keystrokes/s)',
    run: coWriting,
    relay: true,
  },
  idleConnections: { title: '3. 2,000 idle connections (memory)', run: idleConnections, relay: true },
  coldLoad: {
    title: '4. Cold load of a document with 10,000 updates',
    run: coldLoad,
    relay: false,
    unloadGraceMs: 200,
  },
  joinStorm: { title: '5. Join storm (300 clients, 2,000 ideas, within 10 s)', run: joinStorm, relay: true },
  crossInstance: {
    title: '6. Forum storm across two instances through Redis (vs scenario 1 on one instance)',
    run: forumStorm,
    relay: false,
    instances: 2,
  },
  instanceKill: {
    title: '7. Forum storm over two instances, one SIGKILLed midway (its clients move to the other)',
    run: instanceKill,
    relay: false,
    instances: 2,
  },
  mongoOutage: { title: '8. MongoDB unreachable during editing (one instance)', standalone: mongoOutage },
  redisOutage: { title: '9. Redis unreachable with two instances', standalone: redisOutage },
  hostileGuest: {
    title: '10. Hostile guest: sync step 1 flood on a 1 MB board during a 300-participant storm',
    run: hostileGuest,
    relay: false,
  },
  participantPath: {
    title:
      '11. Participant path (500 guests: session, read-only board, socket.io; 10 post 50 ideas/s in all, 20 time arrivals)',
    run: participantPath,
    relay: true,
  },
};

/** The issue's targets, checked on every run. */
function checks(
  name: string,
  cocon: ScenarioResult,
  relay: ScenarioResult | null,
  reports: ScenarioReport[],
): { label: string; pass: boolean }[] {
  const m = cocon.metrics;
  const list = [
    {
      label: 'nothing lost, every full client converged',
      pass: cocon.lost === 0 && cocon.converged && (!relay || (relay.lost === 0 && relay.converged)),
    },
  ];
  if (name === 'crossInstance') {
    const single = reports.find((r) => r.name === 'forumStorm')?.cocon.metrics.p99Ms;
    if (single) {
      list.push({
        label: `cross-instance p99 <= 2 x single-instance p99 (${((m.p99Ms ?? 0) / single).toFixed(2)}x)`,
        pass: (m.p99Ms ?? Infinity) <= 2 * single,
      });
    }
  }
  if (name === 'forumStorm') {
    list.push({ label: `p50 <= 10 ms (${m.p50Ms?.toFixed(2)})`, pass: (m.p50Ms ?? Infinity) <= 10 });
    list.push({ label: `p99 <= 50 ms (${m.p99Ms?.toFixed(2)})`, pass: (m.p99Ms ?? Infinity) <= 50 });
    if (relay)
      list.push({
        label: `p99 <= 1.25 x relay (${((m.p99Ms ?? 0) / (relay.metrics.p99Ms ?? 1)).toFixed(2)}x)`,
        pass: (m.p99Ms ?? Infinity) <= 1.25 * (relay.metrics.p99Ms ?? 0),
      });
  }
  if (name === 'instanceKill') {
    list.push({
      label: `every moved client synced again through the survivor (${m.reconnectedClients} of ${m.movedClients})`,
      pass: (m.movedClients ?? 0) > 0 && m.reconnectedClients === m.movedClients,
    });
    list.push({
      label: `every idea acknowledged before the kill is stored (${m.storedOfAckedBeforeKill} of ${m.ackedBeforeKill})`,
      pass: m.storedOfAckedBeforeKill === m.ackedBeforeKill,
    });
  }
  if (name === 'mongoOutage' || name === 'redisOutage') {
    list.push({
      label: `clients kept working: every post during the outage acknowledged (${m.ackedDuringOutage} of ${m.postsDuringOutage})`,
      pass: (m.postsDuringOutage ?? 0) > 0 && m.failedDuringOutage === 0,
    });
    list.push({
      label: `/api/health said degraded during the outage (${m.healthDegradedDuring} of ${m.healthPollsDuring} polls)`,
      pass: (m.healthPollsDuring ?? 0) > 0 && m.healthDegradedDuring === m.healthPollsDuring,
    });
    list.push({
      label: `every acknowledged edit stored after the return (${m.storedOfAcked} of ${m.acked}, ${m.persistedAfterReturnMs?.toFixed(0)} ms)`,
      pass: m.storedOfAcked === m.acked,
    });
  }
  if (name === 'redisOutage')
    list.push({
      label: `each instance served its own clients during the outage (same-instance p99 ${m.sameP99DuringMs?.toFixed(1)} ms), all converged after (${m.convergeAfterReturnMs?.toFixed(0)} ms)`,
      // An empty histogram reports 0, and any delivery at least 0.001 ms: finite alone always held.
      pass: (m.sameP99DuringMs ?? 0) > 0 && Number.isFinite(m.convergeAfterReturnMs),
    });
  if (name === 'hostileGuest') {
    list.push({
      label: `the attacker flooded (${m.syncRequestsSent} sync requests sent, ${m.syncRequestsAnswered} answered, ${m.connectionsOpened} connections)`,
      pass: (m.syncRequestsSent ?? 0) > 0 && (m.connectionsOpened ?? 0) > 0,
    });
    list.push({
      label: `/api/health p99 <= 100 ms under attack (${m.healthP99AttackMs?.toFixed(1)} ms; ${m.healthP99CalmMs?.toFixed(1)} without)`,
      pass: (m.healthP99AttackMs ?? Infinity) <= 100 && m.healthFailedAttack === 0,
    });
    list.push({
      label: `delivery p99 under attack <= 1.5 x without (${m.p99AttackMs?.toFixed(1)} / ${m.p99CalmMs?.toFixed(1)} ms = ${m.p99AttackToCalm?.toFixed(2)}x)`,
      pass: (m.p99AttackToCalm ?? Infinity) <= 1.5,
    });
  }
  if (name === 'participantPath' && relay) {
    const r = relay.metrics;
    const large = (m.participants ?? 0) >= 1500;
    list.push({
      label: `every idea acknowledged (${m.refused} refused of ${m.ideas})`,
      pass: m.refused === 0,
    });
    if (large) {
      list.push({ label: `p99 <= 100 ms (${m.p99Ms?.toFixed(1)})`, pass: (m.p99Ms ?? Infinity) <= 100 });
    } else {
      list.push({ label: `p50 <= 8 ms (${m.p50Ms?.toFixed(2)})`, pass: (m.p50Ms ?? Infinity) <= 8 });
      list.push({ label: `p99 <= 40 ms (${m.p99Ms?.toFixed(1)})`, pass: (m.p99Ms ?? Infinity) <= 40 });
      list.push({
        label: `p99 <= 1.25 x relay (${((m.p99Ms ?? 0) / (r.p99Ms ?? 1)).toFixed(2)}x)`,
        pass: (m.p99Ms ?? Infinity) <= 1.25 * (r.p99Ms ?? 0),
      });
    }
    list.push({
      label: `bytes per participant <= 1.3 x relay (${m.boardPerParticipantKB?.toFixed(0)} / ${r.boardPerParticipantKB?.toFixed(0)} KB = ${((m.boardPerParticipantKB ?? 0) / (r.boardPerParticipantKB ?? 1)).toFixed(2)}x)`,
      pass: (m.boardPerParticipantKB ?? Infinity) <= 1.3 * (r.boardPerParticipantKB ?? 0),
    });
    if ((m.participants ?? 0) <= 500)
      list.push({
        label: `${m.participants} guests joined (session, board, socket.io) in < 2 s (${m.joinAllMs?.toFixed(0)} ms)`,
        pass: (m.joinAllMs ?? Infinity) < 2000,
      });
  }
  if (name === 'idleConnections')
    list.push({
      label: `<= 100 MB above idle (${m.aboveIdleMB?.toFixed(1)})`,
      pass: (m.aboveIdleMB ?? Infinity) <= 100,
    });
  if (name === 'coldLoad')
    list.push({
      label: `median cold load <= 50 ms (${m.medianColdLoadMs?.toFixed(2)})`,
      pass: (m.medianColdLoadMs ?? Infinity) <= 50,
    });
  if (name === 'joinStorm')
    list.push({
      label: `every client synced, p99 <= 2 s (${m.p99Ms?.toFixed(0)} ms)`,
      pass: cocon.lost === 0 && (m.p99Ms ?? Infinity) <= 2000,
    });
  return list;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      duration: { type: 'string', default: '30' },
      outage: { type: 'string', default: '30' },
      only: { type: 'string' },
      out: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      participants: { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const smoke = values.smoke;
  const scale = smoke ? 0.01 : Number(values.scale);
  const durationMs = (smoke ? 2 : Number(values.duration)) * 1000;
  const outageMs = (smoke ? 2 : Number(values.outage)) * 1000;
  const names = values.only ? values.only.split(',') : Object.keys(SCENARIOS);
  const sizes = {
    ...(values.participants && !smoke ? { participants: Number(values.participants) } : {}),
    ...(values.rate && !smoke ? { rate: Number(values.rate) } : {}),
  };
  const mongoUrl =
    process.env.BENCH_MONGODB_URL ??
    process.env.TEST_MONGODB_URL ??
    process.env.MONGODB_URL ??
    'mongodb://127.0.0.1:27018/';
  const cpu = !smoke && os.cpus().length > 1 ? 0 : null;
  const log = (message: string) => console.log(message);
  log(
    `bench: scale ${scale}, ${durationMs / 1000} s of load, server ${cpu === null ? 'unpinned' : 'on core 0'}, database ${mongoUrl}`,
  );

  const reports: ScenarioReport[] = [];
  for (const name of names) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
    log(`\n${scenario.title}`);
    if ('standalone' in scenario) {
      const cocon = await scenario.standalone({ scale, durationMs, outageMs, cpu, mongoUrl, log });
      reports.push({
        name,
        title: scenario.title,
        cocon,
        relay: null,
        ratios: {},
        checks: checks(name, cocon, null, reports),
      });
      continue;
    }
    const instances = scenario.instances ?? 1;
    // Several instances share one Redis (REDIS_URL, or the local one), all on the server core.
    const redis =
      instances > 1
        ? { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: `cocon-bench:${Date.now()}:` }
        : undefined;
    const runOn = async (target: Target, fixtures: BenchFixtures | null, peers: Target[] = []) => {
      try {
        log(` ${target.name}${peers.length ? ` + ${peers.length} more instance(s)` : ''}...`);
        return await scenario.run({
          target,
          peers,
          fixtures,
          scale,
          durationMs,
          outageMs,
          cpu,
          log,
          ...sizes,
          ...(redis ? { redis } : {}),
        });
      } finally {
        await Promise.all([target, ...peers].map((t) => t.stop()));
      }
    };
    const fixtures = await createBenchDatabase(mongoUrl, 20);
    const started = await Promise.all(
      Array.from({ length: instances }, async () =>
        startCocon({
          port: await freePort(),
          mongoUrl,
          dbName: fixtures.dbName,
          cpu,
          ...(redis ? { redis } : {}),
          ...(scenario.unloadGraceMs !== undefined ? { unloadGraceMs: scenario.unloadGraceMs } : {}),
        }),
      ),
    );
    const cocon = await runOn(started[0]!, fixtures, started.slice(1));
    await dropBenchDatabase(fixtures);
    const relay = scenario.relay
      ? await runOn(await startRelay({ port: await freePort(), cpu }), null)
      : null;
    reports.push({
      name,
      title: scenario.title,
      cocon,
      relay,
      ratios: ratios(cocon, relay),
      checks: checks(name, cocon, relay, reports),
    });
  }

  console.log(consoleTable(reports));
  const finishedAt = new Date().toISOString();
  const date = finishedAt.replace(/[:.]/g, '-');
  const outDir = values.out ?? path.join(fileURLToPath(new URL('.', import.meta.url)), 'results');
  mkdirSync(outDir, { recursive: true });
  const result = {
    date: finishedAt,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? '',
      memoryGB: os.totalmem() / 2 ** 30,
      node: process.version,
    },
    params: {
      scale,
      durationSeconds: durationMs / 1000,
      outageSeconds: outageMs / 1000,
      pinned: cpu !== null,
      ...sizes,
    },
    scenarios: reports,
  };
  writeFileSync(path.join(outDir, `${date}.json`), JSON.stringify(result, null, 2));
  writeFileSync(path.join(outDir, `${date}.svg`), svgChart(reports, date.slice(0, 10)));
  console.log(`\nresults: ${path.join(outDir, `${date}.json`)} and .svg`);
  const lostOrDiverged = reports.some((r) => r.checks[0] && !r.checks[0].pass);
  return lostOrDiverged ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
