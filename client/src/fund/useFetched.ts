import { useCallback, useEffect, useState } from 'react';
import type { ClientErrorCode } from '../api/http';
import { useSerialFetch } from '../api/useSerialFetch';
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
  const set = useCallback((next: T) => {
    setData(next);
    setError(null);
  }, []);
  const reload = useSerialFetch(fetcher, set, (err) => setError(errorCodeOf(err)));

  useEffect(() => {
    reload();
  }, [key, reload]);

  return { data, error, reload, set };
}
