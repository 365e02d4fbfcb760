import { TokenBucket } from './tokenBucket.js';

/**
 * One token bucket per key (a session, a person behind a share link), shared by everything done
 * under that key on this instance: opening more connections does not multiply what is allowed.
 * Keys unseen for ten minutes are forgotten once there are many. Budgets shared by several
 * instances go through PersonBudget (personBudget.ts), which falls back to these.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; seen: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): boolean {
    const at = this.now();
    if (this.buckets.size > 20_000) {
      for (const [old, entry] of this.buckets) if (at - entry.seen > 10 * 60_000) this.buckets.delete(old);
    }
    const entry = this.buckets.get(key) ?? {
      bucket: new TokenBucket(this.burst, this.perSecond, this.now),
      seen: at,
    };
    entry.seen = at;
    this.buckets.set(key, entry);
    return entry.bucket.take();
  }
}
