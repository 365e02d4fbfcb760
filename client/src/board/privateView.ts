import type { BoardMine, BoardRole, HeldRecord, HiddenRecord, IdeaView } from '@cocon/shared';

/**
 * What is not in the board document but is the viewer's to see, merged into their view:
 * facilitators get every held idea and the hidden totals from the moderation document; a
 * participant gets their own held ideas and dots from `board:mine`. Pure, so it is tested apart.
 */
export interface PrivateSources {
  role: BoardRole;
  viewerId: string | null;
  /** Facilitators: every held idea (moderation document). */
  held: readonly HeldRecord[];
  /** Facilitators: idea -> person -> dots placed while totals are hidden. */
  hiddenVotes: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Everyone: their own things (`board:mine`), or null before the first answer. */
  mine: BoardMine | null;
}

const NO_REACTIONS = { like: 0, love: 0, insight: 0, question: 0 } as const;

function heldView(record: HeldRecord, order: number): IdeaView {
  return {
    id: record.id,
    text: record.text,
    authorId: record.authorId,
    authorName: record.authorName,
    createdAt: record.createdAt,
    editedAt: record.editedAt,
    groupId: null,
    hidden: false,
    order,
    reactions: { ...NO_REACTIONS },
    myReactions: [],
    votes: 0,
    myVotes: 0,
    comments: [],
    proposalIds: [],
    held: record.reason,
  };
}

/** The viewer's held ideas, as records (an anonymous one carries no author key). */
export function ownHeldRecords(mine: BoardMine | null, viewerId: string | null): HeldRecord[] {
  return (mine?.held ?? []).map((idea) => ({
    id: idea.id,
    text: idea.text,
    authorId: idea.anonymous ? '' : (viewerId ?? ''),
    authorName: idea.authorName,
    createdAt: idea.createdAt,
    editedAt: idea.editedAt,
    reason: idea.reason,
    seq: idea.seq,
  }));
}

/**
 * The ideas to show: those of the board (with hidden dots added where the viewer may see them),
 * then the held ones not on the board yet, after every other, in posting order. Ideas that
 * nothing changes keep their identity (memoised cards do not re-render).
 */
export function mergePrivate(ideas: readonly IdeaView[], sources: PrivateSources): readonly IdeaView[] {
  const facilitator = sources.role === 'facilitator';
  const held = facilitator ? sources.held : ownHeldRecords(sources.mine, sources.viewerId);
  const myDots = sources.mine?.votes ?? {};
  const hasVotes = facilitator ? sources.hiddenVotes.size > 0 : Object.keys(myDots).length > 0;
  if (held.length === 0 && !hasVotes) return ideas;

  const merged = !hasVotes
    ? [...ideas]
    : ideas.map((idea) => {
        let total = 0;
        let own = 0;
        if (facilitator) {
          sources.hiddenVotes.get(idea.id)?.forEach((dots, userId) => {
            total += dots;
            if (userId === sources.viewerId) own = dots;
          });
        } else {
          own = myDots[idea.id] ?? 0;
        }
        return total === 0 && own === 0
          ? idea
          : { ...idea, votes: idea.votes + total, myVotes: idea.myVotes + own };
      });
  const onBoard = new Set(ideas.map((idea) => idea.id));
  const last = ideas.reduce((max, idea) => Math.max(max, idea.order), 0);
  [...held]
    .sort((a, b) => a.seq - b.seq || a.createdAt - b.createdAt)
    .forEach((record, index) => {
      // Approved or revealed already: the board's copy wins.
      if (!onBoard.has(record.id)) merged.push(heldView(record, last + 1 + index));
    });
  return merged;
}

/** A participant's own hidden ideas, in the shape the cards read for facilitators. */
export function ownHiddenRecords(mine: BoardMine | null): Map<string, HiddenRecord> {
  return new Map(
    (mine?.hidden ?? []).map((idea) => [
      idea.id,
      {
        text: idea.text,
        comments: [],
        reason: idea.reason,
        hiddenById: '',
        hiddenByName: '',
        hiddenAt: idea.hiddenAt,
      },
    ]),
  );
}
