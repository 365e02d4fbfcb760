// `npm run bench [-- --scale 0.5 --duration 30 --only forumStorm]`: installs what is missing,
// starts a throw-away database, and runs bench/run.ts on core 1 (the servers under test take core 0).
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, which } from './lib.mjs';
import { setup } from './setup.mjs';
import { startDatabase } from './database.mjs';

await setup({ browser: false });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocon-bench-db-'));
const db = process.env.BENCH_MONGODB_URL ? null : await startDatabase({ port: 27020, dataDir });
const env = { ...process.env, BENCH_MONGODB_URL: process.env.BENCH_MONGODB_URL ?? db.url };
const node = [process.execPath, '--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)];
const pin = os.cpus().length > 1 && which('taskset') ? ['taskset', '-c', '1'] : [];
const command = [...pin, ...node];
const result = spawnSync(command[0], command.slice(1), { cwd: ROOT, env, stdio: 'inherit' });
await db?.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
