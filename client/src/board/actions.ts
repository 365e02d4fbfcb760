import {
  newId,
  type Ack,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResults,
  type Phase,
  type Reaction,
  type TimerZeroAction,
} from '@cocon/shared';
import type { BoardChannel } from './boardChannel';
import type { FeedbackStore } from './feedback';
import type { MineStore } from './mineStore';

/**
 * Every change a person can ask for on a board, as socket.io intents. Nothing is applied
 * locally: the result comes back through the Yjs document. Refusals go to the feedback region.
 */
export function createBoardActions(
  channel: BoardChannel,
  feedback: FeedbackStore,
  /** Ids of my anonymous ideas: their author keys do not say they are mine. */
  ownAnonymousIdeas: Set<string> = new Set(),
  /** My things kept off the board (held ideas, hidden dots): kept current after my own intents. */
  mine: MineStore | null = null,
) {
  const boardId = channel.boardId;
  async function send<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Ack<ClientEventResults[E]>> {
    const ack = await channel.send(event, payload);
    if (!ack.ok) feedback.error(ack.error.code, ack.error.retryAfterMs);
    return ack;
  }
  return {
    /** The channel's state, for what is still waiting for the server ("en attente"). */
    subscribe: channel.subscribe,
    channelState: channel.getState,
    post: (text: string, anonymous: boolean) => {
      const ideaId = newId();
      // Before sending: the idea may come back through Yjs before the acknowledgement does.
      if (anonymous) ownAnonymousIdeas.add(ideaId);
      return send('idea:post', { boardId, ideaId, text, anonymous }).then((ack) => {
        // Held off the board: only the server can tell me about it from now on.
        if (ack.ok && ack.data.held) mine?.refresh();
        return ack;
      });
    },
    edit: (ideaId: string, text: string) =>
      send('idea:edit', { boardId, ideaId, text }).then((ack) => {
        if (ack.ok && mine?.holds(ideaId)) mine.refresh();
        return ack;
      }),
    remove: (ideaId: string) =>
      send('idea:delete', { boardId, ideaId }).then((ack) => {
        if (ack.ok && mine?.holds(ideaId)) mine.refresh();
        return ack;
      }),
    react: (ideaId: string, reaction: Reaction, on: boolean) =>
      send('idea:react', { boardId, ideaId, reaction, on }),
    /** `votesHidden`: my dots are not on the board, so the acknowledgement is what I see. */
    vote: (ideaId: string, delta: 1 | -1, votesHidden = false) =>
      send('idea:vote', { boardId, ideaId, delta }).then((ack) => {
        if (ack.ok && votesHidden) mine?.patchVote(ideaId, ack.data.onIdea);
        return ack;
      }),
    group: (ideaId: string, groupId: string | null) => send('idea:group', { boardId, ideaId, groupId }),
    comment: (ideaId: string, text: string) =>
      send('comment:add', { boardId, ideaId, commentId: newId(), text }),
    deleteComment: (ideaId: string, commentId: string) =>
      send('comment:delete', { boardId, ideaId, commentId }),
    hide: (ideaId: string, reason: string) => send('mod:hide', { boardId, ideaId, reason }),
    restore: (ideaId: string) => send('mod:restore', { boardId, ideaId }),
    approve: (ideaIds: string[]) => send('mod:approve', { boardId, ideaIds }),
    /** Bulk: one reason for all, one transaction on the server. */
    hideMany: (ideaIds: string[], reason: string) => send('ideas:hide', { boardId, ideaIds, reason }),
    groupMany: (ideaIds: string[], groupId: string | null) =>
      send('ideas:group', { boardId, ideaIds, groupId }),
    /** Removes the idea's author (a guest) from the forum. */
    removeAuthor: (ideaId: string) => send('participant:remove', { boardId, ideaId }),
    reveal: (what: 'ideas' | 'votes') => send('board:reveal', { boardId, what }),
    settings: (patch: {
      phase?: Phase;
      locked?: boolean;
      dotsPerParticipant?: number;
      allowAnonymous?: boolean;
      title?: string;
      privateMode?: boolean;
      votesHidden?: boolean;
      premoderation?: boolean;
      postingPaceSeconds?: number;
    }) => send('board:settings', { boardId, ...patch }),
    startTimer: (seconds: number, atZero: TimerZeroAction = 'none') =>
      send('board:timer', { boardId, action: 'start', seconds, atZero }),
    addTime: (seconds: number) => send('board:timer', { boardId, action: 'add', seconds }),
    setTimerAtZero: (atZero: TimerZeroAction) => send('board:timer', { boardId, action: 'atZero', atZero }),
    pauseTimer: () => send('board:timer', { boardId, action: 'pause' }),
    resumeTimer: () => send('board:timer', { boardId, action: 'resume' }),
    clearTimer: () => send('board:timer', { boardId, action: 'clear' }),
    spotlight: (ideaId: string | null) => send('board:spotlight', { boardId, ideaId }),
    createGroup: (name: string) => send('group:create', { boardId, groupId: newId(), name }),
    renameGroup: (groupId: string, name: string) => send('group:rename', { boardId, groupId, name }),
    deleteGroup: (groupId: string) => send('group:delete', { boardId, groupId }),
  };
}

export type BoardActions = ReturnType<typeof createBoardActions>;
