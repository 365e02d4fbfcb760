import {
  actionProgress,
  combineProgress,
  indicatorProgress,
  parseTimeline,
  type PlanActionView,
  type PlanIndicatorView,
  type PlanObjectiveView,
  type PlanThemeView,
  type Progress,
  type ProposalFieldsView,
} from '@cocon/shared';
import type { PlanItemDoc } from '../db/mongo.js';

/** Builds the plan tree (with progress at every level) from its flat items. */
export function buildPlanTree(items: PlanItemDoc[]): { themes: PlanThemeView[]; progress: Progress } {
  const children = new Map<string | null, PlanItemDoc[]>();
  for (const item of items) {
    const list = children.get(item.parentId) ?? [];
    list.push(item);
    children.set(item.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.order - b.order);
  const kids = (id: string | null, kind: PlanItemDoc['kind']) =>
    (children.get(id) ?? []).filter((i) => i.kind === kind);

  const indicator = (i: PlanItemDoc): PlanIndicatorView => {
    const view = {
      id: i._id,
      kind: i.indicatorKind ?? 'qualitative',
      text: i.text,
      target: i.target ?? null,
      unit: i.unit ?? '',
      measurements: i.measurements ?? [],
      notes: i.notes ?? [],
    };
    return { ...view, progress: indicatorProgress(view) };
  };
  const action = (a: PlanItemDoc): { view: PlanActionView; weighted: Progress } => {
    const indicators = kids(a._id, 'indicator').map(indicator);
    const status = a.status ?? 'unset';
    const weighted = actionProgress({
      status,
      weight: a.weight ?? 1,
      indicators,
      milestones: a.milestones ?? [],
    });
    return {
      view: {
        id: a._id,
        text: a.text,
        timeline: a.timeline ?? '',
        parsedTimeline: parseTimeline(a.timeline ?? ''),
        status,
        milestones: a.milestones ?? [],
        communityIds: a.communityIds ?? [],
        territoryIds: a.territoryIds ?? [],
        proposalId: a.proposalId,
        budget: a.budget ?? null,
        weight: a.weight ?? 1,
        indicators,
        progress: weighted.value,
      },
      weighted,
    };
  };
  const objective = (o: PlanItemDoc): { view: PlanObjectiveView; weighted: Progress } => {
    const actions = kids(o._id, 'action').map(action);
    const weighted = combineProgress(actions.map((a) => a.weighted));
    return {
      view: { id: o._id, text: o.text, actions: actions.map((a) => a.view), progress: weighted.value },
      weighted,
    };
  };
  const themes = kids(null, 'theme').map((t) => {
    const objectives = kids(t._id, 'objective').map(objective);
    const weighted = combineProgress(objectives.map((o) => o.weighted));
    const view: PlanThemeView = {
      id: t._id,
      title: t.text,
      kind: t.themeKind ?? 'enjeu',
      generalObjective: t.generalObjective ?? '',
      objectives: objectives.map((o) => o.view),
      progress: weighted.value,
    };
    return { view, weighted };
  });
  return { themes: themes.map((t) => t.view), progress: combineProgress(themes.map((t) => t.weighted)) };
}

/** The plan fields that follow the proposal on every roll-up; everything else is the plan's own. */
const FOLLOWED = ['parentId', 'order', 'text', 'timeline', 'indicatorKind', 'target', 'unit'] as const;
type Followed = Partial<Pick<PlanItemDoc, (typeof FOLLOWED)[number]>>;

/** What a roll-up writes: items to insert, fields to set on items in place, items to remove. */
export interface RollUpChanges {
  inserts: PlanItemDoc[];
  updates: { id: string; set: Followed }[];
  removals: string[];
}

/**
 * How an adopted proposal's objectives, actions and indicators land in the plan, given the items
 * it already put there (`existing`, from an earlier adoption). Items are matched by their stable
 * source key (`proposal:<id>:<item id>`): a matched item keeps its id and everything set in the
 * plan (status, budget, weight, territories, communities, milestones, measurements, notes) and
 * takes the proposal's text, timeline, target, unit, parent and order; an item the proposal no
 * longer has is removed; a new one is inserted. Applying the result then computing it again
 * gives no change.
 */
export function rollUpChanges(input: {
  planId: string;
  themeId: string;
  proposalId: string;
  communityId: string;
  fields: ProposalFieldsView;
  existing: PlanItemDoc[];
  /** The order of the proposal's first objective under its theme. */
  firstOrder: number;
  newId: () => string;
  now: Date;
}): RollUpChanges {
  const { planId, proposalId, fields, now } = input;
  const key = (id: string) => `proposal:${proposalId}:${id}`;
  const byKey = new Map<string, PlanItemDoc>();
  const removals: string[] = [];
  for (const item of input.existing) {
    // Duplicates (an older roll-up raced) and unkeyed items cannot be matched: they go.
    if (item.sourceKey && !byKey.has(item.sourceKey)) byKey.set(item.sourceKey, item);
    else removals.push(item._id);
  }
  const seen = new Set<string>();
  const inserts: PlanItemDoc[] = [];
  const updates: RollUpChanges['updates'] = [];
  const totalBudget = fields.budget.reduce((sum, line) => sum + line.amountRequested, 0);
  const actionCount = fields.objectives.reduce((n, o) => n + o.actions.length, 0);

  /** The item's id: the existing one, updated where the proposal differs, else a new item. */
  const place = (
    sourceId: string,
    followed: Followed & Pick<PlanItemDoc, 'parentId' | 'order' | 'text'>,
    fresh: () => Omit<
      PlanItemDoc,
      keyof Followed | '_id' | 'planId' | 'sourceKey' | 'proposalId' | 'updatedAt'
    >,
  ): string => {
    const sourceKey = key(sourceId);
    seen.add(sourceKey);
    const found = byKey.get(sourceKey);
    if (found) {
      const set: Followed = {};
      for (const field of FOLLOWED) {
        if (field in followed && followed[field] !== found[field])
          Object.assign(set, { [field]: followed[field] });
      }
      if (Object.keys(set).length > 0) updates.push({ id: found._id, set });
      return found._id;
    }
    const _id = input.newId();
    inserts.push({ ...fresh(), ...followed, _id, planId, sourceKey, proposalId, updatedAt: now });
    return _id;
  };

  fields.objectives.forEach((objective, oi) => {
    const objectiveId = place(
      objective.id,
      { parentId: input.themeId, order: input.firstOrder + oi, text: objective.text },
      () => ({ kind: 'objective' }),
    );
    objective.actions.forEach((action, ai) => {
      const actionId = place(
        action.id,
        { parentId: objectiveId, order: ai + 1, text: action.text, timeline: action.timeline },
        () => ({
          kind: 'action',
          // Nobody has said yet: a timeline "En continu" is a plan, not progress.
          status: 'unset',
          // The proposal's requested budget, spread evenly over its actions until the fund decides.
          budget: actionCount > 0 ? Math.round((totalBudget / actionCount) * 100) / 100 : null,
          communityIds: [input.communityId],
          territoryIds: fields.territories,
          milestones: [],
        }),
      );
      action.indicators.forEach((indicator, ii) => {
        place(
          indicator.id,
          {
            parentId: actionId,
            order: ii + 1,
            text:
              indicator.kind === 'quantitative'
                ? `${indicator.target ?? ''} ${indicator.unit}`.trim() || indicator.statement
                : indicator.statement,
            indicatorKind: indicator.kind,
            target: indicator.target,
            unit: indicator.unit,
          },
          () => ({ kind: 'indicator', measurements: [], notes: [] }),
        );
      });
    });
  });
  for (const [sourceKey, item] of byKey) if (!seen.has(sourceKey)) removals.push(item._id);
  return { inserts, updates, removals };
}
