import type { Target } from './targets.js';
import type { BenchFixtures } from './fixtures.js';

export interface ScenarioContext {
  target: Target;
  /** More instances of our server behind the same Redis: participants are spread over all. */
  peers?: Target[];
  /** Our server's database fixtures; null for the relay. */
  fixtures: BenchFixtures | null;
  /** 1 = the sizes of the issue; the smoke test runs a small fraction. */
  scale: number;
  durationMs: number;
  /** Fault scenarios: how long the database or Redis stays away (the issue says 30 s). */
  outageMs: number;
  /** Several-instance scenarios: the Redis the instances share. */
  redis?: { url: string; prefix: string };
  /** The participant-path scenario's size and pace (--participants, --rate); scaled defaults otherwise. */
  participants?: number;
  rate?: number;
  /** The core the server is pinned to (null: unpinned); helper processes keep off it. */
  cpu?: number | null;
  log: (message: string) => void;
}

export interface ScenarioResult {
  /** Figures by name (ms, MB, counts). */
  metrics: Record<string, number>;
  /** Messages or ideas that did not reach every client they should have. */
  lost: number;
  /** Whether the clients holding full documents ended with the same state. */
  converged: boolean;
  note?: string;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!, index);
      }
    }),
  );
  return results;
}

export const scaled = (n: number, scale: number, min = 2) => Math.max(min, Math.round(n * scale));
