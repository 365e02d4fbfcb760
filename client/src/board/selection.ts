import { createContext, use, useSyncExternalStore } from 'react';
import { LIMITS } from '@cocon/shared';

/**
 * The ideas a facilitator has ticked for a bulk action. Each card subscribes to its own id only,
 * so ticking one re-renders one card, not the 2,000 others. A shift-click ticks the range from the
 * last ticked idea in the order the board shows (`setOrder`). At most LIMITS.bulkIdeasMax ideas:
 * what one bulk intent accepts.
 */
export class SelectionStore {
  private selected = new Set<string>();
  private order: readonly string[] = [];
  private anchor: string | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;
  has = (id: string): boolean => this.selected.has(id);
  ids = (): string[] => [...this.selected];
  get size(): number {
    return this.selected.size;
  }

  /** The ideas in the order the board shows them (filtered and sorted). */
  setOrder(order: readonly string[]): void {
    this.order = order;
  }

  /** Ticks or unticks one idea; with `range`, every idea from the last one ticked to this one. */
  toggle(id: string, range = false): void {
    const on = !this.selected.has(id);
    const from = range && this.anchor ? this.order.indexOf(this.anchor) : -1;
    const to = this.order.indexOf(id);
    if (from >= 0 && to >= 0) {
      const [a, b] = from < to ? [from, to] : [to, from];
      for (const other of this.order.slice(a, b + 1)) this.set(other, on);
    } else {
      this.set(id, on);
    }
    this.anchor = id;
    this.changed();
  }

  /** Ticks every idea shown (up to the bulk limit). */
  selectAll(): void {
    for (const id of this.order) this.set(id, true);
    this.changed();
  }

  clear(): void {
    this.selected.clear();
    this.anchor = null;
    this.changed();
  }

  /** Forgets ideas that are no longer shown (hidden, filtered out). */
  keepOnly(ids: ReadonlySet<string>): void {
    let changed = false;
    for (const id of this.selected) {
      if (!ids.has(id)) {
        this.selected.delete(id);
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  private set(id: string, on: boolean): void {
    if (on && this.selected.size < LIMITS.bulkIdeasMax) this.selected.add(id);
    if (!on) this.selected.delete(id);
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

export const SelectionContext = createContext<SelectionStore | null>(null);

/** Whether one idea is ticked (null outside a facilitator's board). */
export function useSelected(id: string): boolean | null {
  const store = use(SelectionContext);
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, () => (store ? store.has(id) : null));
}

/** The ticked ideas, re-read on every change. */
export function useSelection(store: SelectionStore): string[] {
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store.ids();
}

const noSubscribe = () => () => undefined;
