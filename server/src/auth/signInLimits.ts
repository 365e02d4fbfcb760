import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { HttpError } from '../http/validation.js';

export interface SignInLimitOptions {
  /** Failed attempts on one account per window, from anywhere. */
  perAccount: number;
  /** Failed attempts from one address per window, whatever the accounts (password spraying). */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitOptions = {
  perAccount: 10,
  perAddress: 50,
  windowSeconds: 15 * 60,
};

/**
 * Failed sign-ins counted per account and per address, apart: spraying one password over many
 * e-mails hits the address's limit, and guessing one account from many addresses hits the
 * account's. Only failures count, so a person cannot be locked out by someone else's successes,
 * and a success clears the account's count. With Redis the counts are shared by every instance
 * (each instance falls back to its own memory while Redis is away).
 */
export class SignInLimits {
  private readonly accounts: RateLimiterAbstract;
  private readonly addresses: RateLimiterAbstract;

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
    this.accounts = make('signin:account', options.perAccount);
    this.addresses = make('signin:address', options.perAddress);
  }

  /** Refuses (429) when either count is used up; call before checking the password. */
  async check(email: string, address: string): Promise<void> {
    const [account, from] = await Promise.all([this.accounts.get(email), this.addresses.get(address)]);
    const exhausted = (res: { consumedPoints: number } | null, points: number) =>
      res !== null && res.consumedPoints >= points;
    if (exhausted(account, this.accounts.points) || exhausted(from, this.addresses.points)) {
      throw new HttpError(429, 'rate_limited', 'Too many attempts; wait a few minutes.');
    }
  }

  async failed(email: string, address: string): Promise<void> {
    await Promise.all([
      this.accounts.penalty(email, 1).catch(() => undefined),
      this.addresses.penalty(address, 1).catch(() => undefined),
    ]);
  }

  async succeeded(email: string): Promise<void> {
    await this.accounts.delete(email).catch(() => undefined);
  }
}
