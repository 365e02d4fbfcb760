import {
  foldForSearch,
  newId,
  type ImportedPlan,
  type PlanSummary,
  type PlanView,
  type ProposalFieldsView,
} from '@cocon/shared';
import type { Database, PlanDoc, PlanItemDoc, ProposalDoc } from '../db/mongo.js';
import { buildPlanTree, rollUpChanges, type RollUpChanges } from './planTree.js';

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

  /**
   * Writes an imported tree under the plan, merging with what is there: an item whose text (case
   * and accents aside) is already under the same parent is that item, kept with what people
   * added to it (statuses, measures, milestones, notes), so that importing a file again never
   * duplicates the plan. Returns how many items were new.
   */
  async importTree(
    planId: string,
    imported: ImportedPlan,
  ): Promise<{ themes: number; objectives: number; actions: number; indicators: number }> {
    const all = await this.db.planItems.find({ planId }).toArray();
    const existing = all.filter((i) => i.kind === 'theme');
    const byParent = new Map(all.map((i) => [`${i.parentId}|${i.kind}|${foldForSearch(i.text)}`, i._id]));
    /** The id of the item already there under `parentId` with this text, if any. */
    const found = (parentId: string, kind: PlanItemDoc['kind'], text: string) =>
      byParent.get(`${parentId}|${kind}|${foldForSearch(text)}`);
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
        const knownObjective = found(themeId, 'objective', objective.text);
        const objectiveId = knownObjective ?? newId();
        if (!knownObjective) {
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
        }
        objective.actions.forEach((action, ai) => {
          const knownAction = found(objectiveId, 'action', action.text);
          const actionId = knownAction ?? newId();
          if (!knownAction) {
            items.push(
              item({
                _id: actionId,
                planId,
                kind: 'action',
                parentId: objectiveId,
                order: ai + 1,
                text: action.text,
                timeline: action.timeline,
                // Nobody has said yet: a timeline "En continu" is a plan, not progress.
                status: 'unset',
                sourceKey: `import:${action.line}`,
              }),
            );
            counts.actions += 1;
          }
          action.indicators.forEach((indicator, ii) => {
            if (found(actionId, 'indicator', indicator.text)) return;
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
   * Puts an adopted proposal's objectives, actions and indicators under its theme. Adopting
   * again (after a reopen) updates the items in place by their source key (`rollUpChanges`):
   * what the plan added to them (status, budget, territories, milestones, measures, notes)
   * stays; items the proposal dropped are deleted. Rolling up an unchanged proposal writes
   * nothing.
   */
  async rollUpProposal(
    planId: string,
    proposal: Pick<ProposalDoc, '_id' | 'communityId' | 'fields'>,
  ): Promise<RollUpChanges> {
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
    const existing = await this.db.planItems.find({ planId, proposalId: proposal._id }).toArray();
    // The proposal's objectives keep their place among the theme's others; a first roll-up
    // puts them after them.
    const placed = existing.filter((i) => i.kind === 'objective' && i.parentId === theme._id);
    const firstOrder =
      placed.length > 0
        ? Math.min(...placed.map((o) => o.order))
        : (await this.db.planItems.countDocuments({
            planId,
            parentId: theme._id,
            proposalId: { $ne: proposal._id },
          })) + 1;
    const changes = rollUpChanges({
      planId,
      themeId: theme._id,
      proposalId: proposal._id,
      communityId: proposal.communityId,
      fields,
      existing,
      firstOrder,
      newId: () => newId(),
      now: new Date(),
    });
    // Only the proposal's own fields are set: a progress update landing meanwhile is kept.
    for (const { id, set } of changes.updates) {
      await this.db.exclusive(`plan-item:${id}`, () =>
        this.db.planItems.updateOne(
          { _id: id, planId, proposalId: proposal._id },
          { $set: { ...set, updatedAt: new Date() } },
        ),
      );
    }
    if (changes.inserts.length > 0) await this.db.planItems.insertMany(changes.inserts);
    if (changes.removals.length > 0) {
      await this.db.planItems.deleteMany({
        _id: { $in: changes.removals },
        planId,
        proposalId: proposal._id,
      });
    }
    return changes;
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
