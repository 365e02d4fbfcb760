import {
  boardDocName,
  boardRole,
  moderationDocName,
  readHiddenVotes,
  withHiddenVotes,
  canFacilitate,
  canReadOrganization,
  newId,
  readBoard,
  type BoardDetail,
  type BoardSummary,
  type BoardView,
  type ForumSummary,
} from '@cocon/shared';
import type { BoardDoc, Database, ForumDoc } from '../db/mongo.js';
import { actorOf, type Session } from '../auth/sessions.js';
import type { CollabService } from '../collab/collabService.js';
import type { AuditLog } from '../audit/auditLog.js';
import { AppError } from '../util/appError.js';
import { initBoard } from './boardMutations.js';
import type { BoardDirectory } from './boardAccess.js';

export class ForumError extends AppError {}

/** Join codes avoid look-alike characters (0/O, 1/I) so they can be read off a projector. */
export function newJoinCode(length = 6): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

const toBoardSummary = (b: BoardDoc): BoardSummary => ({
  id: b._id,
  forumId: b.forumId,
  title: b.title,
  communityId: b.communityId,
  order: b.order,
});

/**
 * Open forums and their boards, inside the acting session's organisation: facilitators create
 * them, accounts of the organisation see them, a guest sees the one forum they joined.
 */
export class ForumService {
  constructor(
    private readonly db: Database,
    private readonly collab: CollabService,
    private readonly boards: BoardDirectory,
    private readonly audit: AuditLog,
  ) {}

  async list(session: Session): Promise<ForumSummary[]> {
    const orgId = session.organizationId ?? '';
    const filter =
      session.kind === 'guest'
        ? { _id: session.forumId ?? '', organizationId: orgId }
        : canReadOrganization(actorOf(session), { organizationId: orgId })
          ? { organizationId: orgId }
          : null;
    if (!filter) throw new ForumError(403, 'forbidden', 'Sign in with an account of this organisation.');
    const forums = await this.db.forums.find(filter).sort({ createdAt: -1 }).limit(200).toArray();
    return Promise.all(forums.map((f) => this.summary(f, session)));
  }

  async get(session: Session, forumId: string): Promise<ForumSummary> {
    return this.summary(await this.visibleForum(session, forumId), session);
  }

  async create(
    session: Session,
    input: { title: string; description: string; boards: string[] },
  ): Promise<ForumSummary> {
    const orgId = this.facilitated(session);
    const forum: ForumDoc = {
      _id: newId(),
      organizationId: orgId,
      title: input.title,
      description: input.description,
      joinCode: newJoinCode(),
      createdBy: session.userId,
      createdAt: new Date(),
    };
    await this.db.forums.insertOne(forum);
    const titles = input.boards.length > 0 ? input.boards : [input.title];
    for (const [index, title] of titles.entries()) await this.insertBoard(forum, title, null, index + 1);
    await this.audit.record({
      organizationId: orgId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'forum:create',
      targetKind: 'forum',
      targetId: forum._id,
      details: { title: forum.title },
    });
    return this.summary(forum, session);
  }

  async addBoard(
    session: Session,
    forumId: string,
    input: { title: string; communityId: string | null },
  ): Promise<BoardSummary> {
    this.facilitated(session);
    const forum = await this.visibleForum(session, forumId);
    if (input.communityId) {
      const community = await this.db.communities.findOne({
        _id: input.communityId,
        organizationId: forum.organizationId,
      });
      if (!community) throw new ForumError(400, 'invalid', 'No such community here.');
    }
    const last = await this.db.boards.find({ forumId: forum._id }).sort({ order: -1 }).limit(1).toArray();
    const board = await this.insertBoard(forum, input.title, input.communityId, (last[0]?.order ?? 0) + 1);
    return toBoardSummary(board);
  }

  async board(session: Session, boardId: string): Promise<BoardDetail> {
    const board = await this.visibleBoard(session, boardId);
    const forum = await this.db.forums.findOne({ _id: board.forumId });
    return { ...toBoardSummary(board), forumTitle: forum?.title ?? '' };
  }

  /** A board's visible content for an export (facilitators). */
  async exportView(
    session: Session,
    boardId: string,
  ): Promise<{ board: BoardDoc; forumTitle: string; view: BoardView }> {
    this.facilitated(session);
    const board = await this.visibleBoard(session, boardId);
    const forum = await this.db.forums.findOne({ _id: board.forumId });
    const view = await this.collab.withDocument(boardDocName(board._id), (managed) =>
      readBoard(managed.doc, null),
    );
    return { board, forumTitle: forum?.title ?? '', view };
  }

  /**
   * The view the results export ranks: the export's, plus the dots placed while totals are hidden
   * (kept in the moderation document until the reveal), which facilitators see on their board too.
   */
  async resultsView(
    session: Session,
    boardId: string,
  ): Promise<{ board: BoardDoc; forumTitle: string; view: BoardView }> {
    const exported = await this.exportView(session, boardId);
    if (!exported.view.meta.votesHidden) return exported;
    const hiddenVotes = await this.collab.withDocument(moderationDocName(exported.board._id), (managed) =>
      readHiddenVotes(managed.doc),
    );
    return {
      ...exported,
      view: { ...exported.view, ideas: withHiddenVotes(exported.view.ideas, hiddenVotes) },
    };
  }

  private async summary(forum: ForumDoc, session: Session): Promise<ForumSummary> {
    const boards = await this.db.boards.find({ forumId: forum._id }).sort({ order: 1 }).toArray();
    return {
      id: forum._id,
      title: forum.title,
      description: forum.description,
      joinCode: canFacilitate(actorOf(session), forum) ? forum.joinCode : null,
      createdAt: forum.createdAt.toISOString(),
      boards: boards.map(toBoardSummary),
    };
  }

  /** The forum, when the session may see it; otherwise a 404 as if it did not exist. */
  private async visibleForum(session: Session, forumId: string): Promise<ForumDoc> {
    const forum = await this.db.forums.findOne({ _id: forumId });
    const visible =
      forum !== null &&
      (session.kind === 'guest'
        ? session.forumId === forum._id
        : canReadOrganization(actorOf(session), forum));
    if (!forum || !visible) throw new ForumError(404, 'not_found', 'This forum does not exist.');
    return forum;
  }

  private async visibleBoard(session: Session, boardId: string): Promise<BoardDoc> {
    const board = await this.boards.get(boardId);
    if (!board || !boardRole(actorOf(session), board)) {
      throw new ForumError(404, 'not_found', 'This board does not exist.');
    }
    return board;
  }

  private facilitated(session: Session): string {
    const orgId = session.organizationId;
    if (!orgId || !canFacilitate(actorOf(session), { organizationId: orgId })) {
      throw new ForumError(403, 'forbidden', 'Facilitators only.');
    }
    return orgId;
  }

  /** Creates a board's record and its document, titled, in the collect phase. */
  private async insertBoard(forum: ForumDoc, title: string, communityId: string | null, order: number) {
    const board: BoardDoc = {
      _id: newId(),
      organizationId: forum.organizationId,
      forumId: forum._id,
      title,
      communityId,
      order,
      createdAt: new Date(),
    };
    await this.db.boards.insertOne(board);
    await this.collab.withDocument(boardDocName(board._id), async (managed) => {
      initBoard(managed.doc, title);
      await managed.flushOrKeep();
    });
    return board;
  }
}
