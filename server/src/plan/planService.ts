import {
  newId,
  splitProportionally,
  type ImportedPlan,
  type PlanView,
  type UpdateActionBody,
  type UpdatePlanBody,
} from '@cocon/shared';
import type { Database, PlanDoc, PlanItemDoc } from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';
import type { AppEvents } from '../events/appEvents.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ProposalProjector } from '../proposals/proposalProjector.js';
import { PlanStore } from './planStore.js';
import { AppError } from '../util/appError.js';
import {
  planToCsv,
  planToDocx,
  planToJson,
  planToPdf,
  type DocumentContext,
  type Lookups,
  type PlanExportFormat,
  type PlanFunding,
  type PlanFundingSource,
} from './planExport.js';

/** A refusal from the plan rules (rendered by the HTTP error handler). */
export class PlanError extends AppError {}

export interface ImportReport {
  format: ImportedPlan['format'];
  title: string;
  counts: { themes: number; objectives: number; actions: number; indicators: number; timelines: number };
  unrecognized: ImportedPlan['unrecognized'];
  written: boolean;
  planId: string | null;
}

export function countImported(plan: ImportedPlan): ImportReport['counts'] {
  const objectives = plan.themes.flatMap((t) => t.objectives);
  const actions = objectives.flatMap((o) => o.actions);
  return {
    themes: plan.themes.length,
    objectives: objectives.length,
    actions: actions.length,
    indicators: actions.reduce((n, a) => n + a.indicators.length, 0),
    timelines: actions.filter((a) => a.timeline.trim().length > 0).length,
  };
}

/** The organisation a session acts in; a session in none reaches no plan. */
export function organizationOf(session: Session): string {
  if (!session.organizationId)
    throw new PlanError(403, 'forbidden', 'Sign in with an account of this organisation.');
  return session.organizationId;
}

const NO_PLAN = 'This plan does not exist.';

/**
 * The plan's lives: imports, adoption roll-up, progress updates, renaming, archiving, deleting;
 * announces every change. Every plan belongs to an organisation: a session reaches only the plans
 * (and their items) of the organisation it acts in; any other is "not found".
 */
export class PlanService {
  readonly store: PlanStore;

  constructor(
    private readonly db: Database,
    private readonly projector: ProposalProjector,
    private readonly audit: AuditLog,
    /** The fund's decisions on a plan, for the exports (FundLedger). */
    private readonly funding: PlanFundingSource,
    /** Told of every change to a plan ('plan:changed'), so open views refresh live. */
    private readonly events: AppEvents,
  ) {
    this.store = new PlanStore(db);
  }

  /** The session's organisation's plan, else 404. */
  async plan(session: Session, planId: string): Promise<PlanDoc> {
    const plan = await this.store.get(organizationOf(session), planId);
    if (!plan) throw new PlanError(404, 'not_found', NO_PLAN);
    return plan;
  }

  /** Names of the organisation's MRCs and communities, for exports. */
  async lookups(organizationId: string): Promise<Lookups> {
    const [territories, communities] = await Promise.all([
      this.db.territories.find({ organizationId }).toArray(),
      this.db.communities.find({ organizationId }).toArray(),
    ]);
    return {
      territories: new Map(territories.map((t) => [t._id, t.name])),
      communities: new Map(communities.map((c) => [c._id, c.name])),
    };
  }

  async export(
    session: Session,
    planId: string,
    format: PlanExportFormat,
  ): Promise<{ body: string | Buffer; type: string; extension: string; title: string }> {
    const organizationId = organizationOf(session);
    const [plan, lookups, funding, organization] = await Promise.all([
      this.view(session, planId),
      this.lookups(organizationId),
      this.funding.planFunding(organizationId, planId),
      this.db.organizations.findOne({ _id: organizationId }, { projection: { name: 1 } }),
    ]);
    const context = { organizationName: organization?.name ?? '' };
    return { ...(await this.render(format, plan, lookups, funding, context)), title: plan.title };
  }

  private async render(
    format: PlanExportFormat,
    plan: PlanView,
    lookups: Lookups,
    funding: PlanFunding | null,
    context: DocumentContext,
  ): Promise<{ body: string | Buffer; type: string; extension: string }> {
    switch (format) {
      case 'json':
        return {
          body: planToJson(plan, lookups, funding),
          type: 'application/json; charset=utf-8',
          extension: 'json',
        };
      case 'csv':
        return { body: planToCsv(plan, lookups), type: 'text/csv; charset=utf-8', extension: 'csv' };
      case 'csv-fr':
        return {
          body: planToCsv(plan, lookups, 'semicolon'),
          type: 'text/csv; charset=utf-8',
          extension: 'point-virgule.csv',
        };
      case 'docx':
        return {
          body: await planToDocx(plan, lookups, funding, context),
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          extension: 'docx',
        };
      case 'pdf':
        return {
          body: await planToPdf(plan, lookups, funding, context),
          type: 'application/pdf',
          extension: 'pdf',
        };
    }
  }

  async view(session: Session, planId: string): Promise<PlanView> {
    const view = await this.store.view(organizationOf(session), planId);
    if (!view) throw new PlanError(404, 'not_found', NO_PLAN);
    return view;
  }

  async create(
    session: Session,
    input: { title: string; periodFrom: number; periodTo: number; carryOverFrom?: string },
  ): Promise<PlanDoc> {
    const organizationId = organizationOf(session);
    if (input.carryOverFrom && !(await this.store.get(organizationId, input.carryOverFrom))) {
      throw new PlanError(404, 'not_found', 'The plan to carry over from does not exist.');
    }
    const plan = await this.store.create(organizationId, {
      title: input.title,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      createdBy: session.userId,
      carriedFrom: input.carryOverFrom ?? null,
    });
    const carried = input.carryOverFrom ? await this.store.carryOver(input.carryOverFrom, plan._id) : 0;
    await this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'plan:create',
      targetKind: 'plan',
      targetId: plan._id,
      details: { title: plan.title, carriedActions: carried },
    });
    return plan;
  }

  /**
   * Imports a parsed plan. A dry run writes nothing; an import with unrecognized lines writes
   * nothing unless `skipErrors`. Without `planId`, a new plan is created for `period`.
   */
  async importPlan(
    session: Session,
    parsed: ImportedPlan,
    options: { planId?: string; period?: { from: number; to: number }; dryRun: boolean; skipErrors: boolean },
  ): Promise<ImportReport> {
    const report: ImportReport = {
      format: parsed.format,
      title: parsed.title,
      counts: countImported(parsed),
      unrecognized: parsed.unrecognized,
      written: false,
      planId: options.planId ?? null,
    };
    if (options.dryRun || (parsed.unrecognized.length > 0 && !options.skipErrors)) return report;
    let planId = options.planId;
    if (planId) {
      await this.plan(session, planId);
    } else {
      // Named after the file's own title line; a file without one gets its period in the name.
      const period = options.period ?? periodFromTitle(parsed.title);
      const title = parsed.title.trim() || defaultPlanTitle(period);
      planId = (await this.create(session, { title, periodFrom: period.from, periodTo: period.to }))._id;
    }
    await this.store.importTree(planId, parsed);
    await this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'plan:import',
      targetKind: 'plan',
      targetId: planId,
      details: { format: parsed.format, ...report.counts, skipped: parsed.unrecognized.length },
    });
    await this.changed(planId);
    return { ...report, written: true, planId };
  }

  /**
   * An adopted proposal drops into the chosen plan (`planId`: of the proposal's organisation, not
   * archived), else into its organisation's current plan (PlanStore.currentPlan), created for
   * this year if it has none. Returns the plan's id.
   */
  async rollUpAdopted(
    proposalId: string,
    actor: { id: string; name: string },
    planId?: string | null,
  ): Promise<string> {
    const found = await this.db.proposals.findOne({ _id: proposalId }, { projection: { organizationId: 1 } });
    if (!found) throw new PlanError(404, 'not_found', 'This proposal does not exist.');
    const organizationId = found.organizationId;
    const chosen = planId ? await this.adoptionPlan(organizationId, planId) : null;
    await this.projector.project(proposalId);
    const proposal = await this.db.proposals.findOne({ _id: proposalId, organizationId });
    if (!proposal) throw new PlanError(404, 'not_found', 'This proposal does not exist.');
    const year = new Date().getFullYear();
    const plan =
      chosen ??
      (await this.store.currentPlan(organizationId, year)) ??
      (await this.store.create(organizationId, {
        title: defaultPlanTitle({ from: year, to: year }),
        periodFrom: year,
        periodTo: year,
        createdBy: actor.id,
      }));
    const changes = await this.store.rollUpProposal(plan._id, proposal);
    await this.audit.record({
      organizationId,
      actorId: actor.id,
      actorName: actor.name,
      action: 'plan:roll-up',
      targetKind: 'plan',
      targetId: plan._id,
      details: {
        proposalId,
        inserted: changes.inserts.length,
        updated: changes.updates.length,
        removed: changes.removals.length,
      },
    });
    await this.changed(plan._id);
    return plan._id;
  }

  /**
   * The plan an adoption may roll into: a plan of `organizationId` that is not archived (404,
   * else 409). The adoption route may call it before changing the proposal's status.
   */
  async adoptionPlan(organizationId: string, planId: string): Promise<PlanDoc> {
    const plan = await this.store.get(organizationId, planId);
    if (!plan) throw new PlanError(404, 'not_found', NO_PLAN);
    if (plan.archived)
      throw new PlanError(409, 'conflict', 'This plan is archived: unarchive it or choose another.');
    return plan;
  }

  /**
   * A fund decision: each project's money (cents) becomes the budget of the plan actions that
   * came from it, split by the actions' weights. Returns how many actions changed.
   */
  /**
   * Sets the budgets a fund decision gives the plan's actions (absolute amounts: running it
   * again changes nothing). The caller decided within `organizationId`.
   */
  async setFundedBudgets(
    organizationId: string,
    planId: string,
    centsByProposal: Map<string, number>,
    round: { id: string; title: string },
    actor: { id: string; name: string },
  ): Promise<number> {
    if (!(await this.store.get(organizationId, planId))) throw new PlanError(404, 'not_found', NO_PLAN);
    let updated = 0;
    for (const [proposalId, cents] of centsByProposal) {
      const actions = await this.db.planItems
        .find({ planId, kind: 'action', proposalId })
        .sort({ order: 1 })
        .toArray();
      if (actions.length === 0) continue;
      const parts = splitProportionally(
        cents,
        actions.map((a) => ({ id: a._id, weight: a.weight ?? 1, capCents: cents })),
      );
      for (const action of actions) {
        await this.db.exclusive(`plan-item:${action._id}`, () =>
          this.db.planItems.updateOne(
            { _id: action._id },
            { $set: { budget: parts.get(action._id)! / 100, updatedAt: new Date() } },
          ),
        );
        updated += 1;
      }
    }
    await this.audit.record({
      id: `fund-budgets:${round.id}`,
      organizationId,
      actorId: actor.id,
      actorName: actor.name,
      action: 'plan:fund-budgets',
      targetKind: 'plan',
      targetId: planId,
      details: { round: round.title, actions: updated },
    });
    await this.changed(planId);
    return updated;
  }

  /** Renames, archives or unarchives a plan of the session's organisation. */
  async update(session: Session, planId: string, patch: UpdatePlanBody): Promise<PlanView> {
    const before = await this.plan(session, planId);
    const after = await this.store.update(organizationOf(session), planId, patch);
    if (!after) throw new PlanError(404, 'not_found', NO_PLAN);
    await this.audit.record({
      organizationId: after.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'plan:update',
      targetKind: 'plan',
      targetId: planId,
      details: {
        ...(patch.title !== undefined ? { titleBefore: before.title, title: after.title } : {}),
        ...(patch.archived !== undefined ? { archived: after.archived ?? false } : {}),
      },
    });
    this.events.emit('plan:changed', planId);
    return this.view(session, planId);
  }

  /**
   * Deletes a plan of the session's organisation and its items (and its fund, when no round was
   * ever opened). A plan whose fund has a round is refused (409 in_use): ballots and decisions
   * refer to it; archive it instead.
   */
  async remove(session: Session, planId: string): Promise<void> {
    const plan = await this.plan(session, planId);
    const fund = await this.db.funds.findOne({ planId, organizationId: plan.organizationId });
    if (fund && (await this.db.rounds.countDocuments({ fundId: fund._id })) > 0) {
      throw new PlanError(
        409,
        'in_use',
        'This plan has a fund with consultation rounds; archive it instead.',
      );
    }
    const items = await this.db.planItems.countDocuments({ planId });
    if (!(await this.store.remove(plan.organizationId, planId)))
      throw new PlanError(404, 'not_found', NO_PLAN);
    if (fund) await this.db.funds.deleteOne({ _id: fund._id, organizationId: plan.organizationId });
    await this.audit.record({
      organizationId: plan.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'plan:delete',
      targetKind: 'plan',
      targetId: planId,
      details: { title: plan.title, periodFrom: plan.periodFrom, periodTo: plan.periodTo, items },
    });
    this.events.emit('plan:changed', planId);
  }

  /** Every change bumps the plan's version (read caches compare it), then tells open views. */
  private async changed(planId: string): Promise<void> {
    await this.store.touch(planId);
    this.events.emit('plan:changed', planId);
  }

  /** An item of the session's organisation's plan, else 404. */
  private async item(
    session: Session,
    planId: string,
    id: string,
    kind: PlanItemDoc['kind'],
  ): Promise<PlanItemDoc> {
    await this.plan(session, planId);
    const found = await this.db.planItems.findOne({ _id: id, planId, kind });
    if (!found) throw new PlanError(404, 'not_found', `This ${kind} does not exist.`);
    return found;
  }

  async updateAction(
    session: Session,
    planId: string,
    actionId: string,
    patch: UpdateActionBody,
  ): Promise<void> {
    await this.item(session, planId, actionId, 'action');
    const organizationId = session.organizationId ?? '';
    // Territories and communities are the organisation's own: another's ids are refused.
    if (patch.territoryIds?.length) {
      const found = await this.db.territories.countDocuments({
        _id: { $in: patch.territoryIds },
        organizationId,
      });
      if (found !== new Set(patch.territoryIds).size)
        throw new PlanError(400, 'invalid', 'No such territory here.');
    }
    if (patch.communityIds?.length) {
      const found = await this.db.communities.countDocuments({
        _id: { $in: patch.communityIds },
        organizationId,
      });
      if (found !== new Set(patch.communityIds).size)
        throw new PlanError(400, 'invalid', 'No such community here.');
    }
    await this.db.exclusive(`plan-item:${actionId}`, () =>
      this.db.planItems.updateOne(
        { _id: actionId },
        {
          $set: {
            ...patch,
            ...(patch.status ? { statusChosenAt: new Date() } : {}),
            updatedAt: new Date(),
          },
        },
      ),
    );
    if (patch.status) {
      await this.audit.record({
        organizationId: session.organizationId,
        actorId: session.userId,
        actorName: session.displayName,
        action: 'plan:action-status',
        targetKind: 'plan',
        targetId: planId,
        details: { actionId, status: patch.status },
      });
    }
    await this.changed(planId);
  }

  async addMilestone(
    session: Session,
    planId: string,
    actionId: string,
    milestone: { date: string; label: string; done: boolean },
  ): Promise<void> {
    await this.item(session, planId, actionId, 'action');
    await this.db.exclusive(`plan-item:${actionId}`, () =>
      this.db.planItems.updateOne(
        { _id: actionId },
        { $push: { milestones: { id: newId(), ...milestone } } },
      ),
    );
    await this.changed(planId);
  }

  async addMeasurement(
    session: Session,
    planId: string,
    indicatorId: string,
    measurement: { date: string; value: number; note: string },
  ): Promise<void> {
    const indicator = await this.item(session, planId, indicatorId, 'indicator');
    if (indicator.indicatorKind !== 'quantitative') {
      throw new PlanError(400, 'invalid', 'A qualitative indicator takes notes, not numbers.');
    }
    await this.db.exclusive(`plan-item:${indicatorId}`, () =>
      this.db.planItems.updateOne(
        { _id: indicatorId },
        { $push: { measurements: { id: newId(), ...measurement } } },
      ),
    );
    await this.changed(planId);
  }

  /**
   * Corrects a mistake: removes one measure, note (indicator) or milestone (action). Pulls that
   * entry alone, as it was read, from the array: an entry another writer added or changed
   * meanwhile is never overwritten; if the entry itself changed, it is read again.
   */
  async removeEntry(
    session: Session,
    planId: string,
    itemId: string,
    list: 'measurements' | 'notes' | 'milestones',
    entryId: string,
  ): Promise<void> {
    const kind = list === 'milestones' ? 'action' : 'indicator';
    const entry = await this.db.exclusive(`plan-item:${itemId}`, () =>
      this.retryEntry(async () => {
        const item = await this.item(session, planId, itemId, kind);
        const found = (item[list] ?? []).find((e) => e.id === entryId);
        if (!found) throw new PlanError(404, 'not_found', 'This entry does not exist.');
        // FerretDB v1 has no `$pull` by condition (it ignores `{ id }`), but pulls an exact
        // element; on MongoDB the element is a condition on all its fields. Either way an entry
        // changed since the read is not pulled (nothing modified), and it is read again.
        const { modifiedCount } = await this.db.planItems.updateOne(
          { _id: itemId, planId },
          { $pull: { [list]: found } },
        );
        if (modifiedCount === 0) return null;
        await this.db.planItems.updateOne({ _id: itemId }, { $set: { updatedAt: new Date() } });
        return found;
      }),
    );
    await this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: `plan:remove-${list}`,
      targetKind: 'plan',
      targetId: planId,
      details: { itemId, entryId, date: entry.date },
    });
    await this.changed(planId);
  }

  /**
   * Marks a milestone reached (or not). Sets that milestone's `done` alone, at its index, on
   * condition that the milestone is still there (FerretDB v1 has neither the positional `$` nor
   * `arrayFilters`): if the array moved meanwhile, it is read again.
   */
  async setMilestoneDone(
    session: Session,
    planId: string,
    actionId: string,
    milestoneId: string,
    done: boolean,
  ): Promise<void> {
    await this.db.exclusive(`plan-item:${actionId}`, () =>
      this.retryEntry(async () => {
        const action = await this.item(session, planId, actionId, 'action');
        const index = (action.milestones ?? []).findIndex((m) => m.id === milestoneId);
        if (index < 0) throw new PlanError(404, 'not_found', 'This milestone does not exist.');
        const { matchedCount } = await this.db.planItems.updateOne(
          { _id: actionId, planId, [`milestones.${index}.id`]: milestoneId },
          { $set: { [`milestones.${index}.done`]: done, updatedAt: new Date() } },
        );
        return matchedCount > 0 ? true : null;
      }),
    );
    await this.changed(planId);
  }

  /** Runs a conditional write of one array entry until its condition holds (null: read again). */
  private async retryEntry<T>(attempt: () => Promise<T | null>): Promise<T> {
    for (let tries = 0; tries < 10; tries++) {
      const done = await attempt();
      if (done !== null) return done;
    }
    throw new PlanError(409, 'conflict', 'This entry keeps changing; try again.');
  }

  async addNote(
    session: Session,
    planId: string,
    indicatorId: string,
    note: { date: string; text: string },
  ): Promise<void> {
    await this.item(session, planId, indicatorId, 'indicator');
    await this.db.exclusive(`plan-item:${indicatorId}`, () =>
      this.db.planItems.updateOne({ _id: indicatorId }, { $push: { notes: { id: newId(), ...note } } }),
    );
    await this.changed(planId);
  }
}

/** The name of a plan that has none of its own: "Plan d’action 2027", "Plan d’action 2026-2028". */
export function defaultPlanTitle(period: { from: number; to: number }): string {
  return `Plan d’action ${period.from === period.to ? period.from : `${period.from}-${period.to}`}`;
}

/** "Plan d'action 2017-2020" -> 2017..2020; a single year -> that year; else this year. */
export function periodFromTitle(title: string): { from: number; to: number } {
  const years = [...title.matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  const year = new Date().getFullYear();
  if (years.length === 0) return { from: year, to: year };
  return { from: Math.min(...years), to: Math.max(...years) };
}
