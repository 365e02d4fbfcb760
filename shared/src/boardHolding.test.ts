import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardMaps,
  hiddenVoteKey,
  holdingMaps,
  parseHiddenVoteKey,
  readHeld,
  readHeldRecord,
  readHiddenVotes,
  readMeta,
} from './board.js';

describe('reading what the moderation document holds', () => {
  it('round-trips the key of one person’s hidden dots and refuses malformed keys', () => {
    expect(parseHiddenVoteKey(hiddenVoteKey('idea-1', 'p_ana'))).toEqual({
      ideaId: 'idea-1',
      userId: 'p_ana',
    });
    expect(parseHiddenVoteKey('no-bar')).toBeNull();
    expect(parseHiddenVoteKey('|p_ana')).toBeNull();
    expect(parseHiddenVoteKey('idea-1|')).toBeNull();
  });

  it('reads held ideas tolerantly, in posting order', () => {
    expect(readHeldRecord(null)).toBeNull();
    expect(readHeldRecord({ id: 'x', text: 3, authorId: 'p' })).toBeNull();
    expect(readHeldRecord({ id: 'x', text: 'T', authorId: 'p', reason: 'bogus' })).toEqual({
      id: 'x',
      text: 'T',
      authorId: 'p',
      authorName: null,
      createdAt: 0,
      editedAt: null,
      reason: 'premoderation',
      seq: 0,
    });
    const doc = new Y.Doc();
    const { held } = holdingMaps(doc);
    held.set('b', { id: 'b', text: 'Deux', authorId: 'p', reason: 'private', seq: 2 });
    held.set('a', { id: 'a', text: 'Un', authorId: 'p', reason: 'private', seq: 1 });
    held.set('junk', 'not a record');
    expect(readHeld(doc).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('groups hidden dots per idea and skips what is not a positive count', () => {
    const doc = new Y.Doc();
    const { votes } = holdingMaps(doc);
    votes.set(hiddenVoteKey('i1', 'p_a'), 2);
    votes.set(hiddenVoteKey('i1', 'p_b'), 1);
    votes.set(hiddenVoteKey('i2', 'p_a'), 'two');
    votes.set('broken', 3);
    votes.set(hiddenVoteKey('i3', 'p_a'), 0);
    expect([...readHiddenVotes(doc)].map(([id, people]) => [id, Object.fromEntries(people)])).toEqual([
      ['i1', { p_a: 2, p_b: 1 }],
    ]);
  });

  it('reads the three options as off unless set to true', () => {
    const doc = new Y.Doc();
    boardMaps(doc).meta.set('privateMode', 'yes');
    boardMaps(doc).meta.set('votesHidden', true);
    expect(readMeta(doc)).toMatchObject({ privateMode: false, votesHidden: true, premoderation: false });
  });
});
