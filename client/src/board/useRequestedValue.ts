import { useCallback, useEffect, useRef, useState } from 'react';
import type { Ack } from '@cocon/shared';

/**
 * For controls that mirror server state (phase radios, lock checkbox): shows the value the
 * person just chose while the intent travels, instead of snapping back until the document
 * update arrives. Falls back to the server's value on refusal, or shortly after the ack.
 */
export function useRequestedValue<T>(
  serverValue: T,
): [T, (value: T, request: Promise<Ack<unknown>>) => void] {
  const [requested, setRequested] = useState<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const request = useCallback((value: T, pending: Promise<Ack<unknown>>) => {
    const entry = { value };
    setRequested(entry);
    if (timer.current) clearTimeout(timer.current);
    void pending.then((ack) => {
      const clear = () => setRequested((current) => (current === entry ? null : current));
      if (!ack.ok) clear();
      // The document update may come just after the ack (another connection): give it a moment.
      else timer.current = setTimeout(clear, 1500);
    });
  }, []);
  return [requested ? requested.value : serverValue, request];
}
