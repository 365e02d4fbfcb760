import type {
  Community,
  CreatePlanBody,
  PlanSummary,
  PlanView,
  Territory,
  UpdateActionBody,
  UpdatePlanBody,
} from '@cocon/shared';
import { api } from '../api/endpoints';
import { ApiRequestError, http, parseApiError } from '../api/http';

/** What POST /api/plans/import answers (server/src/plan/planService.ts, ImportReport). */
export interface ImportReport {
  format: 'horizon-2026' | 'mauricie-2017';
  title: string;
  counts: { themes: number; objectives: number; actions: number; indicators: number; timelines: number };
  unrecognized: { line: number; text: string; reason: string }[];
  written: boolean;
  planId: string | null;
}

export const PLAN_EXPORT_FORMATS = ['json', 'csv', 'csv-fr', 'docx', 'pdf'] as const;
export type PlanExportFormat = (typeof PLAN_EXPORT_FORMATS)[number];

const plan = (planId: string) => `/plans/${encodeURIComponent(planId)}`;

/**
 * The plan file travels as text/plain, which the JSON helper does not send: this posts it with
 * the session's CSRF token (GET /api/session answers the current one).
 */
async function postText<T>(path: string, text: string): Promise<T> {
  const { csrfToken } = await api.session();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'text/plain; charset=utf-8',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      credentials: 'same-origin',
      body: text,
    });
  } catch {
    throw new ApiRequestError('network', 0, 'network error');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw parseApiError(json, response.status);
  return json as T;
}

/** The /api/plans routes (server/src/http/planRoutes.ts). */
export const planApi = {
  /** The organisation's plans; archived ones only when asked for. */
  list: (options: { archived?: boolean } = {}) =>
    http.get<PlanSummary[]>(options.archived ? '/plans?archived=1' : '/plans'),
  get: (planId: string) => http.get<PlanView>(plan(planId)),
  create: (body: CreatePlanBody) => http.post<PlanView>('/plans', body),
  /** Renames, archives or unarchives. */
  update: (planId: string, body: UpdatePlanBody) => http.patch<PlanView>(plan(planId), body),
  /** Deletes the plan and its actions; 409 in_use when its fund has a consultation round. */
  remove: (planId: string) => http.delete<undefined>(plan(planId)),
  import: (text: string, options: { dryRun: boolean; skipErrors: boolean; planId?: string | null }) => {
    const query = new URLSearchParams({
      dryRun: options.dryRun ? '1' : '0',
      skipErrors: options.skipErrors ? '1' : '0',
    });
    if (options.planId) query.set('planId', options.planId);
    return postText<ImportReport>(`/plans/import?${query.toString()}`, text);
  },
  updateAction: (planId: string, actionId: string, body: UpdateActionBody) =>
    http.patch<undefined>(`${plan(planId)}/actions/${encodeURIComponent(actionId)}`, body),
  addMilestone: (planId: string, actionId: string, body: { date: string; label: string; done: boolean }) =>
    http.post<undefined>(`${plan(planId)}/actions/${encodeURIComponent(actionId)}/milestones`, body),
  addMeasurement: (
    planId: string,
    indicatorId: string,
    body: { date: string; value: number; note: string },
  ) =>
    http.post<undefined>(`${plan(planId)}/indicators/${encodeURIComponent(indicatorId)}/measurements`, body),
  addNote: (planId: string, indicatorId: string, body: { date: string; text: string }) =>
    http.post<undefined>(`${plan(planId)}/indicators/${encodeURIComponent(indicatorId)}/notes`, body),
  /** Takes back a mistaken measure or note (indicator) or milestone (action). */
  removeEntry: (
    planId: string,
    kind: 'indicators' | 'actions',
    itemId: string,
    list: 'measurements' | 'notes' | 'milestones',
    entryId: string,
  ) =>
    http.delete<undefined>(
      `${plan(planId)}/${kind}/${encodeURIComponent(itemId)}/${list}/${encodeURIComponent(entryId)}`,
    ),
  territories: () => http.get<Territory[]>('/territories'),
  communities: () => http.get<Community[]>('/communities'),
};

/** A plain link: the browser downloads with the session cookie. */
export const planExportUrl = (planId: string, format: PlanExportFormat): string =>
  `/api${plan(planId)}/export?format=${format}`;
