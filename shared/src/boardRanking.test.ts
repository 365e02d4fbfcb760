import { describe, expect, it } from 'vitest';
import type { GroupRecord, IdeaView, Reaction } from './board.js';
import { rankIdeas, rankingVisible, withHiddenVotes } from './boardRanking.js';

let order = 0;
function idea(
  id: string,
  counts: { votes?: number; reactions?: Partial<Record<Reaction, number>>; comments?: number } = {},
  extra: Partial<IdeaView> = {},
): IdeaView {
  order += 1;
  return {
    id,
    text: `Idée ${id}`,
    authorId: 'u1',
    authorName: 'Amélie',
    createdAt: 1_000 + order,
    editedAt: null,
    groupId: null,
    hidden: false,
    order,
    reactions: { like: 0, love: 0, insight: 0, question: 0, ...counts.reactions },
    myReactions: [],
    votes: counts.votes ?? 0,
    myVotes: 0,
    comments: Array.from({ length: counts.comments ?? 0 }, (_, i) => ({
      id: `${id}-c${i}`,
      text: 'oui',
      authorId: 'u2',
      authorName: null,
      createdAt: 0,
    })),
    proposalIds: [],
    ...extra,
  };
}

const groups: GroupRecord[] = [
  { id: 'g1', name: 'Mobilité', order: 0 },
  { id: 'g2', name: 'Alimentation', order: 1 },
];

describe('rankIdeas', () => {
  it('ranks across clusters by dots first', () => {
    const ranking = rankIdeas({
      groups,
      ideas: [
        idea('a', { votes: 1 }, { groupId: 'g1' }),
        idea('b', { votes: 5 }, { groupId: 'g2' }),
        idea('c', { votes: 3 }),
      ],
    });
    expect(ranking.ideas.map((i) => [i.rank, i.id, i.groupName])).toEqual([
      [1, 'b', 'Alimentation'],
      [2, 'c', null],
      [3, 'a', 'Mobilité'],
    ]);
  });

  it('breaks a tie on dots by reactions, then by comments', () => {
    const ranking = rankIdeas({
      groups: [],
      ideas: [
        idea('few', { votes: 2, reactions: { like: 1 }, comments: 4 }),
        idea('talked', { votes: 2, reactions: { like: 1, insight: 1 }, comments: 1 }),
        idea('more', { votes: 2, reactions: { love: 2 }, comments: 3 }),
      ],
    });
    expect(ranking.ideas.map((i) => i.id)).toEqual(['more', 'talked', 'few']);
    expect(ranking.ideas.map((i) => i.reactions)).toEqual([2, 2, 1]);
  });

  it('gives equal ideas the same rank and keeps creation order among them', () => {
    const ranking = rankIdeas({
      groups: [],
      ideas: [
        idea('first', { votes: 1 }),
        idea('top', { votes: 4 }),
        idea('second', { votes: 1 }),
        idea('last'),
      ],
    });
    expect(ranking.ideas.map((i) => [i.rank, i.id])).toEqual([
      [1, 'top'],
      [2, 'first'],
      [2, 'second'],
      [4, 'last'],
    ]);
  });

  it('leaves hidden ideas out of the ranking and the totals', () => {
    const ranking = rankIdeas({
      groups,
      ideas: [
        idea('shown', { votes: 2, reactions: { like: 3 }, comments: 1 }),
        idea('hidden', { votes: 9, reactions: { like: 9 }, comments: 9 }, { hidden: true }),
      ],
    });
    expect(ranking.ideas.map((i) => i.id)).toEqual(['shown']);
    expect(ranking.totals).toEqual({ ideas: 1, votes: 2, reactions: 3, comments: 1, groups: 2 });
  });

  it('treats an idea of a deleted cluster as ungrouped', () => {
    const ranking = rankIdeas({ groups, ideas: [idea('orphan', {}, { groupId: 'gone' })] });
    expect(ranking.ideas[0]).toMatchObject({ groupId: null, groupName: null });
  });

  it('ranks an empty board as nothing', () => {
    expect(rankIdeas({ groups: [], ideas: [] })).toEqual({
      ideas: [],
      totals: { ideas: 0, votes: 0, reactions: 0, comments: 0, groups: 0 },
    });
  });
});

describe('rankingVisible', () => {
  it('shows facilitators the ranking from the vote on, and after it while there are dots', () => {
    expect(rankingVisible({ phase: 'collect' }, 'facilitator', 0)).toBe(false);
    expect(rankingVisible({ phase: 'vote' }, 'facilitator', 0)).toBe(true);
    expect(rankingVisible({ phase: 'discuss' }, 'facilitator', 4)).toBe(true);
    expect(rankingVisible({ phase: 'closed', votesHidden: true }, 'facilitator', 0)).toBe(true);
  });

  it('shows everyone else the ranking once dots are public, never during the collection', () => {
    expect(rankingVisible({ phase: 'vote', votesHidden: false }, 'participant', 3)).toBe(true);
    expect(rankingVisible({ phase: 'closed' }, 'participant', 3)).toBe(true);
    expect(rankingVisible({ phase: 'closed' }, 'participant', 0)).toBe(false);
    expect(rankingVisible({ phase: 'collect' }, 'participant', 3)).toBe(false);
  });

  it('keeps hidden totals from everyone else until the reveal', () => {
    expect(rankingVisible({ phase: 'closed', votesHidden: true }, 'participant', 3)).toBe(false);
    expect(rankingVisible({ phase: 'closed', votesHidden: false }, 'participant', 3)).toBe(true);
  });
});

describe('withHiddenVotes', () => {
  it('adds the dots held while totals are hidden, so facilitators rank the real vote', () => {
    const ideas = [idea('shown', { votes: 2 }), idea('quiet', { votes: 0 }), idea('none', { votes: 1 })];
    const merged = withHiddenVotes(
      ideas,
      new Map([
        [
          'quiet',
          new Map([
            ['u1', 3],
            ['u2', 1],
          ]),
        ],
        ['shown', new Map([['u3', 1]])],
      ]),
    );
    expect(merged.map((i) => [i.id, i.votes])).toEqual([
      ['shown', 3],
      ['quiet', 4],
      ['none', 1],
    ]);
    expect(merged[2]).toBe(ideas[2]);
    expect(rankIdeas({ ideas: merged, groups: [] }).ideas.map((i) => i.id)).toEqual([
      'quiet',
      'shown',
      'none',
    ]);
  });
});
