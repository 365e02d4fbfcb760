import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardMaps, readBoard, reactionKey } from '@cocon/shared';
import { BoardStore } from './boardStore';

/** Writes an idea the way the server does (the client never writes the board doc). */
function addIdea(doc: Y.Doc, id: string, text: string, order: number, authorId = 'u1'): Y.Map<unknown> {
  const idea = new Y.Map<unknown>();
  doc.transact(() => {
    boardMaps(doc).ideas.set(id, idea);
    idea.set('id', id);
    idea.set('text', text);
    idea.set('authorId', authorId);
    idea.set('authorName', 'Ana');
    idea.set('createdAt', 1000 + order);
    idea.set('editedAt', null);
    idea.set('groupId', null);
    idea.set('hidden', false);
    idea.set('order', order);
    idea.set('reactions', new Y.Map());
    idea.set('votes', new Y.Map());
    idea.set('comments', new Y.Array());
  });
  return idea;
}

function setup(viewer = 'me') {
  const doc = new Y.Doc();
  const store = new BoardStore(() => {}); // flushed by hand
  store.setViewer(viewer);
  store.attach(doc);
  return { doc, store };
}

describe('BoardStore', () => {
  it('publishes a change of any meta field, such as the release options', () => {
    const { doc, store } = setup();
    store.flush();
    const before = store.getSnapshot();
    store.flush();
    expect(store.getSnapshot()).toBe(before);
    boardMaps(doc).meta.set('privateMode', true);
    store.flush();
    expect(store.getSnapshot().meta.privateMode).toBe(true);
    boardMaps(doc).meta.set('votesHidden', true);
    store.flush();
    expect(store.getSnapshot().meta.votesHidden).toBe(true);
  });

  it('matches readBoard', () => {
    const { doc, store } = setup();
    boardMaps(doc).meta.set('title', 'Priorités 2026');
    boardMaps(doc).meta.set('phase', 'vote');
    addIdea(doc, 'idea-b', 'Deuxième', 2);
    const first = addIdea(doc, 'idea-a', 'Première', 1);
    (first.get('votes') as Y.Map<number>).set('me', 2);
    (first.get('reactions') as Y.Map<true>).set(reactionKey('like', 'me'), true);
    boardMaps(doc).groups.set('group-1', { id: 'group-1', name: 'Transport', order: 0 });
    store.flush();
    const snapshot = store.getSnapshot();
    const expected = readBoard(doc, 'me');
    expect(snapshot.meta).toEqual(expected.meta);
    expect(snapshot.ideas).toEqual(expected.ideas);
    expect(snapshot.groups).toEqual(expected.groups);
    expect(snapshot.myDotsUsed).toBe(2);
  });

  it('re-reads only the ideas that changed and keeps the others identical', () => {
    const { doc, store } = setup();
    const a = addIdea(doc, 'idea-a', 'A', 1);
    addIdea(doc, 'idea-b', 'B', 2);
    store.flush();
    const before = store.getSnapshot();
    (a.get('comments') as Y.Array<unknown>).push([
      { id: 'c1', text: 'oui', authorId: 'u2', authorName: 'Bo', createdAt: 5 },
    ]);
    store.flush();
    const after = store.getSnapshot();
    expect(after.version).toBe(before.version + 1);
    expect(after.ideas[0]).not.toBe(before.ideas[0]);
    expect(after.ideas[0]?.comments).toHaveLength(1);
    expect(after.ideas[1]).toBe(before.ideas[1]);
    expect(after.meta).toBe(before.meta);
    expect(after.groups).toBe(before.groups);
  });

  it('drops deleted ideas and notifies once per flush', () => {
    const { doc, store } = setup();
    addIdea(doc, 'idea-a', 'A', 1);
    addIdea(doc, 'idea-b', 'B', 2);
    store.flush();
    let calls = 0;
    store.subscribe(() => (calls += 1));
    boardMaps(doc).ideas.delete('idea-a');
    addIdea(doc, 'idea-c', 'C', 3);
    store.flush();
    expect(calls).toBe(1);
    expect(store.getSnapshot().ideas.map((idea) => idea.id)).toEqual(['idea-b', 'idea-c']);
    store.flush();
    expect(calls).toBe(1); // nothing new
  });

  it('recomputes my votes when the viewer becomes known', () => {
    const { doc, store } = setup('nobody');
    const a = addIdea(doc, 'idea-a', 'A', 1);
    (a.get('votes') as Y.Map<number>).set('u9', 3);
    store.flush();
    expect(store.getSnapshot().myDotsUsed).toBe(0);
    store.setViewer('u9');
    store.flush();
    expect(store.getSnapshot().myDotsUsed).toBe(3);
    expect(store.getSnapshot().ideas[0]?.myVotes).toBe(3);
  });

  it('follows ideas of the lean schema: records, and parts created with the first reaction or dot', () => {
    const { doc, store } = setup();
    const { ideas, ideaExtras } = boardMaps(doc);
    ideas.set('idea-a', { text: 'A', authorId: 'u1', authorName: 'Ana', createdAt: 1, order: 1 });
    ideas.set('idea-b', { text: 'B', authorId: 'u2', authorName: null, createdAt: 2, order: 2 });
    store.flush();
    const [a, b] = store.getSnapshot().ideas;
    expect(a).toMatchObject({ id: 'idea-a', text: 'A', votes: 0, groupId: null, hidden: false });
    doc.transact(() => {
      const parts = new Y.Map<unknown>();
      ideaExtras.set('idea-b', parts);
      const votes = new Y.Map<number>();
      parts.set('votes', votes);
      votes.set('me', 2);
    });
    store.flush();
    expect(store.getSnapshot().ideas[0]).toBe(a); // untouched idea keeps its identity
    expect(store.getSnapshot().ideas[1]).toMatchObject({ id: 'idea-b', votes: 2, myVotes: 2 });
    expect(store.getSnapshot().myDotsUsed).toBe(2);
    (ideaExtras.get('idea-b')!.get('votes') as Y.Map<number>).set('me', 1);
    store.flush();
    expect(store.getSnapshot().ideas[1]?.myVotes).toBe(1);
    expect(store.getSnapshot().ideas[1]).not.toBe(b);
    expect(store.getSnapshot().ideas).toEqual(readBoard(doc, 'me').ideas);
  });

  it('coalesces bursts into one scheduled flush', () => {
    const doc = new Y.Doc();
    const queued: (() => void)[] = [];
    const store = new BoardStore((flush) => queued.push(flush));
    store.attach(doc);
    for (let i = 0; i < 50; i += 1) addIdea(doc, `idea-${i}`, `Idée ${i}`, i);
    expect(queued).toHaveLength(1);
    queued[0]?.();
    expect(store.getSnapshot().ideas).toHaveLength(50);
  });
});
