import * as Y from 'yjs';
import { boardDocName } from '@cocon/shared';
import { applyStored, MongoDocumentStore } from '../../server/src/collab/documentStore.js';
import type { Database } from '../../server/src/db/mongo.js';
import { newMarker } from './yjsWire.js';
import { joinGuest } from './fixtures.js';
import { realProvider } from './participants.js';
import { StormClient, type Arrival, type SentLog } from './stormClient.js';
import { pool, sleep, type ScenarioContext } from './scenario.js';
import type { Target } from './targets.js';

/** One post of a fault scenario and what became of it. */
export interface PostRecord {
  id: string;
  at: number;
  /** performance.now() of the acknowledgement, null until (or without) one. */
  ackedAt: number | null;
  ok: boolean | null;
}

/**
 * The forum storm of the fault scenarios: clients on one or more instances, each posting an
 * acknowledged idea every `periodMs` from a random phase, every arrival handed to `onArrival`.
 */
export class FaultStorm {
  readonly sent: SentLog = new Map();
  readonly posts: PostRecord[] = [];
  clients: StormClient[] = [];
  witnesses: ReturnType<typeof realProvider>[] = [];
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: ScenarioContext,
    readonly targets: Target[],
    readonly boardId: string,
    private readonly onArrival: (a: Arrival) => void,
  ) {}

  async connect(count: number, homeOf: (i: number) => number = (i) => i % this.targets.length) {
    const joinCode = this.ctx.fixtures!.joinCode;
    this.clients = await pool(
      Array.from({ length: count }, (_, i) => i),
      25,
      async (i) => {
        const cookie = await joinGuest(this.targets[homeOf(i)]!.httpUrl, joinCode, `P${i}`);
        const client = new StormClient(
          i,
          cookie,
          this.boardId,
          this.targets,
          homeOf(i),
          this.sent,
          this.onArrival,
        );
        await client.connect();
        return client;
      },
    );
    const cookie = await joinGuest(this.targets[0]!.httpUrl, joinCode, 'Witness');
    // Stock providers, one per instance (at least two), that must end with identical documents.
    this.witnesses = Array.from({ length: Math.max(2, this.targets.length) }, (_, i) =>
      realProvider(this.ctx, boardDocName(this.boardId), cookie, i),
    );
  }

  /** Starts posting: every client every `periodMs`, from a random phase, then reacting to a recent idea. */
  start(periodMs: number, react = true): void {
    for (const client of this.clients) {
      const tick = () => {
        const id = newMarker();
        const record: PostRecord = { id, at: performance.now(), ackedAt: null, ok: null };
        this.posts.push(record);
        const done = client.post(id, `Idée ${this.posts.length} de P${client.index}`).then((ack) => {
          record.ok = ack.ok;
          if (ack.ok) record.ackedAt = performance.now();
          this.inFlight.delete(done);
        });
        this.inFlight.add(done);
        const other = this.posts[Math.floor(Math.random() * this.posts.length)];
        if (react && other) client.react(other.id);
      };
      const first = setTimeout(
        () => {
          tick();
          this.timers.push(setInterval(tick, periodMs));
        },
        Math.random() * Math.min(periodMs, this.ctx.durationMs / 2),
      );
      this.timers.push(first);
    }
  }

  /** Stops posting and waits for the acknowledgements still due. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    await Promise.all([...this.inFlight]);
  }

  get acked(): PostRecord[] {
    return this.posts.filter((p) => p.ok);
  }

  /**
   * From `since` (the kill, or the database's or Redis's return), polls the database until it
   * holds every idea acknowledged so far; resolves with the ms that took (NaN after `timeoutMs`).
   */
  watchAckedStored(db: Database, since: number, timeoutMs: number): Promise<number> {
    return watchStored(
      db,
      this.boardId,
      this.acked.map((p) => p.id),
      since,
      timeoutMs,
    );
  }

  /** Waits (until `timeoutMs`) for every client and witness to hold every acknowledged idea. */
  async drain(timeoutMs: number): Promise<number> {
    const ids = this.acked.map((p) => p.id);
    const deadline = Date.now() + timeoutMs;
    let left = this.missing(ids);
    while (left > 0 && Date.now() < deadline) {
      await sleep(200);
      left = this.missing(ids);
    }
    return left;
  }

  /** How many of `ids` the clients (and the witnesses, unless told not to) do not hold yet. */
  missing(ids: string[], withWitnesses = true): number {
    const clients = this.clients.reduce((sum, c) => sum + ids.filter((id) => !c.seen.has(id)).length, 0);
    if (!withWitnesses) return clients;
    return (
      clients +
      this.witnesses.reduce((sum, w) => sum + ids.filter((id) => !w.doc.getMap('ideas').has(id)).length, 0)
    );
  }

  /** Whether the stock providers hold identical documents with every acknowledged idea. */
  converged(): boolean {
    const ids = this.acked.map((p) => p.id);
    const states = this.witnesses.map((w) => Buffer.from(Y.encodeStateVector(w.doc)).toString('base64'));
    return (
      new Set(states).size === 1 &&
      this.witnesses.every((w) => ids.every((id) => w.doc.getMap('ideas').has(id)))
    );
  }

  close(): void {
    for (const c of this.clients) c.close();
    for (const w of this.witnesses) {
      w.provider.destroy();
      w.doc.destroy();
    }
  }
}

/** The ideas of a board as stored in MongoDB right now (snapshot + log), read like a cold load. */
export async function storedIdeas(db: Database, boardId: string): Promise<Set<string>> {
  const doc = new Y.Doc();
  applyStored(doc, await new MongoDocumentStore(db).load(boardDocName(boardId)));
  const ids = new Set(doc.getMap('ideas').keys());
  doc.destroy();
  return ids;
}

/**
 * From `since` (the kill, or the database's or Redis's return), polls the database until it
 * holds every one of `ids`; resolves with the ms that took (NaN after `timeoutMs`).
 */
function watchStored(
  db: Database,
  boardId: string,
  ids: string[],
  since: number,
  timeoutMs: number,
): Promise<number> {
  return timeUntil(
    async () => {
      const stored = await storedIdeas(db, boardId);
      return ids.every((id) => stored.has(id));
    },
    since,
    timeoutMs,
    250,
  ).then((ms) => ms ?? NaN);
}

/** The stored ideas once every one of `ids` is there, or after 30 s. */
export async function finalStored(db: Database, boardId: string, ids: string[]): Promise<Set<string>> {
  let stored = new Set<string>();
  await timeUntil(
    async () => {
      stored = await storedIdeas(db, boardId);
      return ids.every((id) => stored.has(id));
    },
    performance.now(),
    30_000,
    500,
  );
  return stored;
}

/**
 * Polls until `check` passes or `timeoutMs` runs out; returns the ms it took from `since`
 * (performance.now()), or null on timeout.
 */
export async function timeUntil(
  check: () => Promise<boolean> | boolean,
  since: number,
  timeoutMs: number,
  everyMs = 250,
): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return performance.now() - since;
    if (Date.now() > deadline) return null;
    await sleep(everyMs);
  }
}

/** Percentiles of a plain list of values (ms). */
export function percentiles(values: number[]): { p50: number; p99: number; max: number } {
  if (values.length === 0) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p99: at(99), max: sorted.at(-1)! };
}

/** Polls `/api/health` of each target every `everyMs` (waiting up to 15 s for each answer); the samples say what it answered when. */
export function pollHealth(targets: Target[], everyMs = 250) {
  const samples: { at: number; tookMs: number; target: number; status: number; body: string }[] = [];
  let running = true;
  const loops = targets.map(async (target, i) => {
    while (running) {
      const at = performance.now();
      try {
        const res = await fetch(`${target.httpUrl}/api/health`, { signal: AbortSignal.timeout(15_000) });
        const body = ((await res.json()) as { status?: string }).status ?? '';
        samples.push({ at, tookMs: performance.now() - at, target: i, status: res.status, body });
      } catch {
        samples.push({ at, tookMs: performance.now() - at, target: i, status: 0, body: 'no answer' });
      }
      await sleep(everyMs);
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
    /** Samples taken in [from, to), and how many of them said degraded. */
    between(from: number, to: number) {
      const inside = samples.filter((s) => s.at >= from && s.at < to);
      return {
        total: inside.length,
        degraded: inside.filter((s) => s.body === 'degraded').length,
        /** The slowest answer (ms). */
        slowestMs: Math.max(0, ...inside.map((s) => s.tookMs)),
      };
    },
    /** ms from `since` to the first sample after it (of any target) matching `pred`. */
    firstAfter(since: number, pred: (s: { status: number; body: string }) => boolean) {
      const hit = samples.find((s) => s.at >= since && pred(s));
      return hit ? hit.at - since : NaN;
    },
  };
}
