import { useCallback, useState } from 'react';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function sessionStore(): Store | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage can be blocked
  }
}

export function readDraft(store: Store | null, key: string): string {
  try {
    return store?.getItem(key) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(store: Store | null, key: string, text: string): void {
  try {
    if (text) store?.setItem(key, text);
    else store?.removeItem(key);
  } catch {
    // quota or privacy mode: the draft just is not kept
  }
}

/**
 * A text kept in sessionStorage: a half-written idea survives a reload, and the composer
 * disappearing when the facilitator changes the stage, and comes back with it.
 */
export function useDraft(
  key: string,
  store: Store | null = sessionStore(),
): [string, (next: string | ((current: string) => string)) => void] {
  const [text, setTextState] = useState(() => readDraft(store, key));
  const setText = useCallback(
    (next: string | ((current: string) => string)) => {
      setTextState((current) => {
        const value = typeof next === 'function' ? next(current) : next;
        writeDraft(store, key, value);
        return value;
      });
    },
    [key, store],
  );
  return [text, setText];
}
