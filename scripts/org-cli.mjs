// `npm run org:create` / `npm run org:list`: the platform command line on the embedded database
// (started here when MONGODB_URL is unset, like `npm start`), or on MONGODB_URL.
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib.mjs';
import { setup } from './setup.mjs';
import { startDatabase } from './database.mjs';

const [command, ...args] = process.argv.slice(2);
await setup({ browser: false });
const db = process.env.MONGODB_URL ? null : await startDatabase({ port: 27017, dataDir: './data/ferretdb' });
const env = { ...process.env, MONGODB_URL: process.env.MONGODB_URL ?? db.url };
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'server/src/cli/orgCli.ts', command, ...args],
  {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  },
);
await db?.stop();
process.exit(result.status ?? 1);
