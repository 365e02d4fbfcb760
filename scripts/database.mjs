// Starts the MongoDB-compatible database used by `npm start` and `npm test`:
// a `mongod` from PATH when there is one, else FerretDB (SQLite backend) from .tools/bin.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, UserError, isPortOpen, makeLog, sleep, waitForPort, which } from './lib.mjs';
import { FERRETDB_BIN } from './setup.mjs';

const log = makeLog('database');

/**
 * Ensures a MongoDB-compatible server answers on 127.0.0.1:<port>.
 * When something already listens there it is reused and stop() does nothing.
 * @returns {Promise<{ url: string, reused: boolean, stop: () => Promise<void> }>}
 */
export async function startDatabase({ port, dataDir, timeoutMs = 60_000 }) {
  const url = `mongodb://127.0.0.1:${port}/`;
  if (await isPortOpen(port)) {
    log(`something already listens on 127.0.0.1:${port}: reusing it (${url})`);
    await ping(url, timeoutMs);
    return { url, reused: true, stop: async () => {} };
  }

  dataDir = path.resolve(ROOT, dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'server.log');
  const out = fs.openSync(logFile, 'a');

  const mongod = which('mongod');
  let cmd;
  let args;
  if (mongod) {
    cmd = mongod;
    args = ['--dbpath', dataDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'];
  } else {
    if (!fs.existsSync(FERRETDB_BIN)) {
      fs.closeSync(out);
      throw new UserError(`${FERRETDB_BIN} is missing: run \`node scripts/setup.mjs\` first`);
    }
    cmd = FERRETDB_BIN;
    args = [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      // "-" turns off the debug/metrics HTTP listener (default 127.0.0.1:8088), so that
      // several instances can run side by side.
      '--debug-addr=-',
      '--telemetry=disable',
      `--state-dir=${dataDir}`,
      '--log-level=warn',
    ];
  }
  log(`starting ${path.basename(cmd)} on 127.0.0.1:${port}, data in ${dataDir} (log: ${logFile})`);
  // Own process group: a Ctrl-C in the terminal must not stop the database before the
  // server that uses it has shut down; stop() does it afterwards.
  const child = spawn(cmd, args, { cwd: dataDir, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const killOnExit = () => {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', killOnExit);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    log(`stopped ${path.basename(cmd)} on 127.0.0.1:${port}`);
  };

  try {
    await waitForPort(port, timeoutMs, { child });
    await ping(url, timeoutMs);
  } catch (err) {
    await stop();
    log.error(`the database did not start; last lines of ${logFile}:\n${tail(logFile, 20)}`);
    throw err;
  }
  log(`ready: ${url}`);
  return { url, reused: false, stop };
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Loads the `mongodb` driver from the root node_modules, or null before `npm install`. */
async function loadDriver() {
  try {
    const require = createRequire(path.join(ROOT, 'package.json'));
    return await import(pathToFileURL(require.resolve('mongodb')).href);
  } catch {
    return null;
  }
}

/** Waits until the server answers a MongoDB `ping` (skipped when the driver is not installed). */
async function ping(url, timeoutMs) {
  const driver = await loadDriver();
  if (!driver) {
    log.warn('mongodb driver not installed: only checked that the port answers');
    return;
  }
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const client = new driver.MongoClient(url, { serverSelectionTimeoutMS: 2000, directConnection: true });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
      await sleep(300);
    } finally {
      await client.close().catch(() => {});
    }
  }
  throw new UserError(`${url} does not answer a MongoDB ping: ${lastError?.message ?? 'timeout'}`);
}
