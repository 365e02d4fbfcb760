import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dotsUsedBy, moderationMap, readBoard } from '@cocon/shared';
import * as m from './boardMutations.js';

const ana: m.Actor = { id: 'g_ana', name: 'Ana', role: 'participant' };
const ben: m.Actor = { id: 'g_ben', name: 'Ben', role: 'participant' };
const fac: m.Actor = { id: 'u_fac', name: 'Fanny', role: 'facilitator' };
const boardId = 'board-1';

function board() {
  const doc = new Y.Doc();
  m.initBoard(doc, 'Tableau');
  return doc;
}
const post = (doc: Y.Doc, actor: m.Actor, ideaId: string, text = 'Une idée', anonymous = false) =>
  m.postIdea(doc, actor, { boardId, ideaId, text, anonymous }, 1000);

describe('board mutations', () => {
  it('initializes a board once, in the collect phase', () => {
    const doc = board();
    m.updateSettings(doc, fac, { boardId, phase: 'vote' });
    m.initBoard(doc, 'Autre titre');
    expect(readBoard(doc, null).meta).toMatchObject({
      title: 'Tableau',
      phase: 'vote',
      dotsPerParticipant: 5,
    });
  });

  it('posts ideas in order, with the author or anonymously when allowed', () => {
    const doc = board();
    expect(post(doc, ana, 'idea-1').ok).toBe(true);
    expect(post(doc, ben, 'idea-2', 'Sans nom', true)).toMatchObject({ ok: false, code: 'forbidden' });
    m.updateSettings(doc, fac, { boardId, allowAnonymous: true });
    expect(post(doc, ben, 'idea-2', 'Sans nom', true).ok).toBe(true);
    const ideas = readBoard(doc, null).ideas;
    expect(ideas.map((i) => [i.id, i.authorName, i.order])).toEqual([
      ['idea-1', 'Ana', 1],
      ['idea-2', null, 2],
    ]);
    // An anonymous idea carries its own author key, not the author's board key...
    expect(ideas[1]?.authorId).not.toBe('g_ben');
    // ...but the server still knows who wrote it: only they can edit it.
    expect(m.editIdea(doc, ana, { boardId, ideaId: 'idea-2', text: 'Non' }, 2000)).toMatchObject({
      ok: false,
    });
    expect(m.editIdea(doc, ben, { boardId, ideaId: 'idea-2', text: 'Oui' }, 2000).ok).toBe(true);
  });

  it('tracks reactions per person and reports the viewer’s own', () => {
    const doc = board();
    post(doc, ana, 'idea-1');
    m.reactToIdea(doc, ben, { boardId, ideaId: 'idea-1', reaction: 'like', on: true });
    m.reactToIdea(doc, ben, { boardId, ideaId: 'idea-1', reaction: 'like', on: true });
    m.reactToIdea(doc, ana, { boardId, ideaId: 'idea-1', reaction: 'insight', on: true });
    const forBen = readBoard(doc, 'g_ben').ideas[0]!;
    expect(forBen.reactions).toMatchObject({ like: 1, insight: 1, love: 0 });
    expect(forBen.myReactions).toEqual(['like']);
    m.reactToIdea(doc, ben, { boardId, ideaId: 'idea-1', reaction: 'like', on: false });
    expect(readBoard(doc, 'g_ben').ideas[0]!.reactions.like).toBe(0);
  });

  it('runs, pauses, resumes and clears a countdown', () => {
    const doc = board();
    m.controlTimer(doc, fac, { boardId, action: 'start', seconds: 300, atZero: 'none' }, 10_000);
    expect(readBoard(doc, null).meta.timer).toEqual({
      endsAt: 310_000,
      remainingMs: null,
      durationMs: 300_000,
      atZero: 'none',
      actedAt: null,
    });
    m.controlTimer(doc, fac, { boardId, action: 'pause' }, 70_000);
    expect(readBoard(doc, null).meta.timer).toMatchObject({ endsAt: null, remainingMs: 240_000 });
    m.controlTimer(doc, fac, { boardId, action: 'resume' }, 100_000);
    expect(readBoard(doc, null).meta.timer).toMatchObject({ endsAt: 340_000, remainingMs: null });
    m.controlTimer(doc, fac, { boardId, action: 'clear' }, 100_000);
    expect(readBoard(doc, null).meta.timer).toBeNull();
  });

  it('spotlights a visible idea and drops the spotlight when it is hidden or deleted', () => {
    const doc = board();
    const moderation = new Y.Doc();
    post(doc, ana, 'idea-1');
    post(doc, ana, 'idea-2');
    m.spotlightIdea(doc, fac, { boardId, ideaId: 'idea-1' });
    expect(readBoard(doc, null).meta.spotlightIdeaId).toBe('idea-1');
    m.hideIdea(doc, moderation, fac, { boardId, ideaId: 'idea-1', reason: 'Doublon' }, 2000);
    expect(readBoard(doc, null).meta.spotlightIdeaId).toBeNull();
    expect(m.spotlightIdea(doc, fac, { boardId, ideaId: 'idea-1' })).toMatchObject({ ok: false });
    m.spotlightIdea(doc, fac, { boardId, ideaId: 'idea-2' });
    m.deleteIdea(doc, fac, { boardId, ideaId: 'idea-2' });
    expect(readBoard(doc, null).meta.spotlightIdeaId).toBeNull();
    expect(moderationMap(moderation).get('idea-1')?.reason).toBe('Doublon');
  });

  it('lets participants delete their own ideas in collect but not in vote', () => {
    const doc = board();
    post(doc, ana, 'idea-1');
    post(doc, ana, 'idea-2');
    expect(m.deleteIdea(doc, ana, { boardId, ideaId: 'idea-1' }).ok).toBe(true);
    m.updateSettings(doc, fac, { boardId, phase: 'vote' });
    expect(m.deleteIdea(doc, ana, { boardId, ideaId: 'idea-2' })).toMatchObject({
      ok: false,
      code: 'wrong_phase',
    });
  });

  it('lets authors and facilitators delete comments, no one else', () => {
    const doc = board();
    post(doc, ana, 'idea-1');
    m.addComment(doc, ben, { boardId, ideaId: 'idea-1', commentId: 'c-1', text: 'Oui !' }, 1500);
    expect(m.deleteComment(doc, ana, { boardId, ideaId: 'idea-1', commentId: 'c-1' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(m.deleteComment(doc, fac, { boardId, ideaId: 'idea-1', commentId: 'c-1' }).ok).toBe(true);
    expect(readBoard(doc, null).ideas[0]?.comments).toEqual([]);
  });

  it('holds comments on a locked board: their authors cannot delete them either (issue 12 item 8)', () => {
    const doc = board();
    post(doc, ana, 'idea-1');
    m.addComment(doc, ana, { boardId, ideaId: 'idea-1', commentId: 'c-1', text: 'Oui !' }, 1500);
    m.updateSettings(doc, fac, { boardId, locked: true });
    expect(m.deleteComment(doc, ana, { boardId, ideaId: 'idea-1', commentId: 'c-1' })).toMatchObject({
      ok: false,
      code: 'board_locked',
    });
    expect(readBoard(doc, null).ideas[0]?.comments).toHaveLength(1);
  });

  it('leaves nothing of a hidden idea public: no author, reactions or dots; restore brings back all but dots', () => {
    const doc = board();
    const moderation = new Y.Doc();
    post(doc, ana, 'idea-1');
    m.reactToIdea(doc, ben, { boardId, ideaId: 'idea-1', reaction: 'like', on: true });
    m.updateSettings(doc, fac, { boardId, phase: 'vote', dotsPerParticipant: 3 });
    m.voteOnIdea(doc, ben, { boardId, ideaId: 'idea-1', delta: 1 });
    expect(dotsUsedBy(doc, ben.id)).toBe(1);

    m.hideIdea(doc, moderation, fac, { boardId, ideaId: 'idea-1', reason: 'hors sujet' }, 2000);
    const tombstone = readBoard(doc, null).ideas[0]!;
    expect(tombstone).toMatchObject({ hidden: true, text: '', authorName: null, votes: 0 });
    expect(Object.values(tombstone.reactions).every((n) => n === 0)).toBe(true);
    // Ben's dot is his again.
    expect(dotsUsedBy(doc, ben.id)).toBe(0);

    m.restoreIdea(doc, moderation, fac, { boardId, ideaId: 'idea-1' });
    const restored = readBoard(doc, null).ideas[0]!;
    expect(restored).toMatchObject({ hidden: false, text: 'Une idée', authorName: 'Ana', votes: 0 });
    expect(restored.reactions.like).toBe(1);
  });

  it('renames clusters and keeps their order', () => {
    const doc = board();
    m.createGroup(doc, fac, { boardId, groupId: 'g-1', name: 'Un' });
    m.createGroup(doc, fac, { boardId, groupId: 'g-2', name: 'Deux' });
    m.renameGroup(doc, fac, { boardId, groupId: 'g-1', name: 'Premier' });
    expect(readBoard(doc, null).groups.map((g) => [g.name, g.order])).toEqual([
      ['Premier', 1],
      ['Deux', 2],
    ]);
  });
});
