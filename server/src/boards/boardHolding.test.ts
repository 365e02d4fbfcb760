import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_META, moderationMap, readBoard, readHeld, readHiddenVotes } from '@cocon/shared';
import * as m from './boardMutations.js';

const ana: m.Actor = { id: 'p_ana', name: 'Ana', role: 'participant' };
const ben: m.Actor = { id: 'p_ben', name: 'Ben', role: 'participant' };
const fac: m.Actor = { id: 'p_fac', name: 'Fanny', role: 'facilitator' };
const boardId = 'board-1';

function docs() {
  const board = new Y.Doc();
  m.initBoard(board, 'Tableau');
  return { board, moderation: new Y.Doc() };
}
const post = (
  d: ReturnType<typeof docs>,
  actor: m.Actor,
  ideaId: string,
  text = 'Une idée',
  anonymous = false,
) => m.postIdea(d.board, actor, { boardId, ideaId, text, anonymous }, 1000, d.moderation);
const settings = (d: ReturnType<typeof docs>, patch: Record<string, unknown>) =>
  m.updateSettings(d.board, fac, { boardId, ...patch }, d.moderation);
const vote = (d: ReturnType<typeof docs>, actor: m.Actor, ideaId: string, delta: 1 | -1) =>
  m.voteOnIdea(d.board, actor, { boardId, ideaId, delta }, d.moderation);
const onBoard = (d: ReturnType<typeof docs>) => readBoard(d.board, null).ideas;

describe('holding ideas and dots off the board', () => {
  it('holds participants’ ideas for approval before private mode, never facilitators’', () => {
    const meta = { ...DEFAULT_META };
    expect(m.holdReasonFor(meta, 'participant')).toBeNull();
    expect(m.holdReasonFor({ ...meta, privateMode: true }, 'participant')).toBe('private');
    expect(m.holdReasonFor({ ...meta, privateMode: true, premoderation: true }, 'participant')).toBe(
      'premoderation',
    );
    expect(m.holdReasonFor({ ...meta, privateMode: true, premoderation: true }, 'facilitator')).toBeNull();
  });

  it('asks for the moderation document only when the intent may touch it', () => {
    const d = docs();
    expect(m.needsModeration(d.board, 'participant', 'idea:post', {})).toBe(false);
    expect(m.needsModeration(d.board, 'participant', 'idea:vote', {})).toBe(false);
    expect(m.needsModeration(d.board, 'participant', 'idea:react', {})).toBe(true);
    post(d, ana, 'live');
    expect(m.needsModeration(d.board, 'participant', 'idea:edit', { ideaId: 'live' })).toBe(false);
    expect(m.needsModeration(d.board, 'participant', 'idea:edit', { ideaId: 'elsewhere' })).toBe(true);
    settings(d, { privateMode: true, votesHidden: true });
    expect(m.needsModeration(d.board, 'participant', 'idea:post', {})).toBe(true);
    // Facilitators' ideas are never held, but a retry of theirs is looked up there too.
    expect(m.holdReasonFor(readBoard(d.board, null).meta, 'facilitator')).toBeNull();
    expect(m.needsModeration(d.board, 'participant', 'idea:vote', {})).toBe(true);
    expect(m.needsModeration(d.board, 'facilitator', 'board:settings', { locked: true })).toBe(false);
  });

  it('answers a retried post with the held idea even after the option that held it was turned off', () => {
    const d = docs();
    settings(d, { premoderation: true });
    post(d, ana, 'a1', 'En attente');
    settings(d, { premoderation: false });
    expect(m.needsModeration(d.board, 'participant', 'idea:post', {})).toBe(true);
    expect(post(d, ana, 'a1', 'En attente')).toEqual({
      ok: true,
      data: { ideaId: 'a1', held: 'premoderation' },
    });
    expect(onBoard(d)).toEqual([]);
  });

  it('refuses to write a held idea without the moderation document rather than publish it', () => {
    const d = docs();
    settings(d, { privateMode: true });
    expect(() =>
      m.postIdea(d.board, ana, { boardId, ideaId: 'x', text: 'Secret', anonymous: false }, 1),
    ).toThrow();
    expect(onBoard(d)).toEqual([]);
  });

  it('reveals private ideas in posting order after those on the board, keeping their authors', () => {
    const d = docs();
    post(d, ana, 'before', 'Avant');
    settings(d, { privateMode: true, allowAnonymous: true });
    expect(post(d, ben, 'b1', 'De Ben')).toEqual({ ok: true, data: { ideaId: 'b1', held: 'private' } });
    expect(post(d, ana, 'a1', 'D’Ana, anonyme', true).ok).toBe(true);
    expect(post(d, fac, 'f1', 'Consigne')).toEqual({ ok: true, data: { ideaId: 'f1', held: null } });
    // A retried post is the same held idea; someone else's id is taken.
    expect(post(d, ben, 'b1', 'De Ben')).toEqual({ ok: true, data: { ideaId: 'b1', held: 'private' } });
    expect(post(d, ana, 'b1', 'Autre')).toMatchObject({ ok: false, code: 'conflict' });
    expect(onBoard(d).map((i) => i.id)).toEqual(['before', 'f1']);
    expect(m.readMine(d.board, d.moderation, ben).held.map((i) => i.text)).toEqual(['De Ben']);
    // Her anonymous idea is hers too (its key is derived from her and the idea).
    expect(m.readMine(d.board, d.moderation, ana).held.map((i) => [i.id, i.authorName, i.anonymous])).toEqual(
      [['a1', null, true]],
    );

    expect(m.reveal(d.board, d.moderation, ben, { boardId, what: 'ideas' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(m.reveal(d.board, d.moderation, fac, { boardId, what: 'ideas' })).toEqual({
      ok: true,
      data: { revealed: 2 },
    });
    expect(onBoard(d).map((i) => [i.id, i.authorName, i.order])).toEqual([
      ['before', 'Ana', 1],
      ['f1', 'Fanny', 2],
      ['b1', 'Ben', 3],
      ['a1', null, 4],
    ]);
    expect(readHeld(d.moderation)).toEqual([]);
    expect(readBoard(d.board, null).meta.privateMode).toBe(false);
  });

  it('lets the author edit and delete a held idea, and nobody else', () => {
    const d = docs();
    settings(d, { premoderation: true });
    post(d, ana, 'a1', 'Premier jet');
    expect(m.editIdea(d.board, ben, { boardId, ideaId: 'a1', text: 'Non' }, 2, d.moderation)).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(m.editIdea(d.board, ana, { boardId, ideaId: 'a1', text: 'Mieux dit' }, 2, d.moderation).ok).toBe(
      true,
    );
    expect(readHeld(d.moderation)[0]).toMatchObject({ text: 'Mieux dit', editedAt: 2 });
    expect(m.deleteIdea(d.board, ben, { boardId, ideaId: 'a1' }, d.moderation).ok).toBe(false);
    expect(m.deleteIdea(d.board, ana, { boardId, ideaId: 'a1' }, d.moderation).ok).toBe(true);
    expect(readHeld(d.moderation)).toEqual([]);
  });

  it('approves waiting ideas onto the board, or among the private ones in private mode', () => {
    const d = docs();
    settings(d, { premoderation: true });
    post(d, ana, 'a1');
    post(d, ana, 'a2');
    post(d, ben, 'b1');
    expect(m.approveIdeas(d.board, d.moderation, ana, { boardId, ideaIds: ['a1'] }).ok).toBe(false);
    expect(m.approveIdeas(d.board, d.moderation, fac, { boardId, ideaIds: ['a2', 'a1', 'nope'] })).toEqual({
      ok: true,
      data: { approved: ['a1', 'a2'] },
    });
    expect(onBoard(d).map((i) => i.id)).toEqual(['a1', 'a2']);
    settings(d, { privateMode: true });
    m.approveIdeas(d.board, d.moderation, fac, { boardId, ideaIds: ['b1'] });
    expect(readHeld(d.moderation).map((r) => [r.id, r.reason])).toEqual([['b1', 'private']]);
    // Approving again is harmless: it is no longer waiting for approval.
    expect(m.approveIdeas(d.board, d.moderation, fac, { boardId, ideaIds: ['b1'] })).toEqual({
      ok: true,
      data: { approved: [] },
    });
  });

  it('refuses a held idea as a hidden tombstone whose author learns why', () => {
    const d = docs();
    settings(d, { premoderation: true });
    post(d, ana, 'a1', 'Hors sujet');
    expect(
      m.hideIdea(d.board, d.moderation, fac, { boardId, ideaId: 'a1', reason: 'Hors thème' }, 5).ok,
    ).toBe(true);
    expect(onBoard(d)).toMatchObject([{ id: 'a1', hidden: true, text: '', authorName: null }]);
    expect(moderationMap(d.moderation).get('a1')).toMatchObject({ text: 'Hors sujet', authorName: 'Ana' });
    expect(m.readMine(d.board, d.moderation, ana).hidden).toEqual([
      { id: 'a1', text: 'Hors sujet', reason: 'Hors thème', hiddenAt: 5 },
    ]);
    expect(m.readMine(d.board, d.moderation, ben).hidden).toEqual([]);
  });

  it('keeps dots off the board while totals are hidden, counts each person’s own, and reveals the totals', () => {
    const d = docs();
    post(d, fac, 'i1');
    post(d, fac, 'i2');
    settings(d, { phase: 'vote', dotsPerParticipant: 2 });
    vote(d, ben, 'i2', 1);
    settings(d, { votesHidden: true });
    expect(onBoard(d).map((i) => i.votes)).toEqual([0, 0]);
    expect(readHiddenVotes(d.moderation).get('i2')?.get('p_ben')).toBe(1);
    expect(vote(d, ben, 'i1', 1)).toEqual({ ok: true, data: { dotsLeft: 0, onIdea: 1 } });
    expect(vote(d, ben, 'i1', 1)).toMatchObject({ ok: false, code: 'no_dots_left' });
    expect(vote(d, ana, 'i1', 1)).toEqual({ ok: true, data: { dotsLeft: 1, onIdea: 1 } });
    expect(vote(d, ana, 'i2', -1)).toMatchObject({ ok: false, code: 'invalid' });
    expect(onBoard(d).map((i) => i.votes)).toEqual([0, 0]);
    expect(m.readMine(d.board, d.moderation, ben).votes).toEqual({ i1: 1, i2: 1 });

    // A hidden idea's dots go back to those who placed them.
    post(d, fac, 'i3');
    vote(d, ana, 'i3', 1);
    m.hideIdea(d.board, d.moderation, fac, { boardId, ideaId: 'i3', reason: 'Doublon' }, 6);
    expect(m.readMine(d.board, d.moderation, ana).votes).toEqual({ i1: 1 });

    settings(d, { votesHidden: false });
    expect(onBoard(d).map((i) => [i.id, i.votes])).toEqual([
      ['i1', 2],
      ['i2', 1],
      ['i3', 0],
    ]);
    expect(readHiddenVotes(d.moderation).size).toBe(0);
    expect(readBoard(d.board, 'p_ben').ideas.map((i) => i.myVotes)).toEqual([1, 1, 0]);
  });
});
