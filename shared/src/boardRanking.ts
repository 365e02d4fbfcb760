import { REACTIONS, type GroupRecord, type IdeaView, type Phase, type Reaction } from './board.js';
import type { BoardRole } from './roles.js';

/**
 * The board's overall results: every visible idea ranked across clusters, by dots, then
 * reactions, then comments. Pure; used by the board page, the presenter view and the exports.
 */

export interface RankedIdea {
  /** 1-based; ideas with the same three counts share a rank (1, 2, 2, 4). */
  rank: number;
  id: string;
  text: string;
  authorName: string | null;
  groupId: string | null;
  /** The cluster's name, null when the idea is in none. */
  groupName: string | null;
  votes: number;
  /** Every reaction of every kind. */
  reactions: number;
  reactionCounts: Record<Reaction, number>;
  comments: number;
}

export interface RankingTotals {
  ideas: number;
  votes: number;
  reactions: number;
  comments: number;
  groups: number;
}

export interface BoardRanking {
  ideas: RankedIdea[];
  totals: RankingTotals;
}

const reactionTotal = (idea: IdeaView): number => REACTIONS.reduce((sum, r) => sum + idea.reactions[r], 0);

/** Negative when `a` ranks before `b` on the three counts; 0 when they tie. */
function compareCounts(a: RankedIdea, b: RankedIdea): number {
  return b.votes - a.votes || b.reactions - a.reactions || b.comments - a.comments;
}

/**
 * Ranks the visible ideas of a board (hidden ones are moderated out). Ties on all three counts
 * keep creation order and share a rank.
 */
export function rankIdeas(view: {
  ideas: readonly IdeaView[];
  groups: readonly GroupRecord[];
}): BoardRanking {
  const groups = new Map<string, GroupRecord>(view.groups.map((group) => [group.id, group]));
  const visible = view.ideas.filter((idea) => !idea.hidden);
  const rows = visible
    .map((idea) => ({
      order: idea.order,
      createdAt: idea.createdAt,
      row: {
        rank: 0,
        id: idea.id,
        text: idea.text,
        authorName: idea.authorName,
        groupId: idea.groupId !== null && groups.has(idea.groupId) ? idea.groupId : null,
        groupName: idea.groupId !== null ? (groups.get(idea.groupId)?.name ?? null) : null,
        votes: idea.votes,
        reactions: reactionTotal(idea),
        reactionCounts: { ...idea.reactions },
        comments: idea.comments.length,
      } satisfies RankedIdea,
    }))
    .sort((a, b) => compareCounts(a.row, b.row) || a.order - b.order || a.createdAt - b.createdAt)
    .map(({ row }) => row);
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    row.rank = previous && compareCounts(previous, row) === 0 ? previous.rank : index + 1;
  });
  return {
    ideas: rows,
    totals: {
      ideas: rows.length,
      votes: rows.reduce((sum, row) => sum + row.votes, 0),
      reactions: rows.reduce((sum, row) => sum + row.reactions, 0),
      comments: rows.reduce((sum, row) => sum + row.comments, 0),
      groups: view.groups.length,
    },
  };
}

/** Formats of the results export (`GET /api/boards/:boardId/results/export?format=`). */
export const RESULTS_EXPORT_FORMATS = ['csv', 'pdf'] as const;
export type ResultsExportFormat = (typeof RESULTS_EXPORT_FORMATS)[number];

/** What decides who sees the ranking (`votesHidden`: totals kept off the board until the reveal). */
export interface RankingMeta {
  phase: Phase;
  votesHidden?: boolean;
}

/**
 * Who sees the overall ranking. Facilitators: from the vote on, and whenever there are dots (they
 * keep it after the vote). Everyone else, the room's screen included: once there are dots and the
 * totals are public, live while the vote runs when totals are shown, after the reveal when they
 * are hidden; never while ideas are still being collected.
 */
export function rankingVisible(meta: RankingMeta, role: BoardRole, totalDots: number): boolean {
  if (role === 'facilitator') return totalDots > 0 || meta.phase === 'vote' || meta.phase === 'closed';
  return meta.votesHidden !== true && totalDots > 0 && meta.phase !== 'collect';
}

/**
 * The ideas with the dots placed while totals were hidden added in (`readHiddenVotes` of the
 * moderation document: idea -> person -> dots), for facilitators' results before the reveal.
 * Ideas without hidden dots keep their identity.
 */
export function withHiddenVotes(
  ideas: readonly IdeaView[],
  hiddenVotes: ReadonlyMap<string, ReadonlyMap<string, number>>,
): IdeaView[] {
  return ideas.map((idea) => {
    const people = hiddenVotes.get(idea.id);
    if (!people || people.size === 0) return idea;
    let dots = 0;
    people.forEach((count) => (dots += count));
    return { ...idea, votes: idea.votes + dots };
  });
}
