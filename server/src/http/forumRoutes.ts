import { Router } from 'express';
import { z } from 'zod';
import {
  EXPORT_FORMATS,
  boardDocName,
  canFacilitate,
  canReadOrganization,
  createBoardBody,
  createForumBody,
  idSchema,
  newId,
  readBoard,
  type BoardDetail,
  type BoardSummary,
  type ForumSummary,
} from '@cocon/shared';
import type { BoardDoc, Database, ForumDoc } from '../db/mongo.js';
import { actorOf, type Session } from '../auth/sessions.js';
import type { CollabService } from '../collab/collabService.js';
import { boardRoleFor, type BoardDirectory } from '../boards/boardAccess.js';
import { initBoard } from '../boards/boardMutations.js';
import { boardToCsv, boardToMarkdown } from '../boards/boardExport.js';
import type { AuditLog } from '../audit/auditLog.js';
import { HttpError, parseOr400 } from './validation.js';
import { requireFacilitator, requireMember, requireSession } from './security.js';

const toBoardSummary = (b: BoardDoc): BoardSummary => ({
  id: b._id,
  forumId: b.forumId,
  title: b.title,
  communityId: b.communityId,
  order: b.order,
});

const facilitates = (s: Session, forum: ForumDoc) => canFacilitate(actorOf(s), forum);

/** Join codes avoid look-alike characters (0/O, 1/I) so they can be read off a projector. */
export function newJoinCode(length = 6): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export function forumRoutes(
  db: Database,
  collab: CollabService,
  boards: BoardDirectory,
  audit: AuditLog,
): Router {
  const router = Router();

  const forumSummary = async (forum: ForumDoc, session: Session): Promise<ForumSummary> => {
    const forumBoards = await db.boards.find({ forumId: forum._id }).sort({ order: 1 }).toArray();
    return {
      id: forum._id,
      title: forum.title,
      description: forum.description,
      joinCode: facilitates(session, forum) ? forum.joinCode : null,
      createdAt: forum.createdAt.toISOString(),
      boards: forumBoards.map(toBoardSummary),
    };
  };

  const forumFor = async (session: Session, forumId: string): Promise<ForumDoc> => {
    const forum = await db.forums.findOne({ _id: parseOr400(idSchema, forumId) });
    const visible =
      forum !== null &&
      (session.kind === 'guest'
        ? session.forumId === forum._id
        : canReadOrganization(actorOf(session), forum));
    if (!forum || !visible) throw new HttpError(404, 'not_found', 'This forum does not exist.');
    return forum;
  };

  /** Creates a board's record and its document, titled, in the collect phase. */
  const createBoard = async (forum: ForumDoc, title: string, communityId: string | null, order: number) => {
    const board: BoardDoc = {
      _id: newId(),
      organizationId: forum.organizationId,
      forumId: forum._id,
      title,
      communityId,
      order,
      createdAt: new Date(),
    };
    await db.boards.insertOne(board);
    await collab.withDocument(boardDocName(board._id), async (managed) => {
      initBoard(managed.doc, title);
      await managed.flush();
    });
    return board;
  };

  router.get('/forums', async (req, res) => {
    const session = requireSession(req);
    const filter =
      session.kind === 'guest'
        ? { _id: session.forumId ?? '', organizationId: session.organizationId ?? '' }
        : { organizationId: requireMember(req).organizationId };
    const forums = await db.forums.find(filter).sort({ createdAt: -1 }).limit(200).toArray();
    res.json(await Promise.all(forums.map((f) => forumSummary(f, session))));
  });

  router.post('/forums', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(createForumBody, req.body);
    const forum: ForumDoc = {
      _id: newId(),
      organizationId: session.organizationId,
      title: body.title,
      description: body.description,
      joinCode: newJoinCode(),
      createdBy: session.userId,
      createdAt: new Date(),
    };
    await db.forums.insertOne(forum);
    const titles = body.boards.length > 0 ? body.boards : [body.title];
    for (const [index, title] of titles.entries()) await createBoard(forum, title, null, index + 1);
    await audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'forum:create',
      targetKind: 'forum',
      targetId: forum._id,
      details: { title: forum.title },
    });
    res.status(201).json(await forumSummary(forum, session));
  });

  router.get('/forums/:forumId', async (req, res) => {
    const session = requireSession(req);
    res.json(await forumSummary(await forumFor(session, req.params.forumId), session));
  });

  router.post('/forums/:forumId/boards', async (req, res) => {
    const session = requireFacilitator(req);
    const forum = await forumFor(session, req.params.forumId);
    const body = parseOr400(createBoardBody, req.body);
    const last = await db.boards.find({ forumId: forum._id }).sort({ order: -1 }).limit(1).toArray();
    if (body.communityId) {
      const community = await db.communities.findOne({
        _id: body.communityId,
        organizationId: forum.organizationId,
      });
      if (!community) throw new HttpError(400, 'invalid', 'No such community here.');
    }
    const board = await createBoard(forum, body.title, body.communityId, (last[0]?.order ?? 0) + 1);
    res.status(201).json(toBoardSummary(board));
  });

  const boardFor = async (session: Session, boardId: string) => {
    const board = await boards.get(parseOr400(idSchema, boardId));
    if (!board || !boardRoleFor(session, board))
      throw new HttpError(404, 'not_found', 'This board does not exist.');
    return board;
  };

  router.get('/boards/:boardId', async (req, res) => {
    const session = requireSession(req);
    const board = await boardFor(session, req.params.boardId);
    const forum = await db.forums.findOne({ _id: board.forumId });
    const detail: BoardDetail = { ...toBoardSummary(board), forumTitle: forum?.title ?? '' };
    res.json(detail);
  });

  router.get('/boards/:boardId/export', async (req, res) => {
    const session = requireFacilitator(req);
    const { format } = parseOr400(z.object({ format: z.enum(EXPORT_FORMATS) }), req.query);
    const board = await boardFor(session, req.params.boardId);
    const forum = await db.forums.findOne({ _id: board.forumId });
    const view = await collab.withDocument(boardDocName(board._id), (managed) =>
      readBoard(managed.doc, null),
    );
    const slug =
      board.title
        .normalize('NFD')
        .replace(/[^\w]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase() || 'tableau';
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${slug}.csv`).send(boardToCsv(view));
    } else {
      res
        .type('text/markdown; charset=utf-8')
        .attachment(`${slug}.md`)
        .send(boardToMarkdown(view, forum?.title ?? ''));
    }
  });

  return router;
}
