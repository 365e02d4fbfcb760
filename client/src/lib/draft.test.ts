import { describe, expect, it } from 'vitest';
import { readDraft, writeDraft } from './draft';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

describe('drafts', () => {
  it('keeps a text and forgets an empty one', () => {
    const store = memoryStore();
    writeDraft(store, 'k', 'Une idée en cours');
    expect(readDraft(store, 'k')).toBe('Une idée en cours');
    writeDraft(store, 'k', '');
    expect(store.map.has('k')).toBe(false);
    expect(readDraft(store, 'k')).toBe('');
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {},
    };
    expect(readDraft(broken, 'k')).toBe('');
    expect(() => writeDraft(broken, 'k', 'x')).not.toThrow();
    expect(readDraft(null, 'k')).toBe('');
  });
});
