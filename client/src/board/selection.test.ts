import { describe, expect, it } from 'vitest';
import { LIMITS } from '@cocon/shared';
import { SelectionStore } from './selection';

describe('the facilitator’s selection of ideas', () => {
  it('ticks a range with shift, in the order shown, and unticks it the same way', () => {
    const store = new SelectionStore();
    store.setOrder(['a', 'b', 'c', 'd', 'e']);
    store.toggle('b');
    store.toggle('d', true);
    expect(store.ids().sort()).toEqual(['b', 'c', 'd']);
    store.toggle('a', true);
    expect(store.ids().sort()).toEqual(['a', 'b', 'c', 'd']);
    store.toggle('c');
    store.toggle('a', true);
    expect(store.ids().sort()).toEqual(['d']);
  });

  it('selects everything shown up to what one bulk intent accepts, and forgets what disappears', () => {
    const store = new SelectionStore();
    const ids = Array.from({ length: LIMITS.bulkIdeasMax + 20 }, (_, i) => `i${i}`);
    store.setOrder(ids);
    store.selectAll();
    expect(store.size).toBe(LIMITS.bulkIdeasMax);
    store.keepOnly(new Set(['i0', 'i1', 'zzz']));
    expect(store.ids().sort()).toEqual(['i0', 'i1']);
    store.clear();
    expect(store.size).toBe(0);
  });
});
