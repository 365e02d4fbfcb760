import { useCallback, useSyncExternalStore } from 'react';

/** One shared interval per period, so a thousand relative times do not each own a timer. */
interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
}
const tickers = new Map<number, Ticker>();

function tickerFor(periodMs: number): Ticker {
  let ticker = tickers.get(periodMs);
  if (!ticker) {
    ticker = { now: Date.now(), listeners: new Set(), timer: null };
    tickers.set(periodMs, ticker);
  }
  return ticker;
}

function subscribe(periodMs: number, listener: () => void): () => void {
  const ticker = tickerFor(periodMs);
  ticker.listeners.add(listener);
  if (!ticker.timer) {
    ticker.now = Date.now();
    ticker.timer = setInterval(() => {
      ticker.now = Date.now();
      for (const l of ticker.listeners) l();
    }, periodMs);
  }
  return () => {
    ticker.listeners.delete(listener);
    if (ticker.listeners.size === 0 && ticker.timer) {
      clearInterval(ticker.timer);
      ticker.timer = null;
    }
  };
}

/** The current time, refreshed every `periodMs` (0 disables ticking). */
export function useNow(periodMs: number): number {
  const ticker = tickerFor(periodMs || 60_000);
  const subscribeTicker = useCallback(
    (listener: () => void) => (periodMs > 0 ? subscribe(periodMs, listener) : () => {}),
    [periodMs],
  );
  return useSyncExternalStore(subscribeTicker, () => ticker.now);
}
