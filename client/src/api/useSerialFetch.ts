import { useCallback, useEffect, useRef } from 'react';

/**
 * Returns `reload`: it runs `fetcher` and hands its answer to `onData` (its failure to `onError`)
 * while the component is mounted. Runs never overlap: a call during one runs one more after it.
 * `reload` keeps its identity and always uses the latest `fetcher`, `onData` and `onError`.
 */
export function useSerialFetch<T>(
  fetcher: () => Promise<T>,
  onData: (next: T) => void,
  onError: (err: unknown) => void,
): () => void {
  const fetching = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);
  const latest = useRef({ fetcher, onData, onError });
  useEffect(() => {
    latest.current = { fetcher, onData, onError };
  });
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  return useCallback(() => {
    if (fetching.current) {
      again.current = true;
      return;
    }
    const run = () => {
      fetching.current = true;
      latest.current
        .fetcher()
        .then((next) => {
          if (alive.current) latest.current.onData(next);
        })
        .catch((err: unknown) => {
          if (alive.current) latest.current.onError(err);
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
}
