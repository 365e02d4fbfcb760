import { Router } from 'express';
import { z } from 'zod';
import {
  EXPORT_FORMATS,
  RESULTS_EXPORT_FORMATS,
  createBoardBody,
  createForumBody,
  idSchema,
} from '@cocon/shared';
import type { ForumService } from '../boards/forumService.js';
import { boardToCsv, boardToMarkdown } from '../boards/boardExport.js';
import { resultsToCsv, resultsToPdf } from '../boards/boardResultsExport.js';
import { parseOr400 } from './validation.js';
import { fileSlug } from './fileName.js';
import { requireSession } from './security.js';

/** Forums and boards; the rules and the organisation's bounds live in ForumService. */
export function forumRoutes(forums: ForumService): Router {
  const router = Router();
  const id = (value: string | undefined) => parseOr400(idSchema, value);

  router.get('/forums', async (req, res) => {
    res.json(await forums.list(requireSession(req)));
  });

  router.post('/forums', async (req, res) => {
    const session = requireSession(req);
    res.status(201).json(await forums.create(session, parseOr400(createForumBody, req.body)));
  });

  router.get('/forums/:forumId', async (req, res) => {
    res.json(await forums.get(requireSession(req), id(req.params.forumId)));
  });

  router.post('/forums/:forumId/boards', async (req, res) => {
    const session = requireSession(req);
    const body = parseOr400(createBoardBody, req.body);
    res.status(201).json(await forums.addBoard(session, id(req.params.forumId), body));
  });

  router.get('/boards/:boardId', async (req, res) => {
    res.json(await forums.board(requireSession(req), id(req.params.boardId)));
  });

  router.get('/boards/:boardId/export', async (req, res) => {
    const session = requireSession(req);
    const { format } = parseOr400(z.object({ format: z.enum(EXPORT_FORMATS) }), req.query);
    const { board, forumTitle, view } = await forums.exportView(session, id(req.params.boardId));
    const slug = fileSlug(board.title, 'tableau');
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${slug}.csv`).send(boardToCsv(view));
    } else {
      res
        .type('text/markdown; charset=utf-8')
        .attachment(`${slug}.md`)
        .send(boardToMarkdown(view, forumTitle));
    }
  });

  // The ranked results (facilitators, like the export above), with the board's name, date and counts.
  router.get('/boards/:boardId/results/export', async (req, res) => {
    const session = requireSession(req);
    const { format } = parseOr400(z.object({ format: z.enum(RESULTS_EXPORT_FORMATS) }), req.query);
    const { board, forumTitle, view } = await forums.resultsView(session, id(req.params.boardId));
    const heading = { boardTitle: view.meta.title || board.title, forumTitle, at: new Date() };
    const name = `${fileSlug(board.title, 'tableau')}-resultats`;
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(resultsToCsv(view, heading));
    } else {
      res
        .type('application/pdf')
        .attachment(`${name}.pdf`)
        .send(await resultsToPdf(view, heading));
    }
  });

  return router;
}
