import {
  LIMITS,
  boardDocName,
  boardMaps,
  holdingMaps,
  readMeta,
  moderationDocName,
  type Ack,
  type BoardMine,
  type ClientEventData,
  type ClientEventName,
  type ClientEventResults,
} from '@cocon/shared';
import type * as Y from 'yjs';
import type { CollabService } from '../collab/collabService.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Session } from '../auth/sessions.js';
import { boardRoleFor, type BoardDirectory } from './boardAccess.js';
import * as m from './boardMutations.js';
import { groupIdeas, hideIdeas } from './boardBulk.js';
import type { PostingPace } from './postingPace.js';
import type { Pseudonyms } from './pseudonyms.js';

/**
 * Events that join and leave rooms, only read, or act on the forum rather than a board document
 * (`participant:remove`, see forumRemovals.ts); every other client event is a board intent.
 */
export const ROOM_EVENTS = [
  'participant:remove',
  'board:join',
  'board:leave',
  'board:mine',
  'proposal:join',
  'proposal:leave',
  'plan:join',
  'plan:leave',
  'round:join',
  'round:leave',
] as const;
export type IntentName = Exclude<ClientEventName, (typeof ROOM_EVENTS)[number]>;

type Handler<E extends IntentName> = (
  ctx: {
    board: Y.Doc;
    moderation: () => Promise<Y.Doc>;
    /** The moderation document when this intent may need it (see needsModeration), else null. */
    holding: () => Promise<Y.Doc | null>;
    actor: m.Actor;
    now: number;
  },
  input: ClientEventData<E>,
) => m.MutationResult<ClientEventResults[E]> | Promise<m.MutationResult<ClientEventResults[E]>>;

const handlers: { [E in IntentName]: Handler<E> } = {
  'idea:post': async ({ board, holding, actor, now }, input) =>
    m.postIdea(board, actor, input, now, await holding()),
  'idea:edit': async ({ board, holding, actor, now }, input) =>
    m.editIdea(board, actor, input, now, await holding()),
  'idea:delete': async ({ board, holding, actor }, input) =>
    m.deleteIdea(board, actor, input, await holding()),
  'idea:react': ({ board, actor }, input) => m.reactToIdea(board, actor, input),
  'idea:vote': async ({ board, holding, actor }, input) => m.voteOnIdea(board, actor, input, await holding()),
  'idea:group': ({ board, actor }, input) => m.groupIdea(board, actor, input),
  'comment:add': ({ board, actor, now }, input) => m.addComment(board, actor, input, now),
  'comment:delete': ({ board, actor }, input) => m.deleteComment(board, actor, input),
  'mod:hide': async ({ board, moderation, actor, now }, input) =>
    m.hideIdea(board, await moderation(), actor, input, now),
  'mod:restore': async ({ board, moderation, actor }, input) =>
    m.restoreIdea(board, await moderation(), actor, input),
  'mod:approve': async ({ board, moderation, actor }, input) =>
    m.approveIdeas(board, await moderation(), actor, input),
  'ideas:hide': async ({ board, moderation, actor, now }, input) =>
    hideIdeas(board, await moderation(), actor, input, now),
  'ideas:group': ({ board, actor }, input) => groupIdeas(board, actor, input),
  'board:reveal': async ({ board, moderation, actor }, input) =>
    m.reveal(board, await moderation(), actor, input),
  'board:settings': async ({ board, holding, actor }, input) =>
    m.updateSettings(board, actor, input, await holding()),
  'board:timer': ({ board, actor, now }, input) => m.controlTimer(board, actor, input, now),
  'board:spotlight': ({ board, actor }, input) => m.spotlightIdea(board, actor, input),
  'group:create': ({ board, actor }, input) => m.createGroup(board, actor, input),
  'group:rename': ({ board, actor }, input) => m.renameGroup(board, actor, input),
  'group:delete': ({ board, actor }, input) => m.deleteGroup(board, actor, input),
};

/** Intents whose success goes to the audit log, with the details worth keeping. */
const AUDITED: Partial<
  Record<IntentName, (input: Record<string, unknown>) => Record<string, string | number | boolean | null>>
> = {
  'mod:hide': (i) => ({ ideaId: i.ideaId as string, reason: i.reason as string }),
  'mod:restore': (i) => ({ ideaId: i.ideaId as string }),
  'mod:approve': (i) => ({ ideaIds: (i.ideaIds as string[]).join(',') }),
  'ideas:hide': (i) => ({ ideaIds: (i.ideaIds as string[]).join(','), reason: i.reason as string }),
  'ideas:group': (i) => ({
    ideaIds: (i.ideaIds as string[]).join(','),
    groupId: (i.groupId as string | null) ?? null,
  }),
  'board:reveal': (i) => ({ what: i.what as string }),
  'idea:delete': (i) => ({ ideaId: i.ideaId as string }),
  'board:settings': (i) => {
    const { boardId: _boardId, ...rest } = i;
    return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v as string | number | boolean]));
  },
  'board:spotlight': (i) => ({ ideaId: (i.ideaId as string | null) ?? null }),
};

/**
 * Applies validated board intents: resolves the actor's role, holds the board document open,
 * runs the rule in boardMutations and records moderation in the audit log.
 */
export class BoardIntents {
  constructor(
    private readonly collab: CollabService,
    private readonly boards: BoardDirectory,
    private readonly audit: AuditLog,
    private readonly pseudonyms: Pseudonyms,
    private readonly pace: PostingPace,
  ) {}

  /** Who the session is on the board (its pseudonym and role), or null when it may not see it. */
  private async actorOn(session: Session, boardId: string): Promise<m.Actor | null> {
    const boardDoc = await this.boards.get(boardId);
    const role = boardDoc ? boardRoleFor(session, boardDoc) : null;
    if (!boardDoc || !role) return null;
    return {
      id: await this.pseudonyms.boardKey(boardId, session.userId),
      name: session.displayName,
      role,
      anonymousKey: await this.pseudonyms.anonymousKeyFn(boardId, session.userId),
    };
  }

  /** The viewer's own held ideas, hidden dots and hidden ideas' reasons (`board:mine`). */
  async mine(session: Session, boardId: string): Promise<Ack<BoardMine>> {
    const actor = await this.actorOn(session, boardId);
    if (!actor) return { ok: false, error: { code: 'not_found', message: 'This board does not exist.' } };
    const data = await this.collab.withDocument(boardDocName(boardId), (board) =>
      this.collab.withDocument(moderationDocName(boardId), (moderation) =>
        m.readMine(board.doc, moderation.doc, actor),
      ),
    );
    return { ok: true, data };
  }

  /**
   * The board's posting pace for a participant's new idea: null when it claimed the person's next
   * slot, 0 when there is no pace or the post is a retry of an idea already taken (answered as
   * before), else the milliseconds left to wait. Keyed by the person (their user id), so every
   * connection and instance shares it.
   */
  private async claimPace(
    board: Y.Doc,
    moderation: () => Promise<Y.Doc>,
    boardId: string,
    userId: string,
    input: unknown,
  ): Promise<number | null> {
    const seconds = readMeta(board).postingPaceSeconds;
    if (seconds <= 0) return 0;
    const ideaId = (input as { ideaId: string }).ideaId;
    if (boardMaps(board).ideas.has(ideaId)) return 0;
    if (boardMaps(board).meta.get('holdingUsed') === true && holdingMaps(await moderation()).held.has(ideaId))
      return 0;
    const wait = await this.pace.claim(boardId, userId, seconds);
    return wait > 0 ? wait : null;
  }

  async apply<E extends IntentName>(
    session: Session,
    event: E,
    input: ClientEventData<E>,
  ): Promise<Ack<ClientEventResults[E]>> {
    const boardId = (input as { boardId: string }).boardId;
    const actor = await this.actorOn(session, boardId);
    if (!actor) return { ok: false, error: { code: 'not_found', message: 'This board does not exist.' } };

    let moderationHeld: Awaited<ReturnType<CollabService['acquire']>> | null = null;
    /** This post claimed the person's next slot of the board's pace. */
    let paced = false;
    try {
      const result = await this.collab.withDocument(boardDocName(boardId), async (managed) => {
        if (!managed.fitsWithin(LIMITS.yjsDocumentMaxBytes, 0)) {
          return {
            ok: false as const,
            code: 'too_large' as const,
            message: 'This board has reached its size limit.',
          };
        }
        const handler = handlers[event] as Handler<E>;
        const moderation = async () => {
          moderationHeld ??= await this.collab.acquire(moderationDocName(boardId));
          return moderationHeld.doc;
        };
        if (event === 'idea:post' && actor.role !== 'facilitator') {
          const waitMs = await this.claimPace(managed.doc, moderation, boardId, session.userId, input);
          if (waitMs === null) paced = true;
          else if (waitMs > 0) {
            return {
              ok: false as const,
              code: 'rate_limited' as const,
              message: `One idea every ${readMeta(managed.doc).postingPaceSeconds} s on this board: wait ${Math.ceil(waitMs / 1000)} s.`,
              retryAfterMs: waitMs,
            };
          }
        }
        return handler(
          {
            board: managed.doc,
            actor,
            now: Date.now(),
            moderation,
            holding: async () =>
              m.needsModeration(managed.doc, actor.role, event, input as Record<string, unknown>)
                ? await moderation()
                : null,
          },
          input,
        );
      });
      if (!result.ok) {
        // A post refused for another reason (locked, wrong phase) does not spend the pace.
        if (paced) await this.pace.release(boardId, session.userId);
        const retryAfterMs = 'retryAfterMs' in result ? result.retryAfterMs : undefined;
        return {
          ok: false,
          error: {
            code: result.code,
            message: result.message,
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          },
        };
      }
      const audited = AUDITED[event];
      if (audited) {
        await this.audit.record({
          organizationId: session.organizationId,
          actorId: session.userId,
          actorName: actor.name,
          action: event,
          targetKind: 'board',
          targetId: boardId,
          details: audited(input as Record<string, unknown>),
        });
      }
      return { ok: true, data: result.data };
    } finally {
      if (moderationHeld) this.collab.release(moderationHeld);
    }
  }
}
