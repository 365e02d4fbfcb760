import type { Redis } from 'ioredis';
import type { Logger } from '../util/logger.js';

/** What an instance may do with a document's persistence right now. */
export type PersistenceRight =
  /** Write the log and snapshots. */
  | 'write'
  /** Another instance writes, and it received our updates through the relay: drop ours. */
  | 'skip'
  /** Nobody can be sure (Redis away): keep the updates in memory and ask again later. */
  | 'hold';

export interface PersistenceGate {
  right(docName: string): PersistenceRight;
  /**
   * The writer epoch of the lease held on the document: every log entry and snapshot the
   * writer stores is numbered within it (see EPOCH_SPAN in collab/documentStore.ts).
   */
  epoch(docName: string): number;
}

/** Every instance writes everything: one server, no Redis, epoch 0. */
export const SOLE_WRITER: PersistenceGate = { right: () => 'write', epoch: () => 0 };

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * One writer per document across instances: a lease in Redis (SET NX PX), renewed while the
 * document is loaded. A lease is trusted only until its last renewal plus its time to live, so
 * an instance cut off from Redis stops writing before anyone else can take over. Each lease
 * taken gets a new epoch from the database, which numbers the writer's stores: a former writer
 * whose write was still in flight cannot overwrite or delete the new writer's.
 */
export class PersistenceLeases implements PersistenceGate {
  private readonly held = new Map<string, { validUntil: number; epoch: number }>();
  private readonly watched = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
    private readonly prefix: string,
    /** A new durable epoch for a document (DocumentStore.nextEpoch). */
    private readonly nextEpoch: (docName: string) => Promise<number>,
    private readonly onAcquired: (docName: string) => void,
    private readonly logger: Logger,
    private readonly ttlMs = 15_000,
  ) {
    this.timer = setInterval(() => void this.tick(), Math.floor(ttlMs / 3));
    this.timer.unref();
  }

  right(docName: string): PersistenceRight {
    const lease = this.held.get(docName);
    if (lease !== undefined && Date.now() < lease.validUntil) return 'write';
    return this.redis.status === 'ready' ? 'skip' : 'hold';
  }

  epoch(docName: string): number {
    return this.held.get(docName)?.epoch ?? 0;
  }

  holds(docName: string): boolean {
    return this.right(docName) === 'write';
  }

  /** Starts competing for the document's lease (at load). */
  async watch(docName: string): Promise<void> {
    this.watched.add(docName);
    await this.tryAcquire(docName);
  }

  /** Gives the lease up (after the final store at unload). */
  async release(docName: string): Promise<void> {
    this.watched.delete(docName);
    if (!this.held.delete(docName)) return;
    await this.redis.eval(RELEASE, 1, this.key(docName), this.instanceId).catch(() => undefined);
  }

  close(): void {
    clearInterval(this.timer);
  }

  private key(docName: string): string {
    return `${this.prefix}lease:${docName}`;
  }

  private async tryAcquire(docName: string): Promise<void> {
    if (this.redis.status !== 'ready') return;
    const startedAt = Date.now();
    let taken = false;
    try {
      taken = (await this.redis.set(this.key(docName), this.instanceId, 'PX', this.ttlMs, 'NX')) === 'OK';
      if (!taken) return;
      const epoch = await this.nextEpoch(docName);
      if (!this.watched.has(docName)) throw new Error('document unloaded meanwhile');
      this.held.set(docName, { validUntil: startedAt + this.ttlMs, epoch });
      this.onAcquired(docName);
    } catch (error) {
      this.logger.warn('lease acquisition failed', { doc: docName, error: String(error) });
      // Without an epoch the lease is useless: give it back so that someone can take it.
      if (taken) await this.redis.eval(RELEASE, 1, this.key(docName), this.instanceId).catch(() => undefined);
    }
  }

  private async tick(): Promise<void> {
    if (this.redis.status !== 'ready') return;
    for (const docName of this.watched) {
      const lease = this.held.get(docName);
      if (lease) {
        const startedAt = Date.now();
        const renewed = await this.redis
          .eval(RENEW, 1, this.key(docName), this.instanceId, String(this.ttlMs))
          .catch(() => null);
        if (renewed === 1) lease.validUntil = startedAt + this.ttlMs;
        else if (renewed === 0) this.held.delete(docName); // lost it (expired while away)
      } else {
        await this.tryAcquire(docName);
      }
    }
  }
}
