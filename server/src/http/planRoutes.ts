import express, { Router, type Request } from 'express';
import { z } from 'zod';
import {
  addMeasurementBody,
  addMilestoneBody,
  addNoteBody,
  createPlanBody,
  idSchema,
  updateActionBody,
  updatePlanBody,
  type ImportedPlan,
} from '@cocon/shared';
import { type PlanService } from '../plan/planService.js';
import { PLAN_EXPORT_FORMATS } from '../plan/planExport.js';
import { HttpError, parseOr400 } from './validation.js';
import { fileSlug } from './fileName.js';
import { requireFacilitator, requireMember } from './security.js';

/**
 * Plans belong to an organisation: every account of it reads them (partners follow them), its
 * facilitators change them. A plan (or item) of another organisation is "not found".
 */
export function planRoutes(plans: PlanService, parsePlan: (text: string) => ImportedPlan): Router {
  const router = Router();
  const id = (req: Request, name: string) => parseOr400(idSchema, req.params[name]);

  /** `?archived=1` lists archived plans too. */
  router.get('/plans', async (req, res) => {
    const session = requireMember(req);
    const { archived } = parseOr400(
      z.object({ archived: z.enum(['0', '1', 'true', 'false']).optional() }),
      req.query,
    );
    res.json(
      await plans.store.list(session.organizationId, { archived: archived === '1' || archived === 'true' }),
    );
  });

  router.post('/plans', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(createPlanBody, req.body);
    const plan = await plans.create(session, body);
    res.status(201).json(await plans.view(session, plan._id));
  });

  router.get('/plans/:planId', async (req, res) => {
    const session = requireMember(req);
    res.json(await plans.view(session, id(req, 'planId')));
  });

  /** Renames, archives or unarchives. */
  router.patch('/plans/:planId', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(updatePlanBody, req.body);
    res.json(await plans.update(session, id(req, 'planId'), body));
  });

  /** Deletes the plan and its items; 409 in_use when its fund has a round. */
  router.delete('/plans/:planId', async (req, res) => {
    const session = requireFacilitator(req);
    await plans.remove(session, id(req, 'planId'));
    res.status(204).end();
  });

  /**
   * The plan file travels as text/plain (it is larger than JSON bodies may be). `planId` imports
   * into an existing plan; without it a plan is created, named after the file.
   */
  router.post('/plans/import', express.text({ type: 'text/plain', limit: '2mb' }), async (req, res) => {
    const session = requireFacilitator(req);
    if (typeof req.body !== 'string' || req.body.trim() === '')
      throw new HttpError(400, 'invalid', 'Send the plan as text/plain.');
    const query = parseOr400(
      z.object({
        planId: idSchema.optional(),
        dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
        skipErrors: z.enum(['0', '1', 'true', 'false']).optional(),
      }),
      req.query,
    );
    let parsed: ImportedPlan;
    try {
      parsed = parsePlan(req.body);
    } catch (error) {
      throw new HttpError(
        400,
        'invalid',
        error instanceof Error ? error.message : 'Unrecognized plan format.',
      );
    }
    const flag = (v: string | undefined) => v === '1' || v === 'true';
    const report = await plans.importPlan(session, parsed, {
      planId: query.planId,
      dryRun: flag(query.dryRun),
      skipErrors: flag(query.skipErrors),
    });
    res.status(report.written ? 201 : 200).json(report);
  });

  router.get('/plans/:planId/export', async (req, res) => {
    const session = requireMember(req);
    const { format } = parseOr400(z.object({ format: z.enum(PLAN_EXPORT_FORMATS) }), req.query);
    const planId = id(req, 'planId');
    const file = await plans.export(session, planId, format);
    // Named after the plan ("plan-d-action-2026.pdf"), as the body will circulate it.
    res
      .type(file.type)
      .attachment(`${fileSlug(file.title, 'plan')}.${file.extension}`)
      .send(file.body);
  });

  router.patch('/plans/:planId/actions/:actionId', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(updateActionBody, req.body);
    await plans.updateAction(session, id(req, 'planId'), id(req, 'actionId'), body);
    res.status(204).end();
  });

  router.post('/plans/:planId/actions/:actionId/milestones', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(addMilestoneBody, req.body);
    await plans.addMilestone(session, id(req, 'planId'), id(req, 'actionId'), body);
    res.status(201).end();
  });

  router.post('/plans/:planId/indicators/:indicatorId/measurements', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(addMeasurementBody, req.body);
    await plans.addMeasurement(session, id(req, 'planId'), id(req, 'indicatorId'), body);
    res.status(201).end();
  });

  router.post('/plans/:planId/indicators/:indicatorId/notes', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(addNoteBody, req.body);
    await plans.addNote(session, id(req, 'planId'), id(req, 'indicatorId'), body);
    res.status(201).end();
  });

  for (const [kind, list] of [
    ['indicators', 'measurements'],
    ['indicators', 'notes'],
    ['actions', 'milestones'],
  ] as const) {
    router.delete(`/plans/:planId/${kind}/:itemId/${list}/:entryId`, async (req, res) => {
      const session = requireFacilitator(req);
      await plans.removeEntry(session, id(req, 'planId'), id(req, 'itemId'), list, id(req, 'entryId'));
      res.status(204).end();
    });
  }

  router.patch('/plans/:planId/actions/:actionId/milestones/:milestoneId', async (req, res) => {
    const session = requireFacilitator(req);
    const { done } = parseOr400(z.object({ done: z.boolean() }).strict(), req.body);
    await plans.setMilestoneDone(
      session,
      id(req, 'planId'),
      id(req, 'actionId'),
      id(req, 'milestoneId'),
      done,
    );
    res.status(204).end();
  });

  return router;
}
