import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardMaps, dotsUsedBy, readBoard } from '@cocon/shared';
import * as m from './boardMutations.js';
import { migrateBoard } from './boardSchema.js';
import { oldBoard, oldIdea } from '../../test/helpers/oldBoard.js';

const ana: m.Actor = { id: 'g_ana', name: 'Ana', role: 'participant' };
const ben: m.Actor = { id: 'g_ben', name: 'Ben', role: 'participant' };
const fac: m.Actor = { id: 'u_fac', name: 'Fanny', role: 'facilitator' };
const boardId = 'board-1';

describe('the lean board schema', () => {
  it('converts a board of the old shape: every view stays the same, once', () => {
    const doc = oldBoard();
    const before = ['g_ana', 'g_ben', null].map((viewer) => readBoard(doc, viewer));
    expect(migrateBoard(doc)).toBe(3);
    expect([...boardMaps(doc).ideas.values()].some((value) => value instanceof Y.Map)).toBe(false);
    expect(['g_ana', 'g_ben', null].map((viewer) => readBoard(doc, viewer))).toEqual(before);
    expect(dotsUsedBy(doc, 'g_ben')).toBe(2);
    // Idempotent: a second run (another instance, a reload) changes nothing at all.
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(migrateBoard(doc)).toBe(0);
    expect(updates).toEqual([]);
  });

  it('keeps every intent working on a converted board', () => {
    const doc = oldBoard();
    migrateBoard(doc);
    expect(m.voteOnIdea(doc, ana, { boardId, ideaId: 'i1', delta: 1 })).toMatchObject({
      ok: true,
      data: { onIdea: 2 },
    });
    m.updateSettings(doc, fac, { boardId, phase: 'collect' });
    expect(m.postIdea(doc, ben, { boardId, ideaId: 'i4', text: 'Nouvelle', anonymous: false }, 9).ok).toBe(
      true,
    );
    m.reactToIdea(doc, ana, { boardId, ideaId: 'i4', reaction: 'love', on: true });
    m.addComment(doc, ana, { boardId, ideaId: 'i2', commentId: 'c2', text: 'Bien' }, 10);
    const view = readBoard(doc, 'g_ana');
    expect(view.ideas.map((i) => [i.id, i.order, i.votes, i.reactions.love, i.comments.length])).toEqual([
      ['i1', 1, 4, 0, 1],
      ['i2', 2, 0, 0, 1],
      ['i3', 3, 0, 0, 0],
      ['i4', 4, 0, 1, 0],
    ]);
    expect(view.ideas[0]).toMatchObject({ groupId: 'grp', proposalIds: ['prop-1'], myVotes: 2 });
  });

  it('gives a new idea no Yjs structure until someone reacts, votes or comments', () => {
    const doc = new Y.Doc();
    m.initBoard(doc, 'Tableau');
    m.postIdea(doc, ana, { boardId, ideaId: 'i1', text: 'Une idée', anonymous: false }, 1);
    const { ideas, ideaExtras } = boardMaps(doc);
    expect(ideas.get('i1')).toEqual({
      text: 'Une idée',
      authorId: 'g_ana',
      authorName: 'Ana',
      createdAt: 1,
      order: 1,
    });
    expect(ideaExtras.size).toBe(0);
    m.reactToIdea(doc, ben, { boardId, ideaId: 'i1', reaction: 'like', on: true });
    expect([...(ideaExtras.get('i1')?.keys() ?? [])]).toEqual(['reactions']);
    // Hiding the idea drops its parts with it (their content went to the moderation document).
    const moderation = new Y.Doc();
    m.hideIdea(doc, moderation, fac, { boardId, ideaId: 'i1', reason: 'Hors sujet' }, 2);
    expect(ideaExtras.size).toBe(0);
    m.restoreIdea(doc, moderation, fac, { boardId, ideaId: 'i1' });
    expect(readBoard(doc, 'g_ben').ideas[0]).toMatchObject({ text: 'Une idée', myReactions: ['like'] });
  });
});

/**
 * The size of a board of 1,000 short ideas as a new reader receives it, and the update bytes of
 * each posted idea: the old shape, the lean one, and a bare relay's idea (a Y.Map of id and text,
 * as bench/lib/participants.ts writes it). Printed for the record; bounds keep it lean.
 */
describe('bytes per idea', () => {
  const N = 1000;
  const text = (i: number) => `Idée ${i} : un jardin communautaire près de l’école du quartier`;
  const id = (i: number) => `idea${String(i).padStart(17, '0')}`;
  function measure(post: (doc: Y.Doc, i: number) => void) {
    const doc = new Y.Doc();
    m.initBoard(doc, 'Tableau');
    const base = Y.encodeStateAsUpdate(doc).byteLength;
    let updates = 0;
    doc.on('update', (update: Uint8Array) => (updates += update.byteLength));
    for (let i = 0; i < N; i++) post(doc, i);
    return { state: Y.encodeStateAsUpdate(doc).byteLength - base, perIdeaUpdate: updates / N };
  }
  const actor = (i: number): m.Actor => ({
    id: `g_${String(i % 300).padStart(22, 'a')}`,
    name: `Participant ${i % 300}`,
    role: 'participant',
  });

  it('costs close to a bare relay', () => {
    const lean = measure((doc, i) =>
      m.postIdea(
        doc,
        actor(i),
        { boardId, ideaId: id(i), text: text(i), anonymous: false },
        1764300000000 + i,
      ),
    );
    const old = measure((doc, i) =>
      oldIdea(doc, {
        id: id(i),
        text: text(i),
        authorId: actor(i).id,
        authorName: actor(i).name,
        createdAt: 1764300000000 + i,
      }),
    );
    const relay = measure((doc, i) =>
      doc.transact(() => {
        const idea = new Y.Map<unknown>();
        idea.set('id', id(i));
        idea.set('text', text(i));
        doc.getMap('ideas').set(id(i), idea);
      }),
    );
    const row = (name: string, r: { state: number; perIdeaUpdate: number }) =>
      `${name.padEnd(6)} ${(r.state / 1024).toFixed(1)} KB for ${N} ideas (${(r.state / N).toFixed(0)} B/idea), ` +
      `${r.perIdeaUpdate.toFixed(0)} B per posted idea's update, ${(r.state / relay.state).toFixed(2)}x the relay`;
    console.log(['', row('old', old), row('lean', lean), row('relay', relay)].join('\n'));
    expect(lean.state).toBeLessThan(old.state * 0.6);
    expect(lean.state).toBeLessThan(relay.state * 1.35);
  });
});

describe('two instances changing one idea at the same moment', () => {
  /** Two replicas of one board, as two instances hold it, that exchange their updates afterwards. */
  const replicas = () => {
    const a = new Y.Doc();
    m.initBoard(a, 'Tableau');
    m.createGroup(a, fac, { boardId, groupId: 'g1', name: 'Mobilité' });
    expect(m.postIdea(a, ana, { boardId, ideaId: 'i1', text: 'Navette', anonymous: false }, 1).ok).toBe(true);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const exchange = () => {
      const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
      const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
      Y.applyUpdate(a, fromB);
      Y.applyUpdate(b, fromA);
    };
    return { a, b, exchange };
  };
  const idea = (doc: Y.Doc) => readBoard(doc, null).ideas.find((i) => i.id === 'i1')!;

  it('keeps both a move and an edit (the record is not rewritten whole)', () => {
    const { a, b, exchange } = replicas();
    expect(m.groupIdea(a, fac, { boardId, ideaId: 'i1', groupId: 'g1' }).ok).toBe(true);
    expect(m.editIdea(b, ana, { boardId, ideaId: 'i1', text: 'Navette du soir' }, 2).ok).toBe(true);
    exchange();
    for (const doc of [a, b]) expect(idea(doc)).toMatchObject({ groupId: 'g1', text: 'Navette du soir' });
  });

  it('never shows the text of an idea hidden on one instance while edited on the other', () => {
    const { a, b, exchange } = replicas();
    const moderation = new Y.Doc();
    expect(m.hideIdea(a, moderation, fac, { boardId, ideaId: 'i1', reason: 'Hors sujet' }, 2).ok).toBe(true);
    expect(m.editIdea(b, ana, { boardId, ideaId: 'i1', text: 'Texte modifié' }, 3).ok).toBe(true);
    exchange();
    for (const doc of [a, b]) expect(idea(doc)).toMatchObject({ hidden: true, text: '', authorName: null });
  });
});
