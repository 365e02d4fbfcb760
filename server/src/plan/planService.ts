import {
  newId,
  splitProportionally,
  type ImportedPlan,
  type PlanView,
  type UpdateActionBody,
} from '@cocon/shared';
import type { Database, PlanItemDoc } from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ProposalProjector } from '../proposals/proposalProjector.js';
import { PlanStore } from './planStore.js';
import { AppError } from '../util/appError.js';
import {
  planToCsv,
  planToDocx,
  planToJson,
  planToPdf,
  type Lookups,
  type PlanExportFormat,
  type PlanFunding,
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

/** The plan's lives: imports, adoption roll-up, progress updates; announces every change. */
export class PlanService {
  readonly store: PlanStore;
  /** Told after any change to a plan, so open views refresh live. */
  onChanged: (planId: string) => void = () => {};
  /** The fund's decisions on this plan, for the exports (set by the app: FundService). */
  fundingFor: (planId: string) => Promise<PlanFunding | null> = async () => null;

  constructor(
    private readonly db: Database,
    private readonly projector: ProposalProjector,
    private readonly audit: AuditLog,
  ) {
    this.store = new PlanStore(db);
  }

  /** Names of MRCs and communities, for exports. */
  async lookups(): Promise<Lookups> {
    const [territories, communities] = await Promise.all([
      this.db.territories.find({}).toArray(),
      this.db.communities.find({}).toArray(),
    ]);
    return {
      territories: new Map(territories.map((t) => [t._id, t.name])),
      communities: new Map(communities.map((c) => [c._id, c.name])),
    };
  }

  async export(
    planId: string,
    format: PlanExportFormat,
  ): Promise<{ body: string | Buffer; type: string; extension: string }> {
    const [plan, lookups, funding] = await Promise.all([
      this.view(planId),
      this.lookups(),
      this.fundingFor(planId),
    ]);
    switch (format) {
      case 'json':
        return {
          body: planToJson(plan, lookups, funding),
          type: 'application/json; charset=utf-8',
          extension: 'json',
        };
      case 'csv':
        return { body: planToCsv(plan, lookups), type: 'text/csv; charset=utf-8', extension: 'csv' };
      case 'docx':
        return {
          body: await planToDocx(plan, lookups, funding),
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          extension: 'docx',
        };
      case 'pdf':
        return { body: await planToPdf(plan, lookups, funding), type: 'application/pdf', extension: 'pdf' };
    }
  }

  async view(planId: string): Promise<PlanView> {
    const view = await this.store.view(planId);
    if (!view) throw new PlanError(404, 'not_found', 'This plan does not exist.');
    return view;
  }

  async create(
    session: Session,
    input: { title: string; periodFrom: number; periodTo: number; carryOverFrom?: string },
  ) {
    if (input.carryOverFrom && !(await this.store.get(input.carryOverFrom))) {
      throw new PlanError(404, 'not_found', 'The plan to carry over from does not exist.');
    }
    const plan = await this.store.create({
      ...input,
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
      if (!(await this.store.get(planId))) throw new PlanError(404, 'not_found', 'This plan does not exist.');
    } else {
      const period = options.period ?? periodFromTitle(parsed.title);
      planId = (
        await this.create(session, { title: parsed.title, periodFrom: period.from, periodTo: period.to })
      )._id;
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

  /** An adopted proposal drops into the current year's plan (created if there is none). */
  async rollUpAdopted(proposalId: string, actor: { id: string; name: string }): Promise<string> {
    await this.projector.project(proposalId);
    const proposal = await this.db.proposals.findOne({ _id: proposalId });
    if (!proposal) throw new PlanError(404, 'not_found', 'This proposal does not exist.');
    const year = new Date().getFullYear();
    const plan =
      (await this.store.current(year)) ??
      (await this.store.create({
        title: `Plan d’action ${year}`,
        periodFrom: year,
        periodTo: year,
        createdBy: actor.id,
      }));
    await this.store.rollUpProposal(plan._id, proposal);
    await this.audit.record({
      actorId: actor.id,
      actorName: actor.name,
      action: 'plan:roll-up',
      targetKind: 'plan',
      targetId: plan._id,
      details: { proposalId },
    });
    await this.changed(plan._id);
    return plan._id;
  }

  /**
   * A fund decision: each project's money (cents) becomes the budget of the plan actions that
   * came from it, split by the actions' weights. Returns how many actions changed.
   */
  async setFundedBudgets(
    session: Session,
    planId: string,
    centsByProposal: Map<string, number>,
    roundTitle: string,
  ): Promise<number> {
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
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'plan:fund-budgets',
      targetKind: 'plan',
      targetId: planId,
      details: { round: roundTitle, actions: updated },
    });
    await this.changed(planId);
    return updated;
  }

  /** Every change bumps the plan's version (read caches compare it), then tells open views. */
  private async changed(planId: string): Promise<void> {
    await this.store.touch(planId);
    this.onChanged(planId);
  }

  private async item(planId: string, id: string, kind: PlanItemDoc['kind']): Promise<PlanItemDoc> {
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
    await this.item(planId, actionId, 'action');
    await this.db.exclusive(`plan-item:${actionId}`, () =>
      this.db.planItems.updateOne({ _id: actionId }, { $set: { ...patch, updatedAt: new Date() } }),
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
    planId: string,
    actionId: string,
    milestone: { date: string; label: string; done: boolean },
  ) {
    await this.item(planId, actionId, 'action');
    await this.db.exclusive(`plan-item:${actionId}`, () =>
      this.db.planItems.updateOne(
        { _id: actionId },
        { $push: { milestones: { id: newId(), ...milestone } } },
      ),
    );
    await this.changed(planId);
  }

  async addMeasurement(
    planId: string,
    indicatorId: string,
    measurement: { date: string; value: number; note: string },
  ) {
    const indicator = await this.item(planId, indicatorId, 'indicator');
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

  /** Corrects a mistake: removes one measure, note (indicator) or milestone (action). */
  async removeEntry(
    session: Session,
    planId: string,
    itemId: string,
    list: 'measurements' | 'notes' | 'milestones',
    entryId: string,
  ): Promise<void> {
    const entry = await this.db.exclusive(`plan-item:${itemId}`, async () => {
      const item = await this.item(planId, itemId, list === 'milestones' ? 'action' : 'indicator');
      const found = (item[list] ?? []).find((e) => e.id === entryId);
      if (!found) throw new PlanError(404, 'not_found', 'This entry does not exist.');
      // Read, filter, write ($pull with a condition is not in FerretDB v1).
      const kept = (item[list] ?? []).filter((e) => e.id !== entryId);
      await this.db.planItems.updateOne({ _id: itemId }, { $set: { [list]: kept, updatedAt: new Date() } });
      return found;
    });
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

  /** Marks a milestone reached (or not). */
  async setMilestoneDone(
    planId: string,
    actionId: string,
    milestoneId: string,
    done: boolean,
  ): Promise<void> {
    await this.db.exclusive(`plan-item:${actionId}`, async () => {
      const action = await this.item(planId, actionId, 'action');
      const milestones = (action.milestones ?? []).map((m) => (m.id === milestoneId ? { ...m, done } : m));
      if (!milestones.some((m) => m.id === milestoneId))
        throw new PlanError(404, 'not_found', 'This milestone does not exist.');
      await this.db.planItems.updateOne({ _id: actionId }, { $set: { milestones, updatedAt: new Date() } });
    });
    await this.changed(planId);
  }

  async addNote(planId: string, indicatorId: string, note: { date: string; text: string }) {
    await this.item(planId, indicatorId, 'indicator');
    await this.db.exclusive(`plan-item:${indicatorId}`, () =>
      this.db.planItems.updateOne({ _id: indicatorId }, { $push: { notes: { id: newId(), ...note } } }),
    );
    await this.changed(planId);
  }
}

/** "Plan d'action 2017-2020" -> 2017..2020; a single year -> that year; else this year. */
export function periodFromTitle(title: string): { from: number; to: number } {
  const years = [...title.matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  const year = new Date().getFullYear();
  if (years.length === 0) return { from: year, to: year };
  return { from: Math.min(...years), to: Math.max(...years) };
}
