import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { RoundProject } from '@cocon/shared';
import { describeViolation, namesFor, scenarioName, yearsLabel } from './names';

const t = ((key: string, options?: Record<string, unknown>) =>
  options ? `${key} ${JSON.stringify(options)}` : key) as unknown as TFunction;
const projects: RoundProject[] = [
  {
    id: 'p1',
    title: 'Navette',
    theme: 'TRANSPORT',
    territories: ['mrc-a'],
    requestedCents: 100,
    requestByYear: [],
  },
];
const names = namesFor(projects, (id) => (id === 'mrc-a' ? 'Haut-Saint-Laurent' : id));
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('names of what rules speak of', () => {
  it('names the project, the MRC, the theme or the year of a broken rule, with its amounts', () => {
    const cap = describeViolation(
      { code: 'above_cap', subject: 'p1', actualCents: 150, limitCents: 100 },
      names,
      t,
      'fr',
    );
    expect(plain(cap)).toBe('fund.violation_above_cap {"subject":"Navette","actual":"1,50 $","limit":"1 $"}');
    const floor = describeViolation(
      { code: 'floor_unmet', subject: 'mrc-a', actualCents: 0, limitCents: 500000 },
      names,
      t,
      'en',
    );
    expect(floor).toBe(
      'fund.violation_floor_unmet {"subject":"Haut-Saint-Laurent","actual":"$0","limit":"$5,000"}',
    );
    const year = describeViolation(
      { code: 'cash_shortfall', subject: '2027', actualCents: -100, limitCents: 0 },
      names,
      t,
      'en',
    );
    expect(year).toContain('"subject":"2027"');
  });

  it('translates generated scenarios by kind and keeps custom names', () => {
    expect(scenarioName({ kind: 'proportional', name: 'proportional' }, t)).toBe(
      'fund.scenario_proportional',
    );
    expect(scenarioName({ kind: 'custom', name: 'Mon scénario' }, t)).toBe('Mon scénario');
    expect(yearsLabel(2026, 5)).toBe('2026–2030');
    expect(yearsLabel(2026, 1)).toBe('2026');
  });
});
