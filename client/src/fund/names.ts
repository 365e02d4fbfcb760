import type { TFunction } from 'i18next';
import type { FundRuleErrorCode, RoundProject, ScenarioView, Violation } from '@cocon/shared';
import { formatCents } from './money';

/** Names for what rules and results speak of by id. */
export interface Names {
  project: (id: string) => string;
  mrc: (id: string) => string;
}

export function namesFor(projects: RoundProject[], territoryName: (id: string) => string): Names {
  const titles = new Map(projects.map((p) => [p.id, p.title]));
  return { project: (id) => titles.get(id) ?? id, mrc: territoryName };
}

/** A scenario's name: the generated ones are translated from their kind. */
export function scenarioName(scenario: Pick<ScenarioView, 'kind' | 'name'>, t: TFunction): string {
  return scenario.kind === 'custom' ? scenario.name : t(`fund.scenario_${scenario.kind}`);
}

/** One broken rule, in a sentence with the names and amounts ("Plafond dépassé pour ..."). */
export function describeViolation(v: Violation, names: Names, t: TFunction, language: string): string {
  const subject =
    v.code === 'above_cap' || v.code === 'below_minimum'
      ? names.project(v.subject)
      : v.code === 'floor_unmet'
        ? names.mrc(v.subject)
        : v.subject;
  return t(`fund.violation_${v.code}`, {
    subject,
    actual: formatCents(v.actualCents, language),
    limit: formatCents(v.limitCents, language),
  });
}

export const yearsLabel = (startYear: number, years: number): string =>
  years <= 1 ? String(startYear) : `${startYear}–${startYear + years - 1}`;

/** Why no allocation exists (floors that cannot be met...), translated, with the MRCs named. */
export function describeRuleError(
  code: FundRuleErrorCode | null,
  subjects: string[],
  fallback: string,
  names: Names,
  t: TFunction,
): string {
  if (!code) return fallback;
  return t(`fund.ruleError_${code}`, { mrcs: subjects.map((id) => names.mrc(id)).join(', ') });
}
