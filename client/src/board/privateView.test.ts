import { describe, expect, it } from 'vitest';
import type { BoardMine, HeldRecord, IdeaView } from '@cocon/shared';
import { mergePrivate, ownHiddenRecords } from './privateView';

const idea = (id: string, order: number, votes = 0, myVotes = 0): IdeaView => ({
  id,
  text: `Idée ${id}`,
  authorId: 'p_other',
  authorName: 'Autre',
  createdAt: order,
  editedAt: null,
  groupId: null,
  hidden: false,
  order,
  reactions: { like: 0, love: 0, insight: 0, question: 0 },
  myReactions: [],
  votes,
  myVotes,
  comments: [],
  proposalIds: [],
});
const held = (id: string, seq: number, reason: HeldRecord['reason'] = 'private'): HeldRecord => ({
  id,
  text: `Retenue ${id}`,
  authorId: 'p_ana',
  authorName: 'Ana',
  createdAt: 100 + seq,
  editedAt: null,
  reason,
  seq,
});
const none = { held: [], hiddenVotes: new Map(), mine: null };

describe('merging what is held off the board into the viewer’s view', () => {
  it('leaves the board as it is when nothing is held', () => {
    const ideas = [idea('a', 1)];
    expect(mergePrivate(ideas, { ...none, role: 'participant', viewerId: 'p_ana' })).toBe(ideas);
  });

  it('shows facilitators every held idea after the board, marked, and the hidden totals', () => {
    const a = idea('a', 1);
    const b = idea('b', 2, 1, 0);
    const merged = mergePrivate([a, b], {
      role: 'facilitator',
      viewerId: 'p_fac',
      held: [held('y', 2, 'premoderation'), held('x', 1), held('a', 3)],
      hiddenVotes: new Map([
        [
          'b',
          new Map([
            ['p_fac', 2],
            ['p_ana', 1],
          ]),
        ],
      ]),
      mine: null,
    });
    expect(merged.map((i) => [i.id, i.order, i.held ?? null, i.votes, i.myVotes])).toEqual([
      ['a', 1, null, 0, 0],
      ['b', 2, null, 4, 2],
      ['x', 3, 'private', 0, 0],
      ['y', 4, 'premoderation', 0, 0],
    ]);
    expect(merged[0]).toBe(a); // untouched ideas keep their identity
  });

  it('shows a participant their own held ideas and dots, never a total', () => {
    const mine: BoardMine = {
      held: [
        {
          id: 'x',
          text: 'Secrète',
          authorName: null,
          anonymous: true,
          createdAt: 5,
          editedAt: null,
          reason: 'premoderation',
          seq: 1,
        },
      ],
      votes: { a: 2 },
      hidden: [{ id: 'h', text: 'Hors sujet', reason: 'Hors thème', hiddenAt: 9 }],
    };
    const merged = mergePrivate([idea('a', 1)], { ...none, role: 'participant', viewerId: 'p_ana', mine });
    expect(merged.map((i) => [i.id, i.votes, i.myVotes, i.held ?? null, i.authorId])).toEqual([
      ['a', 0, 2, null, 'p_other'],
      ['x', 0, 0, 'premoderation', ''],
    ]);
    expect(ownHiddenRecords(mine).get('h')).toMatchObject({ reason: 'Hors thème', text: 'Hors sujet' });
  });
});
