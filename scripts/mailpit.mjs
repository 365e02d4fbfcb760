// Starts Mailpit, the local mail catcher used by `npm start` (demo inbox) and `npm test`:
// an SMTP server that keeps every message, plus a web UI and REST API to read them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError, isPortOpen, makeLog, sleep, waitForPort } from './lib.mjs';
import { MAILPIT_BIN } from './setup.mjs';

const log = makeLog('mailpit');

/**
 * Ensures a Mailpit answers on 127.0.0.1:<smtpPort> (SMTP) and 127.0.0.1:<httpPort> (web UI
 * and API). When a Mailpit already listens on both ports it is reused and stop() does nothing.
 * Messages live in a throw-away database removed by stop().
 * @returns {Promise<{ smtpUrl: string, httpUrl: string, reused: boolean, stop: () => Promise<void> }>}
 */
export async function startMailpit({ smtpPort, httpPort, timeoutMs = 30_000 }) {
  const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const [smtpBusy, httpBusy] = await Promise.all([isPortOpen(smtpPort), isPortOpen(httpPort)]);
  if (smtpBusy || httpBusy) {
    if (smtpBusy && httpBusy && (await isMailpit(httpUrl))) {
      log(`a Mailpit already listens on 127.0.0.1:${smtpPort} and ${httpUrl}: reusing it`);
      return { smtpUrl, httpUrl, reused: true, stop: async () => {} };
    }
    const busy = [smtpBusy && smtpPort, httpBusy && httpPort].filter(Boolean).join(' and ');
    throw new UserError(
      `cannot start Mailpit: 127.0.0.1:${busy} already in use by something that is not a Mailpit ` +
        `on both ports; free it, or set SMTP_URL to an SMTP server to use instead`,
    );
  }
  if (!fs.existsSync(MAILPIT_BIN)) {
    throw new UserError(`${MAILPIT_BIN} is missing: run \`node scripts/setup.mjs\` first`);
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocon-mailpit-'));
  const logFile = path.join(dataDir, 'mailpit.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    '--smtp',
    `127.0.0.1:${smtpPort}`,
    '--listen',
    `127.0.0.1:${httpPort}`,
    '--database',
    path.join(dataDir, 'mailpit.db'),
    '--disable-version-check',
    // No reverse DNS lookups of 127.0.0.1 on every message.
    '--smtp-disable-rdns',
  ];
  log(`starting Mailpit: SMTP ${smtpUrl}, inbox ${httpUrl} (log: ${logFile})`);
  // Own process group, like the database: a Ctrl-C must not stop the mail catcher before the
  // server that sends to it has shut down; stop() does it afterwards.
  const child = spawn(MAILPIT_BIN, args, { cwd: dataDir, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const killOnExit = () => {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      log(`stopped Mailpit on 127.0.0.1:${smtpPort}/${httpPort}`);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForPort(smtpPort, timeoutMs, { child });
    await waitForPort(httpPort, timeoutMs, { child });
    await waitReady(httpUrl, timeoutMs);
  } catch (err) {
    log.error(`Mailpit did not start; last lines of ${logFile}:\n${tail(logFile, 20)}`);
    await stop();
    throw err;
  }
  log(`ready: SMTP ${smtpUrl}, inbox ${httpUrl}`);
  return { smtpUrl, httpUrl, reused: false, stop };
}

/** True when httpUrl answers like a Mailpit (its /api/v1/info route). */
async function isMailpit(httpUrl) {
  try {
    const res = await fetch(`${httpUrl}/api/v1/info`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) return false;
    const info = await res.json();
    return typeof info?.Version === 'string';
  } catch {
    return false;
  }
}

/** Waits until Mailpit's /readyz says 200. */
async function waitReady(httpUrl, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${httpUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(200);
  }
  throw new UserError(`${httpUrl}/readyz does not answer 200 after ${timeoutMs} ms (${last})`);
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
