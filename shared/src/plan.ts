import { z } from 'zod';
import { idSchema } from './ids.js';
import { CHOSEN_ACTION_STATUSES, type ActionStatus } from './planProgress.js';
import { foldForSearch } from './search.js';
import type { Timeline } from './timeline.js';

/**
 * The integrated regional plan: theme (enjeu, visée, orientation) -> general objective ->
 * specific objectives -> actions -> indicators, each action with its timeline, status,
 * milestones, communities and MRCs, and, when it came from a proposal, the link to it.
 */

export type ThemeKind = 'enjeu' | 'visee' | 'orientation';

export interface PlanMeasurement {
  id: string;
  /** ISO date (yyyy-mm-dd). */
  date: string;
  value: number;
  note: string;
}

export interface PlanIndicatorView {
  id: string;
  kind: 'quantitative' | 'qualitative';
  text: string;
  target: number | null;
  unit: string;
  measurements: PlanMeasurement[];
  notes: { id: string; date: string; text: string }[];
  progress: number | null;
}

export interface PlanActionView {
  id: string;
  text: string;
  timeline: string;
  parsedTimeline: Timeline | null;
  status: ActionStatus;
  milestones: { id: string; date: string; label: string; done: boolean }[];
  communityIds: string[];
  territoryIds: string[];
  proposalId: string | null;
  /** Dollars allocated (from the proposal's budget or the fund's decision). */
  budget: number | null;
  weight: number;
  indicators: PlanIndicatorView[];
  progress: number | null;
}

export interface PlanObjectiveView {
  id: string;
  text: string;
  actions: PlanActionView[];
  progress: number | null;
}

export interface PlanThemeView {
  id: string;
  title: string;
  kind: ThemeKind;
  generalObjective: string;
  objectives: PlanObjectiveView[];
  progress: number | null;
}

export interface PlanSummary {
  id: string;
  title: string;
  periodFrom: number;
  periodTo: number;
  createdAt: string;
  progress: number | null;
  /** Archived plans leave the lists (unless asked for) and the adoption choices; still readable. */
  archived?: boolean;
}

export interface PlanView extends PlanSummary {
  themes: PlanThemeView[];
}

/**
 * Whether a theme's general objective is worth a line of its own: not when empty, nor when older
 * plans repeat the orientation's title as its general objective (said once, in pages and exports).
 */
export function showGeneralObjective(theme: Pick<PlanThemeView, 'title' | 'generalObjective'>): boolean {
  const general = foldForSearch(theme.generalObjective);
  return general.length > 0 && !foldForSearch(theme.title).includes(general);
}

/** A plan's title, the same bound when it is created and when it is renamed. */
export const PLAN_TITLE_MAX = 200;
const planTitle = z.string().trim().min(1).max(PLAN_TITLE_MAX);

export const createPlanBody = z
  .object({
    title: planTitle,
    periodFrom: z.number().int().min(2000).max(2100),
    periodTo: z.number().int().min(2000).max(2100),
    /** Copy ongoing and unfinished actions from this plan (carry-over). */
    carryOverFrom: idSchema.optional(),
  })
  .strict()
  .refine((b) => b.periodFrom <= b.periodTo, {
    message: 'periodFrom must not be after periodTo',
    path: ['periodTo'],
  });

/** PATCH /api/plans/:planId: rename, archive or unarchive. */
export const updatePlanBody = z
  .object({
    title: planTitle.optional(),
    archived: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.title !== undefined || b.archived !== undefined, {
    message: 'change the title or the archived flag',
  });

export const updateActionBody = z
  .object({
    status: z.enum(CHOSEN_ACTION_STATUSES).optional(),
    weight: z.number().positive().max(100).optional(),
    communityIds: z.array(idSchema).max(20).optional(),
    territoryIds: z.array(idSchema).max(20).optional(),
  })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date yyyy-mm-dd');
export const addMilestoneBody = z
  .object({ date: isoDate, label: z.string().trim().min(1).max(200), done: z.boolean().default(false) })
  .strict();
export const addMeasurementBody = z
  .object({
    date: isoDate,
    value: z.number().finite().min(0).max(1e9),
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export const addNoteBody = z.object({ date: isoDate, text: z.string().trim().min(1).max(2000) }).strict();

export type CreatePlanBody = z.input<typeof createPlanBody>;
export type UpdateActionBody = z.input<typeof updateActionBody>;
export type UpdatePlanBody = z.input<typeof updatePlanBody>;
