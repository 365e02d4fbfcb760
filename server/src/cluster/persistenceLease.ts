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
}

/** Every instance writes everything: one server, no Redis. */
export const SOLE_WRITER: PersistenceGate = { right: () => 'write' };

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * One writer per document across instances: a lease in Redis (SET NX PX), renewed while the
 * document is loaded. A lease is trusted only until its last renewal plus its time to live, so
 * an instance cut off from Redis stops writing before anyone else can take over.
 */
export class PersistenceLeases implements PersistenceGate {
  private readonly held = new Map<string, number>(); // docName -> valid until (ms)
  private readonly watched = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
    private readonly prefix: string,
    private readonly onAcquired: (docName: string) => void,
    private readonly logger: Logger,
    private readonly ttlMs = 15_000,
  ) {
    this.timer = setInterval(() => void this.tick(), Math.floor(ttlMs / 3));
    this.timer.unref();
  }

  right(docName: string): PersistenceRight {
    const validUntil = this.held.get(docName);
    if (validUntil !== undefined && Date.now() < validUntil) return 'write';
    return this.redis.status === 'ready' ? 'skip' : 'hold';
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
    try {
      const ok = await this.redis.set(this.key(docName), this.instanceId, 'PX', this.ttlMs, 'NX');
      if (ok === 'OK' && this.watched.has(docName)) {
        this.held.set(docName, Date.now() + this.ttlMs);
        this.onAcquired(docName);
      }
    } catch (error) {
      this.logger.warn('lease acquisition failed', { doc: docName, error: String(error) });
    }
  }

  private async tick(): Promise<void> {
    if (this.redis.status !== 'ready') return;
    for (const docName of this.watched) {
      if (this.held.has(docName)) {
        const startedAt = Date.now();
        const renewed = await this.redis
          .eval(RENEW, 1, this.key(docName), this.instanceId, String(this.ttlMs))
          .catch(() => null);
        if (renewed === 1) this.held.set(docName, startedAt + this.ttlMs);
        else if (renewed === 0) this.held.delete(docName); // lost it (expired while away)
      } else {
        await this.tryAcquire(docName);
      }
    }
  }
}
