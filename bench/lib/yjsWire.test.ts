import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SequenceSet, forEachMarkerSequence, newMarker, nextMarkerSequence } from './yjsWire.js';

describe('benchmark markers', () => {
  it('reads every marker sequence of a real update, repeats included', () => {
    const first = nextMarkerSequence();
    const ids = Array.from({ length: 40 }, () => newMarker());
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.transact(() => {
      for (const id of ids.slice(0, 39)) {
        const idea = new Y.Map<unknown>();
        doc.getMap('ideas').set(id, idea);
        idea.set('id', id);
        idea.set('text', `Idée ${id}`);
      }
      doc.getMap('reactions').set(`${ids[39]}|p_someone`, true);
    });
    const seen: number[] = [];
    forEachMarkerSequence(Y.mergeUpdates(updates), (sequence) => seen.push(sequence));
    const expected = ids.map((_, i) => first + i);
    expect(new Set(seen)).toEqual(new Set(expected));
    // Each idea's id is both its key and a field.
    expect(seen.filter((s) => s === first).length).toBeGreaterThanOrEqual(2);
  });

  it('finds nothing in an update without markers', () => {
    const doc = new Y.Doc();
    doc.getMap('ideas').set('an-ordinary-id', 'text');
    const visit: number[] = [];
    forEachMarkerSequence(Y.encodeStateAsUpdate(doc), (s) => visit.push(s));
    expect(visit).toEqual([]);
  });

  it('holds sequence numbers once, growing past its first size', () => {
    const set = new SequenceSet();
    expect(set.add(3)).toBe(true);
    expect(set.add(3)).toBe(false);
    expect(set.add(100_000)).toBe(true);
    expect(set.add(100_000)).toBe(false);
    expect(set.add(3)).toBe(false);
    expect(set.add(4)).toBe(true);
  });
});
