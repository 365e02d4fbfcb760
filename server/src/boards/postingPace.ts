import type { Redis } from 'ioredis';

/**
 * A board's posting pace: one idea per person every N seconds, whatever connection or instance
 * they post through. `claim` answers 0 when the post may go ahead (the next one must then wait N
 * seconds), else the milliseconds left to wait; `release` gives a claim back when the post was
 * refused for another reason. Never throws.
 */
export interface PostingPace {
  claim(boardId: string, personKey: string, seconds: number): Promise<number>;
  release(boardId: string, personKey: string): Promise<void>;
}

/** One instance alone: the time each person may post again, in this instance's memory. */
export class LocalPostingPace implements PostingPace {
  private readonly until = new Map<string, number>();

  claim(boardId: string, personKey: string, seconds: number, now = Date.now()): Promise<number> {
    const key = `${boardId}:${personKey}`;
    const until = this.until.get(key) ?? 0;
    if (until > now) return Promise.resolve(until - now);
    if (this.until.size > 50_000) {
      for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    }
    this.until.set(key, now + seconds * 1000);
    return Promise.resolve(0);
  }

  release(boardId: string, personKey: string): Promise<void> {
    this.until.delete(`${boardId}:${personKey}`);
    return Promise.resolve();
  }
}

/**
 * How long a claim waits for Redis before this instance decides alone. Longer than the event
 * budget's 250 ms: a post can wait a moment, and a Redis slow to answer (a busy machine, a
 * connection still opening) should not let a second idea through on another instance.
 */
const REDIS_TIMEOUT_MS = 1_000;

/**
 * Several instances: one key per person and board in Redis, set only if absent with the pace as
 * its time to live (`SET NX PX`, atomic), so two posts at the same moment on two instances cannot
 * both pass. While Redis fails or is slow, the instance decides alone (at most one post per pace
 * per instance, never an unbounded number).
 */
export class SharedPostingPace implements PostingPace {
  private readonly local = new LocalPostingPace();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly timeoutMs = REDIS_TIMEOUT_MS,
  ) {}

  private key(boardId: string, personKey: string) {
    return `${this.prefix}pace:${boardId}:${personKey}`;
  }

  claim(boardId: string, personKey: string, seconds: number): Promise<number> {
    const key = this.key(boardId, personKey);
    const shared = (async () => {
      const set = await this.redis.set(key, '1', 'PX', seconds * 1000, 'NX');
      if (set === 'OK') return 0;
      const left = await this.redis.pttl(key);
      return left > 0 ? left : 1;
    })();
    return new Promise((resolve) => {
      let settled = false;
      const settle = (wait: () => Promise<number>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void wait().then(resolve);
      };
      const timer = setTimeout(
        () => settle(() => this.local.claim(boardId, personKey, seconds)),
        this.timeoutMs,
      );
      timer.unref();
      shared.then(
        (wait) => settle(() => Promise.resolve(wait)),
        () => settle(() => this.local.claim(boardId, personKey, seconds)),
      );
    });
  }

  async release(boardId: string, personKey: string): Promise<void> {
    await this.local.release(boardId, personKey);
    await this.redis.del(this.key(boardId, personKey)).catch(() => undefined);
  }
}

export function postingPace(shared: { redis: Redis; prefix: string } | null): PostingPace {
  return shared ? new SharedPostingPace(shared.redis, shared.prefix) : new LocalPostingPace();
}
