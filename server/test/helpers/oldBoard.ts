import * as Y from 'yjs';
import { boardMaps, type CommentRecord } from '@cocon/shared';
import * as m from '../../src/boards/boardMutations.js';

const fac: m.Actor = { id: 'u_fac', name: 'Fanny', role: 'facilitator' };
const boardId = 'board-1';

/** An idea as boards were written before the lean schema: a Y.Map with every part nested. */
export function oldIdea(
  doc: Y.Doc,
  fields: Record<string, unknown>,
  parts: {
    reactions?: string[];
    votes?: Record<string, number>;
    comments?: CommentRecord[];
    proposals?: string[];
  } = {},
) {
  const { ideas, meta } = boardMaps(doc);
  doc.transact(() => {
    const order = ((meta.get('ideaCounter') as number | undefined) ?? 0) + 1;
    meta.set('ideaCounter', order);
    const idea = new Y.Map<unknown>();
    const all = { editedAt: null, groupId: null, hidden: false, order, ...fields };
    for (const [key, value] of Object.entries(all)) idea.set(key, value);
    const reactions = new Y.Map<true>();
    for (const key of parts.reactions ?? []) reactions.set(key, true);
    const votes = new Y.Map<number>();
    for (const [user, dots] of Object.entries(parts.votes ?? {})) votes.set(user, dots);
    const comments = new Y.Array<CommentRecord>();
    comments.push(parts.comments ?? []);
    idea.set('reactions', reactions);
    idea.set('votes', votes);
    idea.set('comments', comments);
    if (parts.proposals) {
      const links = new Y.Map<true>();
      for (const id of parts.proposals) links.set(id, true);
      idea.set('proposals', links);
    }
    ideas.set(fields.id as string, idea);
  });
}

/** A board of the old shape: votes, reactions, comments, a cluster, a hidden tombstone, a lineage. */
export function oldBoard(): Y.Doc {
  const doc = new Y.Doc();
  m.initBoard(doc, 'Tableau');
  m.createGroup(doc, fac, { boardId, groupId: 'grp', name: 'Transport' });
  m.updateSettings(doc, fac, { boardId, phase: 'vote' });
  const comment: CommentRecord = {
    id: 'c1',
    text: 'Oui !',
    authorId: 'g_ben',
    authorName: 'Ben',
    createdAt: 5,
  };
  oldIdea(
    doc,
    { id: 'i1', text: 'Un jardin', authorId: 'g_ana', authorName: 'Ana', createdAt: 1, groupId: 'grp' },
    {
      reactions: ['like|g_ben', 'insight|g_ana'],
      votes: { g_ben: 2, g_ana: 1 },
      comments: [comment],
      proposals: ['prop-1'],
    },
  );
  oldIdea(doc, {
    id: 'i2',
    text: 'Des navettes',
    authorId: 'g_ben~i2',
    authorName: null,
    createdAt: 2,
    editedAt: 3,
  });
  oldIdea(doc, { id: 'i3', text: '', authorId: 'g_ana', authorName: null, createdAt: 4, hidden: true });
  return doc;
}
