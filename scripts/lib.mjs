// Shared helpers for the repository scripts. Plain Node ESM, no npm dependencies:
// these run before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Returns a logger whose lines start with `[prefix]`. */
export function makeLog(prefix) {
  const tag = `[${prefix}]`;
  const logger = (...args) => console.log(tag, ...args);
  logger.warn = (...args) => console.warn(tag, 'WARN:', ...args);
  logger.error = (...args) => console.error(tag, 'ERROR:', ...args);
  return logger;
}

export const log = makeLog('cocon');

/** Error whose message is meant to be shown to a person as is (no stack). */
export class UserError extends Error {}

function quote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${String(arg).replaceAll("'", `'\\''`)}'`;
}

export function formatCommand(cmd, args = []) {
  return [cmd, ...args].map(quote).join(' ');
}

/**
 * Runs a command with inherited stdio (unless opts.stdio says otherwise) and resolves
 * with its exit code. Options: cwd (default ROOT), env (merged over process.env),
 * check (reject when the exit code is not 0), quiet (do not echo the command),
 * timeoutMs (kill the whole process group after that long; resolves with code 124),
 * detached (own process group; implied by timeoutMs).
 */
export function run(cmd, args = [], opts = {}) {
  const { cwd = ROOT, env, check = false, quiet = false, timeoutMs, stdio = 'inherit' } = opts;
  const detached = opts.detached ?? Boolean(timeoutMs);
  if (!quiet) log('$', formatCommand(cmd, args));
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio, detached });
    } catch (err) {
      reject(err);
      return;
    }
    let timedOut = false;
    let timer;
    if (timeoutMs) {
      timer = setTimeout(() => {
        timedOut = true;
        log.error(
          `${formatCommand(cmd, args)} still running after ${Math.round(timeoutMs / 1000)} s: killing it`,
        );
        killTree(child, 'SIGTERM');
        setTimeout(() => killTree(child, 'SIGKILL'), 5000).unref();
      }, timeoutMs);
    }
    const onSignal = () => killTree(child, 'SIGTERM');
    if (detached) {
      // A detached child does not get the terminal's Ctrl-C: pass it on.
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
    child.on('error', (err) => {
      cleanup();
      reject(err.code === 'ENOENT' ? new UserError(`command not found: ${cmd}`) : err);
    });
    child.on('close', (code, signal) => {
      cleanup();
      const exitCode = timedOut ? 124 : (code ?? (signal ? 128 + (signalNumber(signal) ?? 0) : 1));
      if (check && exitCode !== 0) {
        reject(new UserError(`command failed (exit ${exitCode}): ${formatCommand(cmd, args)}`));
      } else {
        resolve(exitCode);
      }
    });
  });
}

/** Runs a command and returns its stdout (trimmed); throws UserError on failure. */
export function capture(cmd, args = [], opts = {}) {
  const res = spawnSync(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', opts.inheritStderr === false ? 'pipe' : 'inherit'],
    timeout: opts.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new UserError(`command failed (exit ${res.status ?? res.signal}): ${formatCommand(cmd, args)}`);
  }
  return res.stdout.trim();
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal];
}

/** Sends a signal to a child and, when it leads its own process group, to the whole group. */
export function killTree(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
    return;
  } catch {
    // not a group leader (not detached), or already gone
  }
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}

/** Absolute path of an executable found on PATH (plus extraDirs), or null. */
export function which(name, extraDirs = []) {
  if (name.includes('/')) return isExecutable(name) ? path.resolve(name) : null;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file) {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Resolves true when a TCP connection to host:port succeeds within timeoutMs. */
export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until something answers on host:port. Rejects after timeoutMs, or as soon as
 * opts.child (a ChildProcess expected to open the port) exits.
 */
export async function waitForPort(port, timeoutMs = 30_000, opts = {}) {
  const { host = '127.0.0.1', child } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new UserError(
        `process ${child.pid} exited (${child.exitCode ?? child.signalCode}) before listening on ${host}:${port}`,
      );
    }
    if (await isPortOpen(port, host, 500)) return;
    if (Date.now() > deadline)
      throw new UserError(`nothing answers on ${host}:${port} after ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** mtime (ms) of a path, or 0 when it does not exist. */
export function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Newest mtime (ms) among the given files and the files below the given directories,
 * leaving out folders named in `skip` and files whose name matches `skipFile`.
 */
export function newestMtime(
  paths,
  { skip = new Set(['node_modules', '.git', 'dist']), skipFile = null } = {},
) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (!skip.has(entry)) visit(path.join(p, entry));
    } else if (st.mtimeMs > newest && !(skipFile && skipFile.test(path.basename(p)))) {
      newest = st.mtimeMs;
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

/** Path of a locally installed npm binary (node_modules/.bin), or null. */
export function localBin(name) {
  const p = path.join(ROOT, 'node_modules', '.bin', name);
  return fs.existsSync(p) ? p : null;
}

/** [cmd, args] to run an npm binary: the local one when installed, else `npx --no`. */
export function npxCommand(name, args = []) {
  const local = localBin(name);
  return local ? [local, args] : ['npx', ['--no', '--', name, ...args]];
}

/** Runs a CLI entry point: calls main() and turns errors into a clean exit code. */
export function runMain(logger, main) {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (err) => {
      if (err instanceof UserError) logger.error(err.message);
      else logger.error(err?.stack ?? err);
      process.exitCode = 1;
    },
  );
}

/** True when this module is the script node was started with. */
export function isMain(importMetaUrl) {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1]) === fileURLToPath(importMetaUrl);
}

/** A TCP port that was free on host a moment ago (the OS picks it). */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
