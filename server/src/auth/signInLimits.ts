import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { HttpError } from '../http/validation.js';

export interface SignInLimitOptions {
  /** Attempts on one account from one address per window. */
  perAccountAndAddress: number;
  /** Attempts on one account from anywhere (guessing from many addresses). */
  perAccount: number;
  /** Attempts from one address whatever the accounts (password spraying). */
  perAddress: number;
  /** Reset links asked for one account, and from one address, per window. */
  resetsPerAccount: number;
  resetsPerAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitOptions = {
  perAccountAndAddress: 10,
  perAccount: 100,
  perAddress: 50,
  resetsPerAccount: 5,
  resetsPerAddress: 20,
  windowSeconds: 15 * 60,
};

/**
 * Sign-in attempts counted three ways: per account from one address (the tight one), per account
 * from anywhere and per address whatever the accounts (looser), so that a stranger's failures from
 * elsewhere do not lock the owner out before a distributed attack is stopped. Each attempt takes
 * its points before the password is checked (parallel attempts cannot slip past the count), and a
 * success gives them back. Reset links have counts of their own: asking for them never blocks
 * signing in. With Redis the counts are shared by every instance (each instance falls back to its
 * own memory while Redis is away).
 */
export class SignInLimits {
  private readonly accountAtAddress: RateLimiterAbstract;
  private readonly accounts: RateLimiterAbstract;
  private readonly addresses: RateLimiterAbstract;
  private readonly resetAccounts: RateLimiterAbstract;
  private readonly resetAddresses: RateLimiterAbstract;

  constructor(redis: Redis | null, prefix: string, options: SignInLimitOptions = DEFAULT_SIGN_IN_LIMITS) {
    const make = (keyPrefix: string, points: number): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration: options.windowSeconds });
      if (!redis) return memory;
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}${keyPrefix}`,
        points,
        duration: options.windowSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    };
    this.accountAtAddress = make('signin:account-address', options.perAccountAndAddress);
    this.accounts = make('signin:account', options.perAccount);
    this.addresses = make('signin:address', options.perAddress);
    this.resetAccounts = make('reset:account', options.resetsPerAccount);
    this.resetAddresses = make('reset:address', options.resetsPerAddress);
  }

  /** Takes an attempt's points before the password is checked; 429 when any count is used up. */
  async attempt(email: string, address: string): Promise<void> {
    await take([
      [this.accountAtAddress, `${email}|${address}`],
      [this.accounts, email],
      [this.addresses, address],
    ]);
  }

  /** A successful sign-in: the attempts on this account are forgotten, the address's given back. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([
      this.accountAtAddress.delete(`${email}|${address}`).catch(() => undefined),
      this.accounts.delete(email).catch(() => undefined),
      this.addresses.reward(address, 1).catch(() => undefined),
    ]);
  }

  /** A reset link asked for: counted apart from sign-ins. */
  async resetRequested(email: string, address: string): Promise<void> {
    await take([
      [this.resetAccounts, email],
      [this.resetAddresses, address],
    ]);
  }
}

/** Takes one point from each limiter; refuses when any of them has none left. */
async function take(pairs: [RateLimiterAbstract, string][]): Promise<void> {
  const results = await Promise.allSettled(pairs.map(([limiter, key]) => limiter.consume(key)));
  if (results.some((r) => r.status === 'rejected')) {
    throw new HttpError(429, 'rate_limited', 'Too many attempts; wait a few minutes.');
  }
}
