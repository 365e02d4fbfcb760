import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** What the hostile guest did, and what the server let it have. */
export interface FloodStats {
  syncRequestsSent: number;
  /** Sync step 2 answers received (each the whole document, asked with an empty state vector). */
  syncRequestsAnswered: number;
  bytesAnswered: number;
  connectionsOpened: number;
  /** Connections the server closed (of those opened), and how many of them with 4429. */
  connectionsClosed: number;
  closedRateLimited: number;
  /** Upgrades that did not become a connection (refused with an HTTP status, or failed). */
  upgradesRefused: number;
  /** CPU the flooding process used, on the load generator's side of the machine. */
  cpuMs: number;
}

/**
 * Starts bench/syncFlooder.ts: `connections` raw WebSockets to `url` as the guest behind
 * `cookie`, asking for the whole document over and over. It runs in its own process, on the
 * load generator's core when the server is pinned (`serverCpu`), so that it competes with the
 * generator, not with the server, for the CPU. `started` resolves once its first connection is
 * open; `stop()` ends it and resolves with its counts.
 */
export function startSyncFlood(opts: {
  url: string;
  cookie: string;
  connections: number;
  serverCpu: number | null;
}): { started: Promise<void>; stop(): Promise<FloodStats> } {
  const args = ['--import', 'tsx', 'bench/syncFlooder.ts'];
  const generatorCpu = opts.serverCpu === null ? null : opts.serverCpu === 0 ? 1 : 0;
  const child = spawn(
    generatorCpu === null ? process.execPath : 'taskset',
    generatorCpu === null ? args : ['-c', String(generatorCpu), process.execPath, ...args],
    {
      cwd: REPO,
      env: { ...process.env, URL: opts.url, COOKIE: opts.cookie, CONNECTIONS: String(opts.connections) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<never>((_resolve, reject) =>
    child.once('exit', (code) => reject(new Error(`the flooder exited (${code}) early`))),
  );
  exited.catch(() => undefined);
  const message = (pred: (m: unknown) => boolean) =>
    Promise.race([
      new Promise<unknown>((resolve) => {
        const listener = (m: unknown) => {
          if (!pred(m)) return;
          child.off('message', listener);
          resolve(m);
        };
        child.on('message', listener);
      }),
      exited,
    ]);
  const started = message((m) => m === 'started').then(() => undefined);
  return {
    started,
    stop: async () => {
      const stats = message((m) => typeof m === 'object' && m !== null);
      child.send('stop');
      return (await stats) as FloodStats;
    },
  };
}
