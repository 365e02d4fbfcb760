// `npm start`: set the machine up, start the embedded database (unless MONGODB_URL is
// given) and the Mailpit demo inbox (unless SMTP_URL is given), build the client when its
// sources changed, then run the server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  isMain,
  killTree,
  makeLog,
  mtimeOf,
  newestMtime,
  npxCommand,
  run,
  runMain,
  waitForPort,
} from './lib.mjs';
import { startDatabase } from './database.mjs';
import { startMailpit } from './mailpit.mjs';
import { setup } from './setup.mjs';

const log = makeLog('start');

export const CLIENT_DIST = path.join(ROOT, 'client', 'dist');
export const DEMO_SMTP_PORT = 1025;
export const DEMO_INBOX_PORT = 8025;

/** Why the client bundle must be rebuilt, or null when client/dist is up to date. */
export function clientBuildReason() {
  const builtAt = mtimeOf(path.join(CLIENT_DIST, 'index.html'));
  if (!builtAt) return 'client/dist is missing';
  const inputs = [
    'client/src',
    'client/index.html',
    'client/public',
    'client/package.json',
    'shared/src',
    'vite.config.ts',
  ].map((p) => path.join(ROOT, p));
  // Tests do not end up in the bundle.
  return newestMtime(inputs, { skipFile: /\.(test|spec)\.[cm]?[jt]sx?$/ }) > builtAt
    ? 'client sources are newer than client/dist'
    : null;
}

/** Builds the client with Vite when needed; resolves with the exit code (0 when skipped). */
export async function buildClientIfStale({ logger = log, timeoutMs } = {}) {
  const reason = clientBuildReason();
  if (!reason) {
    logger('client: client/dist is up to date');
    return 0;
  }
  logger(`client: ${reason}: building it with vite`);
  const [cmd, args] = npxCommand('vite', ['build']);
  const code = await run(cmd, args, { timeoutMs });
  if (code === 0) {
    // Vite may keep old mtimes on copied files: date the build by its index.html.
    const index = path.join(CLIENT_DIST, 'index.html');
    if (fs.existsSync(index)) {
      const now = new Date();
      fs.utimesSync(index, now, now);
    }
  }
  return code;
}

async function main() {
  await setup({ browser: false });

  let database = null;
  let mongoUrl = process.env.MONGODB_URL;
  if (mongoUrl) {
    log(`database: using MONGODB_URL=${mongoUrl}`);
  } else {
    database = await startDatabase({ port: 27017, dataDir: path.join(ROOT, 'data', 'ferretdb') });
    mongoUrl = database.url;
  }

  let mailpit = null;
  let stopping = false;
  const stopDatabase = async () => {
    if (mailpit) await mailpit.stop().catch((err) => log.error(`stopping Mailpit: ${err.message}`));
    mailpit = null;
    if (database) await database.stop().catch((err) => log.error(`stopping the database: ${err.message}`));
    database = null;
  };

  let smtpUrl = process.env.SMTP_URL;
  try {
    if (smtpUrl) {
      log(`mail: using SMTP_URL=${smtpUrl.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')}`);
    } else {
      mailpit = await startMailpit({ smtpPort: DEMO_SMTP_PORT, httpPort: DEMO_INBOX_PORT });
      smtpUrl = mailpit.smtpUrl;
    }
    const built = await buildClientIfStale();
    if (built !== 0) {
      log.error(`the client build failed (exit ${built})`);
      await stopDatabase();
      return 1;
    }
  } catch (err) {
    await stopDatabase();
    throw err;
  }

  const port = process.env.PORT ?? '3000';
  const env = {
    ...process.env,
    MONGODB_URL: mongoUrl,
    SMTP_URL: smtpUrl,
    PORT: port,
    // Links in e-mails point here.
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    CLIENT_DIST,
    SEED_DEMO: process.env.SEED_DEMO ?? '1',
    DATA_DIR: path.join(ROOT, 'data'),
  };
  const args = ['--import', 'tsx', path.join('server', 'src', 'main.ts')];
  log(`server: node ${args.join(' ')} (PORT=${env.PORT}, MONGODB_URL=${mongoUrl})`);
  // Own process group, so a Ctrl-C reaches the server once, through us.
  const server = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit', detached: true });
  if (mailpit) {
    // The server prints the demo credentials just before it listens: show the inbox next to them.
    // Mailpit built from the Go module proxy lacks its web app's scripts, but serves each mail's
    // HTML itself: /view/latest.html is the newest mail (an invitation, a reset) with its link.
    const inbox = mailpit.httpUrl;
    waitForPort(Number(port), 10 * 60_000, { child: server }).then(
      () =>
        console.log(
          `\n  Dernier courriel envoyé / newest mail sent: ${inbox}/view/latest.html` +
            `\n  Tous les courriels (JSON) / all mail (JSON): ${inbox}/api/v1/messages\n`,
        ),
      () => {},
    );
  }

  let signals = 0;
  const forward = (signal) => {
    signals += 1;
    stopping = true;
    if (signals >= 3) {
      log.warn('third signal: killing the server');
      killTree(server, 'SIGKILL');
    } else {
      log(`${signal}: stopping the server`);
      killTree(server, signal);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  process.on('exit', () => killTree(server, 'SIGKILL'));

  const code = await new Promise((resolve) => {
    server.on('error', (err) => {
      log.error(`cannot start the server: ${err.message}`);
      resolve(1);
    });
    server.on('exit', (c, signal) => resolve(c ?? (signal ? `${signal}` : 1)));
  });
  await stopDatabase();
  if (stopping) {
    // Stopped on request: a server killed by the forwarded signal is a clean stop.
    return typeof code === 'string' || [0, 130, 143].includes(code) ? 0 : code;
  }
  log.error(`the server exited by itself (${code})`);
  return typeof code === 'number' ? code : 1;
}

if (isMain(import.meta.url)) runMain(log, main);
