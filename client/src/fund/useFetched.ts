import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientErrorCode } from '../api/http';
import { errorCodeOf } from '../components/ErrorMessage';

export interface Fetched<T> {
  data: T | null;
  error: ClientErrorCode | null;
  /** Fetches again; a call during a fetch runs one more fetch after it (never two at once). */
  reload: () => void;
  /** Replaces the data with what a write answered (no refetch needed). */
  set: (data: T) => void;
}

/**
 * GET something once, then again on demand, keeping the last good answer while refetching.
 * Callers remount (React key) for another `key`.
 */
export function useFetched<T>(fetcher: () => Promise<T>, key: string): Fetched<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const fetching = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);
  const latest = useRef(fetcher);
  useEffect(() => {
    latest.current = fetcher;
  });

  const reload = useCallback(() => {
    if (fetching.current) {
      again.current = true;
      return;
    }
    const run = () => {
      fetching.current = true;
      latest
        .current()
        .then((next) => {
          if (!alive.current) return;
          setData(next);
          setError(null);
        })
        .catch((err: unknown) => {
          if (alive.current) setError(errorCodeOf(err));
        })
        .finally(() => {
          fetching.current = false;
          if (alive.current && again.current) {
            again.current = false;
            run();
          }
        });
    };
    run();
  }, []);

  useEffect(() => {
    alive.current = true;
    reload();
    return () => {
      alive.current = false;
    };
  }, [key, reload]);

  const set = useCallback((next: T) => {
    setData(next);
    setError(null);
  }, []);

  return { data, error, reload, set };
}
