// `npm run plan:import` / `npm run plan:export`: the plan command line on the embedded database
// (started here when MONGODB_URL is unset, like `npm start`), or on MONGODB_URL.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lib.mjs';
import { setup } from './setup.mjs';
import { startDatabase } from './database.mjs';

const [command, ...args] = process.argv.slice(2);
// Paths are relative to where npm was run, not to the repository.
const cwd = process.env.INIT_CWD ?? process.cwd();
const resolved = args.map((arg, i) =>
  !arg.startsWith('--') && (i === 0 || args[i - 1] === '--out') ? path.resolve(cwd, arg) : arg,
);

await setup({ browser: false });
const db = process.env.MONGODB_URL ? null : await startDatabase({ port: 27017, dataDir: './data/ferretdb' });
const env = { ...process.env, MONGODB_URL: process.env.MONGODB_URL ?? db.url };
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'server/src/cli/planCli.ts', command, ...resolved],
  {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  },
);
await db?.stop();
process.exit(result.status ?? 1);
