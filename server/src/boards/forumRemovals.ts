import {
  boardDocName,
  canModerateBoard,
  canRemoveFromForum,
  holdingMaps,
  moderationDocName,
  readHeldRecord,
  readIdeaRecord,
  type Ack,
  type ClientEventData,
  type ClientEventResults,
} from '@cocon/shared';
import type { AuditLog } from '../audit/auditLog.js';
import type { Session, SessionStore } from '../auth/sessions.js';
import type { CollabService } from '../collab/collabService.js';
import type { Database } from '../db/mongo.js';
import { boardRoleFor, type BoardDirectory } from './boardAccess.js';
import type { Pseudonyms } from './pseudonyms.js';

const removalId = (forumId: string, guestId: string) => `${forumId}:${guestId}`;

/** Whether a guest (by their device's id in the forum) was removed from the forum. */
export async function isRemovedFromForum(db: Database, forumId: string, guestId: string): Promise<boolean> {
  // A find by _id, not countDocuments (an aggregation, several times slower on FerretDB).
  const found = await db.forumRemovals.findOne(
    { _id: removalId(forumId, guestId) },
    { projection: { _id: 1 } },
  );
  return found !== null;
}

/**
 * A facilitator removes the author of an idea from the forum. Board documents know authors only
 * by pseudonym, so the server finds the guest among the forum's guests (live sessions and names
 * taken) whose pseudonym, or anonymous key for that idea, is the idea's author key. Then it records
 * the removal (their device is refused when it rejoins: `/api/forums/join` answers
 * `removed_from_forum`) and ends every session of theirs through the session store, which closes
 * their socket.io and /yjs connections here and, through Redis, on every instance.
 */
export class ForumRemovals {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionStore,
    private readonly pseudonyms: Pseudonyms,
    private readonly collab: CollabService,
    private readonly boards: BoardDirectory,
    private readonly audit: AuditLog,
  ) {}

  async remove(
    session: Session,
    input: ClientEventData<'participant:remove'>,
  ): Promise<Ack<ClientEventResults['participant:remove']>> {
    const board = await this.boards.get(input.boardId);
    const role = board ? boardRoleFor(session, board) : null;
    if (!board || !role)
      return { ok: false, error: { code: 'not_found', message: 'This board does not exist.' } };
    if (!canModerateBoard(role))
      return { ok: false, error: { code: 'forbidden', message: 'Only facilitators can do this.' } };
    const authorId = await this.authorOf(input.boardId, input.ideaId);
    if (!authorId) return { ok: false, error: { code: 'not_found', message: 'This idea does not exist.' } };
    const guestId = await this.findGuest(board.forumId, input.boardId, input.ideaId, authorId);
    if (!guestId || !canRemoveFromForum(role, { kind: 'guest' })) {
      return {
        ok: false,
        error: { code: 'forbidden', message: 'Only guests can be removed from a forum.' },
      };
    }
    await this.db.forumRemovals.updateOne(
      { _id: removalId(board.forumId, guestId) },
      {
        $setOnInsert: {
          forumId: board.forumId,
          organizationId: board.organizationId,
          guestId,
          removedAt: new Date(),
          removedBy: session.userId,
        },
      },
      { upsert: true },
    );
    const ended = await this.sessions.destroyAllOf(guestId);
    await this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'participant:remove',
      targetKind: 'forum',
      targetId: board.forumId,
      details: { boardId: input.boardId, ideaId: input.ideaId, guestId, sessionsEnded: ended.length },
    });
    return { ok: true, data: { sessionsEnded: ended.length } };
  }

  /** The idea's author key: on the board (also a hidden tombstone's), or held off it. */
  private async authorOf(boardId: string, ideaId: string): Promise<string | null> {
    const onBoard = await this.collab.withDocument(boardDocName(boardId), (managed) => {
      const authorId = readIdeaRecord(managed.doc, ideaId)?.authorId;
      return authorId ? authorId : null;
    });
    if (onBoard) return onBoard;
    return this.collab.withDocument(
      moderationDocName(boardId),
      (managed) => readHeldRecord(holdingMaps(managed.doc).held.get(ideaId))?.authorId ?? null,
    );
  }

  private async findGuest(
    forumId: string,
    boardId: string,
    ideaId: string,
    authorId: string,
  ): Promise<string | null> {
    const [live, named] = await Promise.all([
      this.db.sessions.distinct('userId', { kind: 'guest', forumId }),
      this.db.guestNames.distinct('guestId', { forumId }),
    ]);
    for (const guestId of new Set<string>([...live, ...named])) {
      if ((await this.pseudonyms.boardKey(boardId, guestId)) === authorId) return guestId;
      if ((await this.pseudonyms.anonymousKeyFn(boardId, guestId))(ideaId) === authorId) return guestId;
    }
    return null;
  }
}
