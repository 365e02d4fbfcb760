import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  addCommentBody,
  createProposalBody,
  foldForSearch,
  idSchema,
  listProposalsQuery,
  replyBody,
  resolveBody,
  saveVersionBody,
  transitionBody,
  type ProposalHistoryEntry,
} from '@cocon/shared';
import type { Database, ProposalDoc } from '../db/mongo.js';
import type { AuditLog } from '../audit/auditLog.js';
import { toSummary, type ProposalService } from '../proposals/proposalService.js';
import type { ProposalComments } from '../proposals/proposalComments.js';
import type { PlanService } from '../plan/planService.js';
import { canComment, canWrite } from '../proposals/proposalAccess.js';
import { HttpError, parseOr400 } from './validation.js';
import { fileSlug } from './fileName.js';
import { proposalToDocx, proposalToPdf } from '../proposals/proposalDocument.js';
import { requireMember, requireSession } from './security.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function proposalRoutes(
  db: Database,
  proposals: ProposalService,
  comments: ProposalComments,
  plans: PlanService,
  audit: AuditLog,
) {
  const router = Router();
  const idParam = (req: Request, name = 'proposalId') => parseOr400(idSchema, req.params[name]);
  const shareOf = (req: Request) =>
    typeof req.query.share === 'string' ? req.query.share.slice(0, 100) : null;

  /** Lists from the projection: by community, theme, MRC, status; search folds case and accents. */
  router.get('/proposals', async (req, res) => {
    // Forum guests hold no account: proposals are for the organisation's people.
    const { organizationId } = requireMember(req);
    const query = parseOr400(listProposalsQuery, req.query);
    const filter: Record<string, unknown> = { organizationId };
    if (query.communityId) filter.communityId = query.communityId;
    if (query.status) filter.status = query.status;
    if (query.theme) filter['fields.theme'] = query.theme;
    if (query.territory) filter['fields.territories'] = query.territory;
    const q = query.q ? foldForSearch(query.q) : '';
    if (q) filter.searchText = { $regex: escapeRegex(q) };
    const list = await db.proposals
      .find(filter as Partial<ProposalDoc>, { projection: { text: 0, searchText: 0 } })
      .sort({ statusChangedAt: -1 })
      .limit(500)
      .toArray();
    res.json(list.map(toSummary));
  });

  router.post('/proposals', async (req, res) => {
    const session = requireSession(req);
    const body = parseOr400(createProposalBody, req.body);
    const proposal = await proposals.create(session, body);
    const { role } = await proposals.access(session, proposal._id);
    res.status(201).json(proposals.detail(proposal, role));
  });

  router.get('/proposals/:proposalId', async (req, res) => {
    const { proposal, role } = await proposals.access(req.session, idParam(req), shareOf(req));
    res.json(proposals.detail(proposal, role));
  });

  // The proposal to print or circulate, as it reads now: whoever may read it may download it.
  router.get('/proposals/:proposalId/export', async (req, res) => {
    const { format } = parseOr400(z.object({ format: z.enum(['pdf', 'docx']) }), req.query);
    const content = await proposals.documentContent(req.session, idParam(req), shareOf(req));
    const name = fileSlug(content.fields.title, 'proposition');
    if (format === 'pdf') {
      res
        .type('application/pdf')
        .attachment(`${name}.pdf`)
        .send(await proposalToPdf(content));
      return;
    }
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .attachment(`${name}.docx`)
      .send(await proposalToDocx(content));
  });

  router.post('/proposals/:proposalId/transition', async (req, res) => {
    const session = requireSession(req);
    const body = parseOr400(transitionBody, req.body);
    // The chosen plan is checked before the status moves: the roll-up runs after it.
    if (body.action === 'adopt' && body.planId)
      await plans.adoptionPlan(session.organizationId ?? '', body.planId);
    const proposal = await proposals.transition(session, idParam(req), body.action, body.reason, body.planId);
    const { role } = await proposals.access(session, proposal._id);
    res.json(proposals.detail(proposal, role));
  });

  router.post('/proposals/:proposalId/share', async (req, res) => {
    const token = await proposals.replaceShareToken(requireSession(req), idParam(req));
    res.json({ shareToken: token });
  });

  router.get('/proposals/:proposalId/history', async (req, res) => {
    const session = requireSession(req);
    const { proposal } = await proposals.access(session, idParam(req));
    const entries = await audit.forTarget(proposal.organizationId, proposal._id);
    const history: ProposalHistoryEntry[] = entries.map((e) => ({
      at: e.at.toISOString(),
      actorName: e.actorName,
      action: e.action,
      details: e.details,
    }));
    res.json(history);
  });

  router.get('/proposals/:proposalId/versions', async (req, res) => {
    await proposals.access(req.session, idParam(req), shareOf(req));
    res.json(await proposals.versions(idParam(req)));
  });

  router.post('/proposals/:proposalId/versions', async (req, res) => {
    const session = requireSession(req);
    const { role } = await proposals.access(session, idParam(req));
    if (!canWrite(role)) throw new HttpError(403, 'forbidden', 'Only writers can save versions.');
    const body = parseOr400(saveVersionBody, req.body);
    res.status(201).json(await proposals.saveVersion(session, idParam(req), body.name));
  });

  router.get('/proposals/:proposalId/versions/:versionId', async (req, res) => {
    await proposals.access(req.session, idParam(req), shareOf(req));
    res.json(await proposals.version(idParam(req), idParam(req, 'versionId')));
  });

  router.post('/proposals/:proposalId/versions/:versionId/restore', async (req, res) => {
    const session = requireSession(req);
    await proposals.restore(session, idParam(req), idParam(req, 'versionId'));
    res.status(204).end();
  });

  router.get('/proposals/:proposalId/diff', async (req, res) => {
    await proposals.access(req.session, idParam(req), shareOf(req));
    const { from, to } = parseOr400(
      z.object({ from: idSchema, to: z.union([idSchema, z.literal('current')]) }),
      { from: req.query.from, to: req.query.to },
    );
    res.json(await proposals.diff(idParam(req), from, to));
  });

  router.get('/proposals/:proposalId/comments', async (req, res) => {
    await proposals.access(req.session, idParam(req), shareOf(req));
    res.json(await comments.list(idParam(req)));
  });

  const commenter = async (req: Request) => {
    const session = requireSession(req);
    const { role } = await proposals.access(session, idParam(req));
    if (!canComment(role)) throw new HttpError(403, 'forbidden', 'Sign in to comment.');
    return session;
  };

  router.post('/proposals/:proposalId/comments', async (req, res) => {
    const session = await commenter(req);
    const body = parseOr400(addCommentBody, req.body);
    const comment = await comments.add(session, idParam(req), body.anchor, body.text);
    proposals.commentsChanged(idParam(req));
    res.status(201).json(comment);
  });

  router.post('/proposals/:proposalId/comments/:commentId/replies', async (req, res) => {
    const session = await commenter(req);
    const body = parseOr400(replyBody, req.body);
    const comment = await comments.reply(session, idParam(req), idParam(req, 'commentId'), body.text);
    proposals.commentsChanged(idParam(req));
    res.status(201).json(comment);
  });

  router.post('/proposals/:proposalId/comments/:commentId/resolve', async (req, res) => {
    const session = await commenter(req);
    const body = parseOr400(resolveBody, req.body);
    const comment = await comments.resolve(session, idParam(req), idParam(req, 'commentId'), body.resolved);
    proposals.commentsChanged(idParam(req));
    res.json(comment);
  });

  return router;
}
