import { z } from 'zod';
import { PHASES, REACTIONS, TIMER_ZERO_ACTIONS, type HoldReason } from './board.js';
import { idSchema } from './ids.js';
import { LIMITS } from './limits.js';
import type { Ack } from './errors.js';
import type { BoardRole } from './roles.js';

/**
 * socket.io events at /socket.io. Every client event carries an acknowledgement callback
 * that receives an `Ack`. The server validates each payload with the schema below.
 */

const text = (max: number) => z.string().trim().min(1, 'required').max(max);
const board = { boardId: idSchema };
const idea = { ...board, ideaId: idSchema };

export const clientEventSchemas = {
  /** Start receiving presence for a board; answers the viewer's role and id on it. */
  'board:join': z.object(board).strict(),
  'board:leave': z.object(board).strict(),
  /**
   * The viewer's own things that are not in the board document: their held ideas (private mode,
   * pre-moderation), their dots while totals are hidden, and why their hidden ideas were hidden.
   */
  'board:mine': z.object(board).strict(),
  /** Follow a proposal's status, comments and versions (answers the role on it). */
  'proposal:join': z.object({ proposalId: idSchema }).strict(),
  'proposal:leave': z.object({ proposalId: idSchema }).strict(),
  /** Follow a plan live (accounts only). */
  'plan:join': z.object({ planId: idSchema }).strict(),
  'plan:leave': z.object({ planId: idSchema }).strict(),
  /** Follow a fund consultation round live (accounts only). */
  'round:join': z.object({ roundId: idSchema }).strict(),
  'round:leave': z.object({ roundId: idSchema }).strict(),
  'idea:post': z
    .object({
      ...board,
      ideaId: idSchema,
      text: text(LIMITS.ideaTextMax),
      anonymous: z.boolean().default(false),
    })
    .strict(),
  'idea:edit': z.object({ ...idea, text: text(LIMITS.ideaTextMax) }).strict(),
  'idea:delete': z.object(idea).strict(),
  'idea:react': z.object({ ...idea, reaction: z.enum(REACTIONS), on: z.boolean() }).strict(),
  'idea:vote': z.object({ ...idea, delta: z.union([z.literal(1), z.literal(-1)]) }).strict(),
  'idea:group': z.object({ ...idea, groupId: idSchema.nullable() }).strict(),
  'comment:add': z.object({ ...idea, commentId: idSchema, text: text(LIMITS.commentTextMax) }).strict(),
  'comment:delete': z.object({ ...idea, commentId: idSchema }).strict(),
  'mod:hide': z.object({ ...idea, reason: text(LIMITS.reasonMax) }).strict(),
  'mod:restore': z.object(idea).strict(),
  /** Puts ideas waiting for approval on the board (or, in private mode, among the held ones). */
  'mod:approve': z
    .object({ ...board, ideaIds: z.array(idSchema).min(1).max(LIMITS.approveBatchMax) })
    .strict(),
  /** Hides several ideas (or refuses held ones) with one reason, in one transaction. */
  'ideas:hide': z
    .object({
      ...board,
      ideaIds: z.array(idSchema).min(1).max(LIMITS.bulkIdeasMax),
      reason: text(LIMITS.reasonMax),
    })
    .strict(),
  /** Moves several ideas into a cluster (null: out of any), in one transaction. */
  'ideas:group': z
    .object({
      ...board,
      ideaIds: z.array(idSchema).min(1).max(LIMITS.bulkIdeasMax),
      groupId: idSchema.nullable(),
    })
    .strict(),
  /**
   * Removes the author of an idea from the forum: their sessions end on every instance and their
   * device is refused when it rejoins (guests only).
   */
  'participant:remove': z.object(idea).strict(),
  /** Ends private mode (every held idea onto the board) or hidden totals (dots onto the board). */
  'board:reveal': z.object({ ...board, what: z.enum(['ideas', 'votes']) }).strict(),
  'board:settings': z
    .object({
      ...board,
      phase: z.enum(PHASES).optional(),
      locked: z.boolean().optional(),
      dotsPerParticipant: z.number().int().min(1).max(LIMITS.dotsPerParticipantMax).optional(),
      allowAnonymous: z.boolean().optional(),
      title: text(LIMITS.titleMax).optional(),
      /** Turning it off reveals the held ideas, as `board:reveal` does. */
      privateMode: z.boolean().optional(),
      /** Turning it off reveals the totals, as `board:reveal` does. */
      votesHidden: z.boolean().optional(),
      premoderation: z.boolean().optional(),
      /** One idea per participant every N seconds (0: no pace), across all their connections. */
      postingPaceSeconds: z.number().int().min(0).max(LIMITS.postingPaceSecondsMax).optional(),
    })
    .strict(),
  'board:timer': z.discriminatedUnion('action', [
    z
      .object({
        ...board,
        action: z.literal('start'),
        seconds: z.number().int().min(1).max(LIMITS.timerSecondsMax),
        /** What the server does at zero (nothing by default). */
        atZero: z.enum(TIMER_ZERO_ACTIONS).default('none'),
      })
      .strict(),
    z.object({ ...board, action: z.literal('pause') }).strict(),
    z.object({ ...board, action: z.literal('resume') }).strict(),
    z.object({ ...board, action: z.literal('clear') }).strict(),
    /** Adds time: to a running or paused countdown, or, at zero, a new countdown of `seconds`. */
    z
      .object({
        ...board,
        action: z.literal('add'),
        seconds: z.number().int().min(1).max(LIMITS.timerSecondsMax),
      })
      .strict(),
    /** Changes what happens at zero for the current countdown. */
    z.object({ ...board, action: z.literal('atZero'), atZero: z.enum(TIMER_ZERO_ACTIONS) }).strict(),
  ]),
  'board:spotlight': z.object({ ...board, ideaId: idSchema.nullable() }).strict(),
  'group:create': z.object({ ...board, groupId: idSchema, name: text(LIMITS.groupNameMax) }).strict(),
  'group:rename': z.object({ ...board, groupId: idSchema, name: text(LIMITS.groupNameMax) }).strict(),
  'group:delete': z.object({ ...board, groupId: idSchema }).strict(),
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientEventPayload<E extends ClientEventName> = z.input<(typeof clientEventSchemas)[E]>;
export type ClientEventData<E extends ClientEventName> = z.output<(typeof clientEventSchemas)[E]>;

export interface BoardJoinResult {
  role: BoardRole;
  /** The viewer's pseudonym on this board: how their ideas, votes and reactions are keyed. */
  userId: string;
  /** The viewer's own anonymous ideas (their author keys cannot be told apart otherwise). */
  ownAnonymousIdeaIds: string[];
  displayName: string;
  /** Server clock (epoch ms) when answering, so countdowns ignore the device's clock skew. */
  serverTime: number;
}

/** One of the viewer's own ideas held off the board (see `HeldRecord`). */
export interface OwnHeldIdea {
  id: string;
  text: string;
  authorName: string | null;
  anonymous: boolean;
  createdAt: number;
  editedAt: number | null;
  reason: HoldReason;
  seq: number;
}

/** One of the viewer's own ideas that a facilitator hid (or refused), and why. */
export interface OwnHiddenIdea {
  id: string;
  text: string;
  reason: string;
  hiddenAt: number;
}

/** The `board:mine` answer: what only the viewer (and facilitators) may see. */
export interface BoardMine {
  held: OwnHeldIdea[];
  /** The viewer's dots per idea while totals are hidden (empty otherwise). */
  votes: Record<string, number>;
  hidden: OwnHiddenIdea[];
}

/** What each acknowledgement carries on success. */
export interface ClientEventResults {
  'board:join': BoardJoinResult;
  'board:leave': undefined;
  'board:mine': BoardMine;
  'proposal:join': { role: 'facilitator' | 'writer' | 'commenter' | 'reader' };
  'proposal:leave': undefined;
  'plan:join': undefined;
  'plan:leave': undefined;
  'round:join': { facilitator: boolean; partnerId: string | null };
  'round:leave': undefined;
  /** `held`: the idea waits off the board (private mode or pre-moderation); null when it is on it. */
  'idea:post': { ideaId: string; held: HoldReason | null };
  'idea:edit': undefined;
  'idea:delete': undefined;
  'idea:react': undefined;
  /** `onIdea`: the voter's dots on this idea after the change. */
  'idea:vote': { dotsLeft: number; onIdea: number };
  'idea:group': undefined;
  'comment:add': { commentId: string };
  'comment:delete': undefined;
  'mod:hide': undefined;
  'mod:restore': undefined;
  /** The ideas approved (those no longer waiting are skipped). */
  'mod:approve': { approved: string[] };
  /** The ideas hidden or refused (those already hidden or unknown are skipped). */
  'ideas:hide': { hidden: string[] };
  /** The ideas moved (unknown ones are skipped). */
  'ideas:group': { grouped: string[] };
  /** How many of the author's sessions ended. */
  'participant:remove': { sessionsEnded: number };
  'board:reveal': { revealed: number };
  'board:settings': undefined;
  'board:timer': undefined;
  'board:spotlight': undefined;
  'group:create': { groupId: string };
  'group:rename': undefined;
  'group:delete': undefined;
}

export interface PresencePayload {
  boardId: string;
  count: number;
  /** Display names of the first people present (bounded), for the presence list. */
  names: string[];
}

/** Typed maps for socket.io's generics. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientEventPayload<E>,
    ack: (result: Ack<ClientEventResults[E]>) => void,
  ) => void;
};
export interface ProposalChangedPayload {
  proposalId: string;
  what: 'status' | 'comments' | 'versions' | 'projection';
}

export interface ServerToClientEvents {
  presence: (payload: PresencePayload) => void;
  'proposal:changed': (payload: ProposalChangedPayload) => void;
  'plan:changed': (payload: { planId: string }) => void;
  'round:changed': (payload: RoundChangedPayload) => void;
}

export interface RoundChangedPayload {
  roundId: string;
  what: 'ballot' | 'status' | 'scenarios';
  /** The partner whose ballot changed (what = ballot). */
  partnerId: string | null;
}
