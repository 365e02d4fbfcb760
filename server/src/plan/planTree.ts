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
    const status = a.status ?? 'not_started';
    const weighted = actionProgress({ status, weight: a.weight ?? 1, indicators });
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
