import type { TFunction } from 'i18next';
import type { ProposalFieldsView } from '@cocon/shared';

/** The paths comments and diffs speak of (server/src/proposals/proposalDiff.ts), as readable names. */

const LEAF_KEYS: Record<string, string> = {
  text: 'proposals.pathText',
  timeline: 'proposals.timeline',
  position: 'proposals.pathPosition',
  kind: 'proposals.indicatorKind',
  target: 'proposals.target',
  unit: 'proposals.unit',
  statement: 'proposals.statement',
  name: 'proposals.partnerName',
  label: 'proposals.budgetLabel',
  amountRequested: 'proposals.amountRequested',
  source: 'proposals.cofinancingSource',
  amount: 'proposals.cofinancingAmount',
};

const TOP_KEYS: Record<string, string> = {
  title: 'proposals.title',
  theme: 'proposals.theme',
  generalObjective: 'proposals.generalObjective',
  leadOrganization: 'proposals.leadOrganization',
  territories: 'proposals.territories',
};

/** "Objectif spécifique 2 › Action 1 › Échéancier", from the current fields when possible. */
export function describePath(path: string, view: ProposalFieldsView | null, t: TFunction): string {
  const parts = path.split('.');
  const top = parts[0] ?? '';
  if (parts.length === 1) return TOP_KEYS[top] ? t(TOP_KEYS[top] as 'proposals.title') : path;
  const names: string[] = [];
  const leaf = (key: string | undefined) =>
    key && LEAF_KEYS[key] ? t(LEAF_KEYS[key] as 'proposals.title') : (key ?? '');
  if (top === 'objectives') {
    const oi = view?.objectives.findIndex((o) => o.id === parts[1]) ?? -1;
    names.push(t('proposals.objectiveN', { n: oi >= 0 ? oi + 1 : '?' }));
    if (parts[2] === 'actions') {
      const objective = oi >= 0 ? view?.objectives[oi] : undefined;
      const ai = objective?.actions.findIndex((a) => a.id === parts[3]) ?? -1;
      names.push(t('proposals.actionN', { n: ai >= 0 ? ai + 1 : '?' }));
      if (parts[4] === 'indicators') {
        const action = ai >= 0 ? objective?.actions[ai] : undefined;
        const ii = action?.indicators.findIndex((i) => i.id === parts[5]) ?? -1;
        names.push(t('proposals.indicatorN', { n: ii >= 0 ? ii + 1 : '?' }));
        names.push(leaf(parts[6]));
      } else names.push(leaf(parts[4]));
    } else names.push(leaf(parts[2]));
  } else if (top === 'partners') {
    const pi = view?.partners.findIndex((p) => p.id === parts[1]) ?? -1;
    names.push(t('proposals.partnerN', { n: pi >= 0 ? pi + 1 : '?' }));
  } else if (top === 'budget') {
    const bi = view?.budget.findIndex((b) => b.id === parts[1]) ?? -1;
    names.push(t('proposals.budgetLineN', { n: bi >= 0 ? bi + 1 : '?' }));
    if (parts[2] === 'cofinancing') {
      const line = bi >= 0 ? view?.budget[bi] : undefined;
      const ci = line?.cofinancing.findIndex((c) => c.id === parts[3]) ?? -1;
      names.push(t('proposals.cofinancingN', { n: ci >= 0 ? ci + 1 : '?' }));
      names.push(leaf(parts[4]));
    } else names.push(leaf(parts[2]));
  } else {
    return path;
  }
  return names.filter(Boolean).join(' › ');
}

/** Every commentable field of the current proposal, in reading order. */
export function listFieldPaths(view: ProposalFieldsView): string[] {
  const paths = ['title', 'theme', 'generalObjective', 'leadOrganization', 'territories'];
  for (const o of view.objectives) {
    paths.push(`objectives.${o.id}.text`);
    for (const a of o.actions) {
      paths.push(`objectives.${o.id}.actions.${a.id}.text`, `objectives.${o.id}.actions.${a.id}.timeline`);
      for (const i of a.indicators) {
        const base = `objectives.${o.id}.actions.${a.id}.indicators.${i.id}`;
        paths.push(i.kind === 'quantitative' ? `${base}.target` : `${base}.statement`);
      }
    }
  }
  for (const p of view.partners) paths.push(`partners.${p.id}.name`);
  for (const b of view.budget) {
    paths.push(`budget.${b.id}.label`, `budget.${b.id}.amountRequested`);
    for (const c of b.cofinancing) paths.push(`budget.${b.id}.cofinancing.${c.id}.source`);
  }
  return paths;
}
