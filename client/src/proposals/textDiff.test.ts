import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  absoluteCaret,
  applyTextChange,
  decodePosition,
  diffText,
  encodePosition,
  relativeCaret,
} from './textDiff';

const apply = (before: string, change: ReturnType<typeof diffText>) =>
  change
    ? before.slice(0, change.index) + change.inserted + before.slice(change.index + change.deleted)
    : before;

describe('diffText', () => {
  it('finds a single insertion, deletion and replacement', () => {
    expect(diffText('abc', 'abXc', 3)).toEqual({ index: 2, deleted: 0, inserted: 'X' });
    expect(diffText('abcd', 'ad', 1)).toEqual({ index: 1, deleted: 2, inserted: '' });
    expect(diffText('Hiver 2026', 'Été 2026', 3)).toEqual({ index: 0, deleted: 5, inserted: 'Été' });
    expect(diffText('same', 'same')).toBeNull();
  });

  it('uses the caret to place typing inside repeated letters', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleted: 0, inserted: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, deleted: 0, inserted: 'a' });
  });

  it('never splits a surrogate pair', () => {
    const change = diffText('a😀b', 'a😃b', 3);
    expect(change).toEqual({ index: 1, deleted: 2, inserted: '😃' });
  });

  it('always rebuilds the new value', () => {
    const cases: [string, string, number][] = [
      ['', 'hello', 5],
      ['hello', '', 0],
      ['abcabc', 'abc', 3],
      ['Objectif', 'Objectifs spécifiques', 21],
    ];
    for (const [before, after, caret] of cases)
      expect(apply(before, diffText(before, after, caret))).toBe(after);
  });
});

describe('Y.Text binding', () => {
  it('merges two people typing in one field', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ta = a.getText('t');
    const tb = b.getText('t');
    ta.insert(0, 'Réduire le gaspillage');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyTextChange(ta, diffText(ta.toString(), 'Réduire fortement le gaspillage', 17)!, 'local');
    applyTextChange(tb, diffText(tb.toString(), 'Réduire le gaspillage alimentaire', 33)!, 'local');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(ta.toString()).toBe('Réduire fortement le gaspillage alimentaire');
    expect(tb.toString()).toBe(ta.toString());
  });

  it('keeps typing after my own letters when someone types at the same spot', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'vie');
    const caret = relativeCaret(text, 3);
    text.insert(3, ' partout');
    expect(absoluteCaret(text, caret, 0)).toBe(3);
  });

  it('keeps a caret in place when someone types before it', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abc def');
    const caret = relativeCaret(text, 4);
    text.insert(0, 'XYZ ');
    expect(absoluteCaret(text, caret, 4)).toBe(8);
    const copy = decodePosition(encodePosition(caret));
    expect(absoluteCaret(text, copy, 0)).toBe(8);
  });
});
