import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_MONGODB_URL } from './helpers/testServer.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The benchmark is not part of the suite; a tiny run of its harness is. */
describe('the benchmark harness', () => {
  it('runs every scenario against both servers at a tiny scale and loses nothing', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'cocon-bench-smoke-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], {
      cwd: REPO,
      env: { ...process.env, BENCH_MONGODB_URL: TEST_MONGODB_URL },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith('.json'))!;
    const result = JSON.parse(readFileSync(path.join(out, file), 'utf8')) as {
      scenarios: {
        name: string;
        cocon: { lost: number; converged: boolean; metrics: Record<string, number> };
        relay: { lost: number } | null;
      }[];
    };
    expect(result.scenarios.map((s) => s.name)).toEqual([
      'forumStorm',
      'coWriting',
      'idleConnections',
      'coldLoad',
      'joinStorm',
      'crossInstance',
      'instanceKill',
      'mongoOutage',
      'redisOutage',
      'hostileGuest',
      'participantPath',
    ]);
    for (const s of result.scenarios) expect(s.cocon).toMatchObject({ lost: 0, converged: true });
    // The fault scenarios: the killed instance's clients came back, and edits made during the
    // outages were acknowledged and stored.
    const fault = (name: string) => result.scenarios.find((s) => s.name === name)!.cocon.metrics;
    expect(fault('instanceKill').reconnectedClients).toBe(fault('instanceKill').movedClients);
    expect(fault('instanceKill').movedClients).toBeGreaterThan(0);
    for (const name of ['mongoOutage', 'redisOutage']) {
      expect(fault(name).failedDuringOutage).toBe(0);
      expect(fault(name).storedOfAcked).toBe(fault(name).acked);
    }
    expect(readdirSync(out).some((f) => f.endsWith('.svg'))).toBe(true);
  }, 300_000);
});
