import { TokenBucket } from '../util/tokenBucket.js';

/**
 * Token buckets per person (a session, or a share link from one address), shared by all their
 * connections on this instance: what a connection is allowed, opening more connections does not
 * multiply. People unseen for ten minutes are forgotten.
 */
export class PersonBudgets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; seen: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(person: string): boolean {
    const at = this.now();
    if (this.buckets.size > 20_000) {
      for (const [key, entry] of this.buckets) if (at - entry.seen > 10 * 60_000) this.buckets.delete(key);
    }
    const entry = this.buckets.get(person) ?? {
      bucket: new TokenBucket(this.burst, this.perSecond, this.now),
      seen: at,
    };
    entry.seen = at;
    this.buckets.set(person, entry);
    return entry.bucket.take();
  }
}
