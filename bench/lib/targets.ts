import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A server under test: ours (auth, persistence, intents) or the bare relay. */
export interface Target {
  name: 'cocon' | 'relay';
  httpUrl: string;
  /** ws://host:port/yjs */
  yjsUrl: string;
  process: ChildProcess;
  rssBytes(): number;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}) before answering`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/** Runs `args` pinned to `cpu` with taskset when the machine has more than one core. */
function pinned(cpu: number | null, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const command = cpu === null ? process.execPath : 'taskset';
  const argv = cpu === null ? args : ['-c', String(cpu), process.execPath, ...args];
  return spawn(command, argv, {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
}

/** The target once `readyPath` answers on `port` (within `timeoutMs`). */
async function started(
  name: Target['name'],
  port: number,
  child: ChildProcess,
  readyPath: string,
  timeoutMs: number,
): Promise<Target> {
  const httpUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${httpUrl}${readyPath}`, timeoutMs, child);
  return {
    name,
    httpUrl,
    yjsUrl: `ws://127.0.0.1:${port}/yjs`,
    process: child,
    rssBytes: () => rssOf(child.pid!),
    stop: stopper(child),
  };
}

export async function startCocon(opts: {
  port: number;
  mongoUrl: string;
  dbName: string;
  cpu: number | null;
  /** Several-instance mode: the Redis they share. */
  redis?: { url: string; prefix: string };
  /** How long a document nobody holds stays loaded; the server's default (30 s) unless set. */
  unloadGraceMs?: number;
}): Promise<Target> {
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = pinned(opts.cpu, [...nodeArgs, '--import', 'tsx', 'server/src/main.ts'], {
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    MONGODB_URL: opts.mongoUrl,
    MONGODB_DB: opts.dbName,
    QUIET: '1',
    JOINS_PER_10_MIN: '1000000',
    ...(opts.unloadGraceMs !== undefined ? { UNLOAD_GRACE_MS: String(opts.unloadGraceMs) } : {}),
    NODE_ENV: 'production',
    ...(opts.redis ? { REDIS_URL: opts.redis.url, REDIS_PREFIX: opts.redis.prefix } : {}),
  });
  return started('cocon', opts.port, child, '/api/health', 60_000);
}

export async function startRelay(opts: { port: number; cpu: number | null }): Promise<Target> {
  const child = pinned(opts.cpu, ['--import', 'tsx', 'bench/relay.ts'], {
    PORT: String(opts.port),
    NODE_ENV: 'production',
  });
  return started('relay', opts.port, child, '', 30_000);
}
