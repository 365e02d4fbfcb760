import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { KeyedBuckets } from './keyedBuckets.js';

/** A burst, then an average rate. */
export interface BudgetRate {
  burst: number;
  perSecond: number;
}

/**
 * What one person (keyed by their session) may do, whatever connection or instance they do it
 * through. `take` never throws and never waits long.
 */
export interface PersonBudget {
  /** Takes one unit of the key's budget; false when it is spent. */
  take(key: string): Promise<boolean>;
}

/** How long a take waits for Redis before this instance decides alone. */
const REDIS_TIMEOUT_MS = 250;

/** One instance alone: a token bucket per key in this instance's memory. */
export class LocalPersonBudget implements PersonBudget {
  private readonly buckets: KeyedBuckets;

  constructor(rate: BudgetRate) {
    this.buckets = new KeyedBuckets(rate.burst, rate.perSecond);
  }

  take(key: string): Promise<boolean> {
    return Promise.resolve(this.buckets.take(key));
  }
}

/**
 * Several instances: one count per key in Redis, shared by all of them, one round trip per take
 * (an atomic script). rate-limiter-flexible counts in fixed windows, so the budget becomes `burst`
 * per window of `burst / perSecond` seconds: the same burst and average rate as a token bucket,
 * but up to twice the burst across the edge of a window. A key that has spent its window is
 * refused here without asking Redis again until the window ends. While Redis is not ready, fails,
 * or has not answered within 250 ms, the instance decides alone with a local token bucket of the
 * same rate: a person then gets at most one budget per instance, never an unbounded one.
 */
export class SharedPersonBudget implements PersonBudget {
  private readonly shared: RateLimiterRedis;
  private readonly local: KeyedBuckets;

  constructor(
    redis: Redis,
    keyPrefix: string,
    rate: BudgetRate,
    private readonly timeoutMs = REDIS_TIMEOUT_MS,
  ) {
    const points = rate.burst;
    this.shared = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points,
      duration: Math.max(1, Math.round(rate.burst / rate.perSecond)),
      inMemoryBlockOnConsumed: points,
      rejectIfRedisNotReady: true,
    });
    this.local = new KeyedBuckets(rate.burst, rate.perSecond);
  }

  take(key: string): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (allowed: () => boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(allowed());
      };
      const timer = setTimeout(() => settle(() => this.local.take(key)), this.timeoutMs);
      timer.unref();
      this.shared.consume(key).then(
        () => settle(() => true),
        // Refused by the shared count, or Redis failed: then this instance decides.
        (reason: unknown) => settle(() => (reason instanceof RateLimiterRes ? false : this.local.take(key))),
      );
    });
  }
}

/**
 * A person's budget named `name` (`events`, `writes`): shared through Redis when the instances
 * share one, else this instance's own.
 */
export function personBudget(
  name: string,
  rate: BudgetRate,
  shared: { redis: Redis; prefix: string } | null,
): PersonBudget {
  return shared
    ? new SharedPersonBudget(shared.redis, `${shared.prefix}budget:${name}`, rate)
    : new LocalPersonBudget(rate);
}
