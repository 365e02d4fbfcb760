import {
  foldForSearch,
  newId,
  type ImportedPlan,
  type PlanSummary,
  type PlanView,
  type ProposalFieldsView,
} from '@cocon/shared';
import type { Database, PlanDoc, PlanItemDoc, ProposalDoc } from '../db/mongo.js';
import { buildPlanTree } from './planTree.js';

type NewItem = Omit<PlanItemDoc, '_id' | 'updatedAt' | 'sourceKey' | 'proposalId'> &
  Partial<Pick<PlanItemDoc, '_id' | 'sourceKey' | 'proposalId'>>;

const item = (fields: NewItem): PlanItemDoc => ({
  _id: newId(),
  sourceKey: null,
  proposalId: null,
  updatedAt: new Date(),
  ...fields,
});

/**
 * Plans and their items in MongoDB: create, import, roll proposals up, carry over, view. Every
 * plan belongs to one organisation; reads by id take that organisation and find nothing of
 * another. Items are reached through their plan (callers check the plan first).
 */
export class PlanStore {
  constructor(private readonly db: Database) {}

  /** The plan, when it belongs to `organizationId`. */
  async get(organizationId: string, planId: string): Promise<PlanDoc | null> {
    return this.db.plans.findOne({ _id: planId, organizationId });
  }

  async create(
    organizationId: string,
    input: {
      title: string;
      periodFrom: number;
      periodTo: number;
      createdBy: string;
      carriedFrom?: string | null;
    },
  ): Promise<PlanDoc> {
    const plan: PlanDoc = {
      _id: newId(),
      organizationId,
      archived: false,
      title: input.title,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      createdBy: input.createdBy,
      createdAt: new Date(),
      carriedFrom: input.carriedFrom ?? null,
    };
    await this.db.plans.insertOne(plan);
    return plan;
  }

  /**
   * The organisation's current plan, where adopted proposals go by default: its newest
   * non-archived plan whose period covers `year`, else its newest non-archived plan.
   */
  async currentPlan(organizationId: string, year = new Date().getFullYear()): Promise<PlanDoc | null> {
    const open = { organizationId, archived: { $ne: true } };
    const newest = async (filter: object) =>
      (await this.db.plans.find(filter).sort({ createdAt: -1 }).limit(1).toArray())[0] ?? null;
    return (
      (await newest({ ...open, periodFrom: { $lte: year }, periodTo: { $gte: year } })) ??
      (await newest(open))
    );
  }

  /** Renames, archives or unarchives; null when the plan is not the organisation's. */
  async update(
    organizationId: string,
    planId: string,
    patch: { title?: string; archived?: boolean },
  ): Promise<PlanDoc | null> {
    const set: Partial<Pick<PlanDoc, 'title' | 'archived'>> = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.archived !== undefined) set.archived = patch.archived;
    return this.db.exclusive(`plan:${planId}`, async () => {
      const { matchedCount } = await this.db.plans.updateOne(
        { _id: planId, organizationId },
        { $set: set, $inc: { version: 1 } },
      );
      return matchedCount === 0 ? null : this.get(organizationId, planId);
    });
  }

  /** Deletes the plan and all its items; false when the plan is not the organisation's. */
  async remove(organizationId: string, planId: string): Promise<boolean> {
    return this.db.exclusive(`plan:${planId}`, async () => {
      if (!(await this.get(organizationId, planId))) return false;
      await this.db.planItems.deleteMany({ planId });
      const { deletedCount } = await this.db.plans.deleteOne({ _id: planId, organizationId });
      this.cache.delete(planId);
      return deletedCount > 0;
    });
  }

  /**
   * Built plans by id, valid while the plan's version is unchanged: a change seen by many open
   * views is built once, and any instance's change (version in MongoDB) invalidates it.
   */
  private readonly cache = new Map<string, { version: number; view: PlanView }>();

  async touch(planId: string): Promise<void> {
    await this.db.exclusive(`plan:${planId}`, () =>
      this.db.plans.updateOne({ _id: planId }, { $inc: { version: 1 } }),
    );
  }

  /** The plan's tree, when it belongs to `organizationId`. */
  async view(organizationId: string, planId: string): Promise<PlanView | null> {
    const plan = await this.get(organizationId, planId);
    return plan && this.viewOf(plan);
  }

  private async viewOf(plan: PlanDoc): Promise<PlanView> {
    const planId = plan._id;
    const version = plan.version ?? 0;
    const cached = this.cache.get(planId);
    if (cached && cached.version === version) return cached.view;
    const items = await this.db.planItems.find({ planId }).toArray();
    const tree = buildPlanTree(items);
    const view = { ...this.summaryOf(plan, tree.progress.value), themes: tree.themes };
    if (this.cache.size > 100) this.cache.clear();
    this.cache.set(planId, { version, view });
    return view;
  }

  /** The organisation's plans, newest period first; archived ones only when asked for. */
  async list(organizationId: string, options: { archived?: boolean } = {}): Promise<PlanSummary[]> {
    const filter = options.archived ? { organizationId } : { organizationId, archived: { $ne: true } };
    const plans = await this.db.plans.find(filter).sort({ periodFrom: -1, createdAt: -1 }).toArray();
    return Promise.all(plans.map(async (plan) => this.summaryOf(plan, (await this.viewOf(plan)).progress)));
  }

  private summaryOf(plan: PlanDoc, progress: number | null): PlanSummary {
    return {
      id: plan._id,
      title: plan.title,
      periodFrom: plan.periodFrom,
      periodTo: plan.periodTo,
      createdAt: plan.createdAt.toISOString(),
      progress,
      archived: plan.archived ?? false,
    };
  }

  /** Writes an imported tree under the plan; themes with the same title are merged. */
  async importTree(
    planId: string,
    imported: ImportedPlan,
  ): Promise<{ themes: number; objectives: number; actions: number; indicators: number }> {
    const existing = await this.db.planItems.find({ planId, kind: 'theme' }).toArray();
    const items: PlanItemDoc[] = [];
    let themeOrder = existing.length;
    const counts = { themes: 0, objectives: 0, actions: 0, indicators: 0 };
    for (const theme of imported.themes) {
      const same = existing.find((t) => foldForSearch(t.text) === foldForSearch(theme.title));
      const themeId = same?._id ?? newId();
      if (!same) {
        items.push(
          item({
            _id: themeId,
            planId,
            kind: 'theme',
            parentId: null,
            order: ++themeOrder,
            text: theme.title,
            themeKind: theme.kind,
            generalObjective: theme.generalObjective,
            sourceKey: `import:${theme.line}`,
          }),
        );
        counts.themes += 1;
      }
      theme.objectives.forEach((objective, oi) => {
        const objectiveId = newId();
        items.push(
          item({
            _id: objectiveId,
            planId,
            kind: 'objective',
            parentId: themeId,
            order: oi + 1,
            text: objective.text,
            sourceKey: `import:${objective.line}`,
          }),
        );
        counts.objectives += 1;
        objective.actions.forEach((action, ai) => {
          const actionId = newId();
          items.push(
            item({
              _id: actionId,
              planId,
              kind: 'action',
              parentId: objectiveId,
              order: ai + 1,
              text: action.text,
              timeline: action.timeline,
              status: /continu/i.test(action.timeline) ? 'ongoing' : 'not_started',
              sourceKey: `import:${action.line}`,
            }),
          );
          counts.actions += 1;
          action.indicators.forEach((indicator, ii) => {
            items.push(
              item({
                planId,
                kind: 'indicator',
                parentId: actionId,
                order: ii + 1,
                text: indicator.text,
                indicatorKind: indicator.kind,
                target: indicator.target,
                unit: indicator.unit,
                measurements: [],
                notes: [],
                sourceKey: `import:${indicator.line}`,
              }),
            );
            counts.indicators += 1;
          });
        });
      });
    }
    if (items.length > 0) await this.db.planItems.insertMany(items);
    return counts;
  }

  /**
   * Puts an adopted proposal's objectives, actions, indicators and budget under its theme.
   * Idempotent: items are keyed by the proposal's own item ids, so adopting again (after a
   * reopen) replaces them instead of duplicating.
   */
  async rollUpProposal(
    planId: string,
    proposal: Pick<ProposalDoc, '_id' | 'communityId' | 'fields'>,
  ): Promise<void> {
    const fields: ProposalFieldsView = proposal.fields;
    const themeTitle = fields.theme || fields.title;
    const themes = await this.db.planItems.find({ planId, kind: 'theme' }).toArray();
    let theme = themes.find((t) => foldForSearch(t.text) === foldForSearch(themeTitle));
    if (!theme) {
      theme = item({
        planId,
        kind: 'theme',
        parentId: null,
        order: themes.length + 1,
        text: themeTitle,
        themeKind: 'enjeu',
        generalObjective: fields.generalObjective,
      });
      await this.db.planItems.insertOne(theme);
    }
    await this.db.planItems.deleteMany({ planId, proposalId: proposal._id });
    const siblings = await this.db.planItems.countDocuments({ planId, parentId: theme._id });
    const totalBudget = fields.budget.reduce((sum, line) => sum + line.amountRequested, 0);
    const actionCount = fields.objectives.reduce((n, o) => n + o.actions.length, 0);
    const items: PlanItemDoc[] = [];
    const key = (id: string) => `proposal:${proposal._id}:${id}`;
    fields.objectives.forEach((objective, oi) => {
      const objectiveId = newId();
      items.push(
        item({
          _id: objectiveId,
          planId,
          kind: 'objective',
          parentId: theme._id,
          order: siblings + oi + 1,
          text: objective.text,
          sourceKey: key(objective.id),
          proposalId: proposal._id,
        }),
      );
      objective.actions.forEach((action, ai) => {
        const actionId = newId();
        items.push(
          item({
            _id: actionId,
            planId,
            kind: 'action',
            parentId: objectiveId,
            order: ai + 1,
            text: action.text,
            timeline: action.timeline,
            status: action.parsedTimeline?.kind === 'ongoing' ? 'ongoing' : 'not_started',
            // The proposal's requested budget, spread evenly over its actions until the fund decides.
            budget: actionCount > 0 ? Math.round((totalBudget / actionCount) * 100) / 100 : null,
            communityIds: [proposal.communityId],
            territoryIds: fields.territories,
            milestones: [],
            sourceKey: key(action.id),
            proposalId: proposal._id,
          }),
        );
        action.indicators.forEach((indicator, ii) => {
          items.push(
            item({
              planId,
              kind: 'indicator',
              parentId: actionId,
              order: ii + 1,
              text:
                indicator.kind === 'quantitative'
                  ? `${indicator.target ?? ''} ${indicator.unit}`.trim() || indicator.statement
                  : indicator.statement,
              indicatorKind: indicator.kind,
              target: indicator.target,
              unit: indicator.unit,
              measurements: [],
              notes: [],
              sourceKey: key(indicator.id),
              proposalId: proposal._id,
            }),
          );
        });
      });
    });
    if (items.length > 0) await this.db.planItems.insertMany(items);
  }

  /** Copies ongoing and unfinished actions (with their branch and indicators) into another plan. */
  async carryOver(fromPlanId: string, toPlanId: string): Promise<number> {
    const items = await this.db.planItems.find({ planId: fromPlanId }).toArray();
    const byId = new Map(items.map((i) => [i._id, i]));
    const keep = new Set<string>();
    for (const action of items.filter((i) => i.kind === 'action' && i.status !== 'done')) {
      let node: PlanItemDoc | undefined = action;
      while (node) {
        keep.add(node._id);
        node = node.parentId ? byId.get(node.parentId) : undefined;
      }
      for (const indicator of items.filter((i) => i.parentId === action._id)) keep.add(indicator._id);
    }
    const newIds = new Map([...keep].map((id) => [id, newId()]));
    const copies = items
      .filter((i) => keep.has(i._id))
      .map((i) => ({
        ...i,
        _id: newIds.get(i._id)!,
        planId: toPlanId,
        parentId: i.parentId ? (newIds.get(i.parentId) ?? null) : null,
        measurements: i.kind === 'indicator' ? [] : i.measurements,
        updatedAt: new Date(),
      }));
    if (copies.length > 0) await this.db.planItems.insertMany(copies);
    return copies.filter((c) => c.kind === 'action').length;
  }
}
