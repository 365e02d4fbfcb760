import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { PeerStore, type Peer } from './collab';

/**
 * Re-renders when a shared type changes. `deep` follows nested types too (a whole list of
 * objectives); without it only the type's own entries (items added, removed, a key set).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shared type (its event type does not matter here)
export function useYChange(type: Y.AbstractType<any> | null | undefined, deep = false): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!type) return;
    const bump = () => setVersion((v) => v + 1);
    if (deep) type.observeDeep(bump);
    else type.observe(bump);
    return () => {
      if (deep) type.unobserveDeep(bump);
      else type.unobserve(bump);
    };
  }, [type, deep]);
  return version;
}

/** The other people in one document's awareness (name, colour, focused field). */
export function usePeers(awareness: Awareness | null): Peer[] {
  const store = useMemo(() => new PeerStore(awareness), [awareness]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
