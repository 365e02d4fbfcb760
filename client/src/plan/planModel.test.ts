import { describe, expect, it } from 'vitest';
import {
  parseTimeline,
  showGeneralObjective,
  type ActionStatus,
  type PlanActionView,
  type PlanIndicatorView,
  type PlanView,
} from '@cocon/shared';
import {
  budgetShare,
  currentPlan,
  dashboardRows,
  effectiveTimeline,
  filterPlan,
  filterYears,
  NO_FILTERS,
  periodText,
  placeAction,
  progressHistory,
  rollUp,
  statusCounts,
  timelineRange,
  touchesYear,
} from './planModel';
import { formatDay, formatMoney, formatPercent, todayIso } from './planFormat';

let nextId = 0;
const id = (prefix: string) => `${prefix}-${++nextId}`;

function counted(target: number, measurements: [string, number][] = []): PlanIndicatorView {
  return {
    id: id('ind'),
    kind: 'quantitative',
    text: `${target} rencontres`,
    target,
    unit: 'rencontres',
    measurements: measurements.map(([date, value]) => ({ id: id('m'), date, value, note: '' })),
    notes: [],
    progress: null,
  };
}

function action(
  text: string,
  options: {
    status?: ActionStatus;
    timeline?: string;
    indicators?: PlanIndicatorView[];
    territoryIds?: string[];
    communityIds?: string[];
    budget?: number | null;
    weight?: number;
  } = {},
): PlanActionView {
  const timeline = options.timeline ?? '2026';
  return {
    id: id('act'),
    text,
    timeline,
    parsedTimeline: parseTimeline(timeline),
    status: options.status ?? 'in_progress',
    milestones: [],
    communityIds: options.communityIds ?? [],
    territoryIds: options.territoryIds ?? [],
    proposalId: null,
    budget: options.budget ?? null,
    weight: options.weight ?? 1,
    indicators: options.indicators ?? [],
    progress: null,
  };
}

function plan(themes: { title: string; objectives: PlanActionView[][] }[], period = [2026, 2026]): PlanView {
  return {
    id: 'plan-1',
    title: 'Plan d’action 2026',
    periodFrom: period[0]!,
    periodTo: period[1]!,
    createdAt: '2026-01-01T00:00:00.000Z',
    progress: null,
    themes: themes.map((theme) => ({
      id: id('theme'),
      title: theme.title,
      kind: 'enjeu',
      generalObjective: '',
      progress: null,
      objectives: theme.objectives.map((actions, i) => ({
        id: id('obj'),
        text: `Objectif ${i + 1}`,
        actions,
        progress: null,
      })),
    })),
  };
}

describe('effectiveTimeline and years', () => {
  const at = (timeline: string) => ({ timeline, parsedTimeline: parseTimeline(timeline) });

  it('keeps what the shared parser understood', () => {
    expect(effectiveTimeline(at('2025-2026'))).toEqual({ kind: 'range', from: 2025, to: 2026 });
    expect(effectiveTimeline(at('Hiver 2026'))).toEqual({ kind: 'season', season: 'hiver', year: 2026 });
    expect(effectiveTimeline(at('Poursuite en 2026'))).toEqual({ kind: 'year', year: 2026 });
    expect(effectiveTimeline(at(''))).toBeNull();
  });

  it('reads the free text of real plans', () => {
    expect(effectiveTimeline(at('En continu 2026'))).toEqual({ kind: 'ongoing' });
    expect(effectiveTimeline(at('2 fois par année et en continu pour ajouts'))).toEqual({ kind: 'ongoing' });
    expect(effectiveTimeline(at('Automne 2025 et 2027'))).toEqual({ kind: 'range', from: 2025, to: 2027 });
    expect(effectiveTimeline(at('Une rencontre'))).toEqual({ kind: 'text', text: 'Une rencontre' });
  });

  it('matches years: ongoing every year, ranges each of theirs, undated none', () => {
    expect(touchesYear(at('En continu'), 1999)).toBe(true);
    expect(touchesYear(at('2025-2027'), 2026)).toBe(true);
    expect(touchesYear(at('2025-2027'), 2028)).toBe(false);
    expect(touchesYear(at('Hiver 2026'), 2026)).toBe(true);
    expect(touchesYear(at(''), 2026)).toBe(false);
  });
});

describe('filterPlan', () => {
  const food = action('Frigos', {
    territoryIds: ['mrc-r'],
    communityIds: ['cdp-sa'],
    indicators: [counted(4, [['2026-03-01', 2]])],
  });
  const news = action('Infolettre', { timeline: 'En continu', status: 'ongoing', territoryIds: ['mrc-h'] });
  const done = action('Portrait', { timeline: '2025', status: 'done' });
  const full = plan([
    { title: 'SÉCURITÉ ALIMENTAIRE', objectives: [[food, news]] },
    { title: 'LOGEMENT', objectives: [[done]] },
  ]);

  it('returns the plan untouched without filters', () => {
    expect(filterPlan(full, NO_FILTERS)).toBe(full);
  });

  it('drops unmatched actions and the branches they empty, and recomputes progress', () => {
    const byMrc = filterPlan(full, { ...NO_FILTERS, territoryId: 'mrc-r' });
    expect(byMrc.themes.map((t) => t.title)).toEqual(['SÉCURITÉ ALIMENTAIRE']);
    expect(byMrc.themes[0]?.objectives[0]?.actions.map((a) => a.text)).toEqual(['Frigos']);
    expect(byMrc.progress).toBeCloseTo(0.5); // 2 of 4
  });

  it('filters by community, status and year (ongoing in every year)', () => {
    const names = (p: PlanView) =>
      p.themes.flatMap((t) => t.objectives.flatMap((o) => o.actions.map((a) => a.text)));
    expect(names(filterPlan(full, { ...NO_FILTERS, communityId: 'cdp-sa' }))).toEqual(['Frigos']);
    expect(names(filterPlan(full, { ...NO_FILTERS, status: 'done' }))).toEqual(['Portrait']);
    expect(names(filterPlan(full, { ...NO_FILTERS, year: 2025 }))).toEqual(['Infolettre', 'Portrait']);
    expect(names(filterPlan(full, { ...NO_FILTERS, year: 2030 }))).toEqual(['Infolettre']);
  });
});

describe('rollUp', () => {
  it('follows the shared rule: weighted means, themes weigh their actions', () => {
    const p = plan([
      {
        title: 'A',
        objectives: [[action('a1', { status: 'done' }), action('a2', { status: 'not_started' })]],
      },
      { title: 'B', objectives: [[action('b1', { status: 'done', weight: 2 })]] },
    ]);
    const rolled = rollUp(p.themes);
    expect(rolled.themes.map((t) => t.progress)).toEqual([0.5, 1]);
    expect(rolled.progress.value).toBeCloseTo((0.5 * 2 + 1 * 2) / 4);
  });

  it('gives no progress to branches without actions', () => {
    const rolled = rollUp(plan([{ title: 'Vide', objectives: [[]] }]).themes);
    expect(rolled.themes[0]?.progress).toBeNull();
    expect(rolled.progress.value).toBeNull();
  });
});

describe('dashboardRows', () => {
  const p = plan([
    {
      title: 'SA',
      objectives: [
        [
          action('frigos', {
            territoryIds: ['mrc-r', 'mrc-h'],
            communityIds: ['cdp-sa'],
            budget: 12500,
            status: 'done',
          }),
          action('bons coups', {
            territoryIds: ['mrc-r'],
            communityIds: ['cdp-sa'],
            budget: 12500,
            status: 'not_started',
          }),
          action('importée', { status: 'in_progress' }),
        ],
      ],
    },
  ]);

  it('counts, averages and sums per MRC, an action in each MRC it serves', () => {
    expect(dashboardRows(p, 'territoryIds', ['mrc-r', 'mrc-h', 'mrc-v'])).toEqual([
      // frigos serves two MRCs: half its 12 500 $ in each; the rows add up to the plan's 25 000 $.
      { id: 'mrc-r', actions: 2, progress: 0.5, budget: 18750 },
      { id: 'mrc-h', actions: 1, progress: 1, budget: 6250 },
      { id: 'mrc-v', actions: 0, progress: null, budget: null },
      // In progress with nothing measured: no number.
      { id: null, actions: 1, progress: null, budget: null },
    ]);
  });

  it('splits a budget in cents that add up exactly', () => {
    expect([0, 1, 2].map((i) => budgetShare(100, 3, i))).toEqual([33.34, 33.33, 33.33]);
    expect(budgetShare(12500, 1, 0)).toBe(12500);
  });

  it('groups per community the same way', () => {
    expect(dashboardRows(p, 'communityIds', ['cdp-sa'])).toEqual([
      { id: 'cdp-sa', actions: 2, progress: 0.5, budget: 25000 },
      { id: null, actions: 1, progress: null, budget: null },
    ]);
  });

  it('counts statuses', () => {
    expect(statusCounts(p)).toEqual({ unset: 0, not_started: 1, in_progress: 1, done: 1, ongoing: 0 });
  });
});

describe('progressHistory', () => {
  it('replays measurements up to each date with today’s statuses', () => {
    const meetings = counted(4, [
      ['2026-03-01', 1],
      ['2026-06-01', 3],
    ]);
    const fridges = counted(5, [['2026-04-15', 5]]);
    const p = plan([
      {
        title: 'SA',
        objectives: [
          [
            action('rencontres', { indicators: [meetings] }),
            action('frigos', { indicators: [fridges] }),
            action('pas commencée', { status: 'not_started', indicators: [counted(2, [['2026-05-01', 2]])] }),
          ],
        ],
      },
    ]);
    const history = progressHistory(p);
    expect(history.map((h) => h.date)).toEqual(['2026-03-01', '2026-04-15', '2026-05-01', '2026-06-01']);
    // rencontres 1/4, frigos not measured yet (left out: no number invented), pas commencée 0.
    expect(history[0]?.value).toBeCloseTo((0.25 + 0) / 2);
    expect(history[1]?.value).toBeCloseTo((0.25 + 1 + 0) / 3);
    // A measure on a not-started action does not move it: statuses are today's.
    expect(history[2]?.value).toBeCloseTo((0.25 + 1 + 0) / 3);
    expect(history[3]?.value).toBeCloseTo((0.75 + 1 + 0) / 3);
  });

  it('is empty without measurements', () => {
    expect(progressHistory(plan([{ title: 'A', objectives: [[action('a')]] }]))).toEqual([]);
  });
});

describe('timeline placement', () => {
  const p = plan(
    [
      {
        title: 'A',
        objectives: [[action('r', { timeline: '2025-2026' }), action('s', { timeline: 'Hiver 2026' })]],
      },
    ],
    [2026, 2026],
  );

  it('widens the plan period to dated actions', () => {
    expect(timelineRange(p)).toEqual({ from: 2025, to: 2026 });
    expect(filterYears(p)).toEqual([2025, 2026]);
  });

  it('places years, seasons and ranges on quarters; ongoing and undated in their lanes', () => {
    const at = (timeline: string) => placeAction({ timeline, parsedTimeline: parseTimeline(timeline) }, 2025);
    expect(at('2026')).toEqual({ lane: 'dated', start: 4, end: 8 });
    expect(at('2025-2026')).toEqual({ lane: 'dated', start: 0, end: 8 });
    expect(at('Hiver 2026')).toEqual({ lane: 'dated', start: 4, end: 5 });
    expect(at('Automne 2025')).toEqual({ lane: 'dated', start: 3, end: 4 });
    expect(at('En continu')).toEqual({ lane: 'ongoing' });
    expect(at('')).toEqual({ lane: 'undated' });
    expect(at('Une rencontre')).toEqual({ lane: 'undated' });
  });
});

describe('planFormat', () => {
  const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

  it('formats money the Québec way', () => {
    expect(spaces(formatMoney(25000, 'fr'))).toBe('25 000 $');
    expect(spaces(formatMoney(12500.5, 'fr'))).toBe('12 500,50 $');
    expect(formatMoney(25000, 'en')).toBe('$25,000');
  });

  it('formats percentages and days', () => {
    expect(spaces(formatPercent(0.754, 'fr'))).toBe('75 %');
    expect(formatPercent(0.754, 'en')).toBe('75%');
    expect(formatDay('2026-03-01', 'fr')).toBe('1 mars 2026');
    expect(formatDay('2026-03-01', 'en')).toBe('March 1, 2026');
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('showGeneralObjective', () => {
  it('hides a general objective that only repeats an orientation', () => {
    expect(
      showGeneralObjective({
        title: "Orientation 1: Collaborer au développement d'une vision intégrée",
        generalObjective: 'Collaborer au developpement d’une vision intégrée',
      }),
    ).toBe(false);
    expect(
      showGeneralObjective({ title: 'TRANSPORT', generalObjective: 'Favoriser la capacité d’agir' }),
    ).toBe(true);
    expect(showGeneralObjective({ title: 'TRANSPORT', generalObjective: '' })).toBe(false);
  });
});

describe('currentPlan', () => {
  const summary = (id: string, from: number, to: number, createdAt: string, archived = false) => ({
    id,
    periodFrom: from,
    periodTo: to,
    createdAt,
    archived,
  });

  it('picks the newest plan whose period covers the year', () => {
    const plans = [
      summary('old', 2025, 2027, '2025-01-01T00:00:00Z'),
      summary('new', 2026, 2026, '2026-02-01T00:00:00Z'),
      summary('next', 2027, 2027, '2026-03-01T00:00:00Z'),
    ];
    expect(currentPlan(plans, 2026)?.id).toBe('new');
    expect(currentPlan(plans, 2027)?.id).toBe('next');
  });

  it('falls back on the newest plan when none covers the year, and skips archived plans', () => {
    const plans = [
      summary('covers-but-archived', 2026, 2026, '2026-03-01T00:00:00Z', true),
      summary('older', 2020, 2021, '2020-01-01T00:00:00Z'),
      summary('newer', 2022, 2023, '2022-01-01T00:00:00Z'),
    ];
    expect(currentPlan(plans, 2026)?.id).toBe('newer');
  });

  it('has no current plan when there is none to choose', () => {
    expect(currentPlan([], 2026)).toBeNull();
    expect(currentPlan([summary('a', 2026, 2026, '2026-01-01T00:00:00Z', true)], 2026)).toBeNull();
  });

  it('writes a one-year period as the year, a longer one as a range', () => {
    expect(periodText({ periodFrom: 2026, periodTo: 2026 })).toBe('2026');
    expect(periodText({ periodFrom: 2017, periodTo: 2020 })).toBe('2017–2020');
  });
});
