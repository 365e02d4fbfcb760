import { z } from 'zod';
import { idSchema } from './ids.js';
import type { FundRuleErrorCode } from './fundMath.js';

/**
 * The consolidated regional fund (fonds consolidé) and the partners' consultation on how it is
 * allocated. Money is always in whole cents. One fund per plan; its decisions set the budget of
 * the plan's actions.
 *
 *   fund: years, partners' contributions per year (optionally earmarked for a theme or an MRC),
 *         envelopes per theme (a most), floors per MRC (a least)
 *   round: a consultation on a set of adopted proposals (projects) with its rules
 *   ballot: one per partner organization and round, written by its representatives line by line
 *   scenario: an allocation of the round's budget, checked against every rule, with its cash flow
 *   decision: the scenario kept, with its justification
 */

export const ALLOCATION_METHODS = ['points', 'envelope'] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];
export const OPINIONS = ['consent', 'objection'] as const;
export type Opinion = (typeof OPINIONS)[number];
export const ROUND_STATUSES = ['open', 'closed', 'decided'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const SCENARIO_KINDS = ['consultation', 'equal_per_mrc', 'proportional', 'custom'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export const FUND_LIMITS = {
  yearsMax: 10,
  contributionsMax: 200,
  /** One billion dollars: far above any regional fund, far below float trouble. */
  amountMaxCents: 100_000_000_000,
  projectsPerRoundMax: 100,
  pointsMax: 10_000,
  reasonMax: 1_000,
  justificationMax: 4_000,
} as const;

const cents = z.number().int('whole cents').min(0).max(FUND_LIMITS.amountMaxCents);
const year = z.number().int().min(2000).max(2100);
const label = (max: number) => z.string().trim().min(1).max(max);

export interface YearAmount {
  year: number;
  cents: number;
}

export interface PartnerView {
  id: string;
  name: string;
  representatives: { id: string; name: string; email: string }[];
}

export interface FundContribution {
  id: string;
  partnerId: string;
  year: number;
  amountCents: number;
  /** Money that may only go to projects of this theme and/or serving this MRC. */
  earmarkTheme: string | null;
  earmarkMrc: string | null;
}

export interface FundSettings {
  title: string;
  startYear: number;
  years: number;
  contributions: FundContribution[];
  /** The most the fund gives, over its life, to projects of a theme. */
  themeEnvelopes: { theme: string; amountCents: number }[];
  /** The least each round gives to projects serving an MRC, so no territory is left out. */
  mrcFloors: { mrcId: string; amountCents: number }[];
}

export interface FundView extends FundSettings {
  id: string;
  planId: string;
  updatedAt: string;
  totalCents: number;
  /** What earlier decisions already spend each year. */
  decidedByYear: YearAmount[];
  rounds: RoundSummary[];
}

export const fundSettingsBody = z
  .object({
    title: label(200),
    startYear: year,
    years: z.number().int().min(1).max(FUND_LIMITS.yearsMax),
    contributions: z
      .array(
        z
          .object({
            id: idSchema,
            partnerId: idSchema,
            year,
            amountCents: cents,
            earmarkTheme: z.string().trim().min(1).max(200).nullable(),
            earmarkMrc: idSchema.nullable(),
          })
          .strict(),
      )
      .max(FUND_LIMITS.contributionsMax),
    themeEnvelopes: z.array(z.object({ theme: label(200), amountCents: cents }).strict()).max(50),
    mrcFloors: z.array(z.object({ mrcId: idSchema, amountCents: cents }).strict()).max(50),
  })
  .strict()
  .superRefine((fund, ctx) => {
    fund.contributions.forEach((c, i) => {
      if (c.year < fund.startYear || c.year >= fund.startYear + fund.years) {
        ctx.addIssue({
          code: 'custom',
          path: ['contributions', i, 'year'],
          message: 'outside the fund years',
        });
      }
    });
    const unique = <T>(items: T[], key: (t: T) => string, path: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(key(item))) ctx.addIssue({ code: 'custom', path: [path, i], message: 'duplicate' });
        seen.add(key(item));
      });
    };
    unique(fund.contributions, (c) => c.id, 'contributions');
    unique(fund.themeEnvelopes, (e) => e.theme, 'themeEnvelopes');
    unique(fund.mrcFloors, (f) => f.mrcId, 'mrcFloors');
  });
export type FundSettingsBody = z.input<typeof fundSettingsBody>;

export const createPartnerBody = z.object({ name: label(200) }).strict();
export const addRepresentativeBody = z.object({ email: z.string().trim().email().max(200) }).strict();

export interface RoundRules {
  method: AllocationMethod;
  /** Points each partner distributes (method "points"). */
  pointsPerPartner: number;
  /** A project that is funded receives at least this (0: no minimum). */
  minPerProjectCents: number;
  /** No project receives more than this (null: its request is the only limit). */
  maxPerProjectCents: number | null;
  /** Whether the fund's MRC floors bind this round. */
  applyMrcFloors: boolean;
}

export const roundRulesSchema = z
  .object({
    method: z.enum(ALLOCATION_METHODS),
    pointsPerPartner: z.number().int().min(1).max(FUND_LIMITS.pointsMax),
    minPerProjectCents: cents,
    maxPerProjectCents: cents.nullable(),
    applyMrcFloors: z.boolean(),
  })
  .strict()
  .refine((r) => r.maxPerProjectCents === null || r.maxPerProjectCents >= r.minPerProjectCents, {
    message: 'the maximum is below the minimum',
    path: ['maxPerProjectCents'],
  });

export const openRoundBody = z
  .object({
    title: label(200),
    budgetCents: cents.refine((c) => c > 0, 'must be more than zero'),
    projectIds: z.array(idSchema).min(1).max(FUND_LIMITS.projectsPerRoundMax),
    rules: roundRulesSchema,
  })
  .strict();
export type OpenRoundBody = z.input<typeof openRoundBody>;

/** A project of a round: an adopted proposal, with what it asks the fund for, year by year. */
export interface RoundProject {
  id: string;
  title: string;
  theme: string;
  territories: string[];
  /** Budget lines minus their co-financing. */
  requestedCents: number;
  requestByYear: YearAmount[];
}

export interface RoundSummary {
  id: string;
  fundId: string;
  title: string;
  status: RoundStatus;
  budgetCents: number;
  projectCount: number;
  openedAt: string;
  closedAt: string | null;
  decidedAt: string | null;
}

export interface RoundPartner {
  id: string;
  name: string;
  /** What this partner distributes: its points, or its share of the budget in cents. */
  limit: number;
  hasBallot: boolean;
}

export interface DecisionView {
  scenarioKind: ScenarioKind;
  scenarioName: string;
  allocations: { projectId: string; cents: number }[];
  cashFlow: CashFlowRow[];
  justification: string;
  decidedByName: string;
  decidedAt: string;
}

export interface RoundView extends RoundSummary {
  planId: string;
  rules: RoundRules;
  projects: RoundProject[];
  partners: RoundPartner[];
  decision: DecisionView | null;
  viewer: { facilitator: boolean; partnerId: string | null; partnerName: string | null };
}

export interface BallotLine {
  projectId: string;
  /** Points, or cents of the partner's envelope. */
  amount: number;
  opinion: Opinion | null;
  reason: string;
  /** Bumped on every change of this line: a representative edits against the rev it saw. */
  rev: number;
  updatedByName: string;
  updatedAt: string;
}

export interface BallotView {
  roundId: string;
  partnerId: string;
  partnerName: string;
  method: AllocationMethod;
  limit: number;
  used: number;
  lines: BallotLine[];
}

/** A line nobody has written yet (rev 0): what a ballot shows for a project until then. */
export const emptyBallotLine = (projectId: string): BallotLine => ({
  projectId,
  amount: 0,
  opinion: null,
  reason: '',
  rev: 0,
  updatedByName: '',
  updatedAt: '',
});

/**
 * One line of a ballot. `baseRev` is the line's rev the representative started from: if another
 * representative changed that line since, the edit is refused (409) rather than silently lost.
 */
export const ballotLineBody = z
  .object({
    amount: z.number().int().min(0).max(FUND_LIMITS.amountMaxCents),
    opinion: z.enum(OPINIONS).nullable(),
    reason: z.string().trim().max(FUND_LIMITS.reasonMax),
    baseRev: z.number().int().min(0),
  })
  .strict();
export type BallotLineBody = z.input<typeof ballotLineBody>;

/** Why a ballot line is refused: the client translates the code. */
export const BALLOT_PROBLEMS = [
  'round_not_open',
  'unknown_project',
  'over_limit',
  'above_cap',
  'reason_required',
  'line_changed',
] as const;
export type BallotProblem = (typeof BALLOT_PROBLEMS)[number];

export interface CashFlowRow {
  year: number;
  /** Contributions of the year minus what earlier decisions spend that year. */
  availableCents: number;
  spendCents: number;
  /** Cumulative: unspent money carries over to the next year. */
  balanceCents: number;
}

export const VIOLATION_CODES = [
  'over_budget',
  'above_cap',
  'below_minimum',
  'floor_unmet',
  'envelope_exceeded',
  'earmark_unmet',
  'cash_shortfall',
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

export interface Violation {
  code: ViolationCode;
  /** A project id, theme, MRC id or year, depending on the code. */
  subject: string;
  actualCents: number;
  limitCents: number;
}

export interface ScenarioView {
  id: string;
  kind: ScenarioKind;
  name: string;
  allocations: { projectId: string; cents: number }[];
  totalCents: number;
  cashFlow: CashFlowRow[];
  violations: Violation[];
  /** Set when no allocation of this kind exists (floors that cannot all be met...). */
  error: string | null;
  errorCode: FundRuleErrorCode | null;
  /** What the error is about (MRC ids for floors), for a translated message. */
  errorSubjects: string[];
}

export const customScenarioBody = z
  .object({
    name: label(120),
    allocations: z
      .array(z.object({ projectId: idSchema, cents }).strict())
      .max(FUND_LIMITS.projectsPerRoundMax),
  })
  .strict();
export type CustomScenarioBody = z.input<typeof customScenarioBody>;

export const decisionBody = z
  .object({
    scenarioId: z.string().min(1).max(80),
    justification: label(FUND_LIMITS.justificationMax),
  })
  .strict();
export type DecisionBody = z.input<typeof decisionBody>;

export interface ProjectResult {
  projectId: string;
  /** Points or cents given by all ballots. */
  total: number;
  supporters: number;
  consents: number;
  objections: { partnerId: string; partnerName: string; reason: string }[];
  /** What the consultation scenario gives it. */
  allocatedCents: number;
}

export interface ResultsView {
  roundId: string;
  method: AllocationMethod;
  ballots: number;
  partners: number;
  projects: ProjectResult[];
  byTheme: { key: string; cents: number }[];
  byMrc: { key: string; cents: number }[];
  byYear: YearAmount[];
  /** Why the consultation cannot be turned into money (floors...), if it cannot. */
  consultationError: string | null;
  consultationErrorCode: FundRuleErrorCode | null;
  consultationErrorSubjects: string[];
  /** Once closed: whether totals recomputed now from the stored ballots equal those at closing. */
  matchesClosing: boolean | null;
}

export interface FundAuditEntry {
  at: string;
  actorName: string;
  action: string;
  details: Record<string, string | number | boolean | null>;
}
