import type {
  ApiError,
  BallotLine,
  BallotLineBody,
  BallotProblem,
  BallotView,
  CustomScenarioBody,
  DecisionBody,
  FundAuditEntry,
  FundSettingsBody,
  FundView,
  OpenRoundBody,
  PartnerView,
  ProposalSummary,
  ResultsView,
  RoundView,
  ScenarioView,
} from '@cocon/shared';
import { BALLOT_PROBLEMS } from '@cocon/shared';
import { api } from '../api/endpoints';
import { ApiRequestError, http, parseApiError } from '../api/http';

const enc = encodeURIComponent;
const round = (roundId: string) => `/rounds/${enc(roundId)}`;

/**
 * A refused ballot line: the shared `ApiError` also says which rule refused it (`problem`) and,
 * when another representative changed the line first, the line as stored now (`line`). The
 * generic helper keeps only code and message, so ballot lines go through `putLine` below.
 */
export class BallotLineError extends ApiRequestError {
  constructor(
    base: ApiRequestError,
    readonly problem: BallotProblem | null,
    readonly line: BallotLine | null,
  ) {
    super(base.code, base.status, base.message, base.issues);
    this.name = 'BallotLineError';
  }
}

const isProblem = (value: unknown): value is BallotProblem =>
  typeof value === 'string' && (BALLOT_PROBLEMS as readonly string[]).includes(value);

// The session's CSRF token, read once per page from GET /api/session (it does not change while
// the session lives); a 403 'csrf' reads it again once.
let csrf: Promise<string | null> | null = null;
const csrfToken = () => (csrf ??= api.session().then((s) => s.csrfToken));

async function putLine(roundId: string, projectId: string, body: BallotLineBody, retry = true) {
  const token = await csrfToken().catch(() => null);
  let response: Response;
  try {
    response = await fetch(`/api${round(roundId)}/ballot/lines/${enc(projectId)}`, {
      method: 'PUT',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(token ? { 'x-csrf-token': token } : {}),
      },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new BallotLineError(new ApiRequestError('network', 0, 'network error'), null, null);
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) return json as BallotView;
  const base = parseApiError(json, response.status);
  if (base.code === 'csrf' && retry) {
    csrf = null;
    return putLine(roundId, projectId, body, false);
  }
  const error = (json as { error?: Partial<ApiError> } | null)?.error;
  throw new BallotLineError(base, isProblem(error?.problem) ? error.problem : null, error?.line ?? null);
}

/** The fund and consultation routes (docs/API.md, "The consolidated fund and its consultation"). */
export const fundApi = {
  partners: () => http.get<PartnerView[]>('/partners'),
  createPartner: (name: string) => http.post<PartnerView>('/partners', { name }),
  addRepresentative: (partnerId: string, email: string) =>
    http.post<PartnerView>(`/partners/${enc(partnerId)}/representatives`, { email }),
  removeRepresentative: (partnerId: string, userId: string) =>
    http.delete<PartnerView>(`/partners/${enc(partnerId)}/representatives/${enc(userId)}`),
  fund: (planId: string) => http.get<FundView>(`/plans/${enc(planId)}/fund`),
  saveFund: (planId: string, body: FundSettingsBody) =>
    http.put<FundView>(`/plans/${enc(planId)}/fund`, body),
  openRound: (fundId: string, body: OpenRoundBody) =>
    http.post<RoundView>(`/funds/${enc(fundId)}/rounds`, body),
  round: (roundId: string) => http.get<RoundView>(round(roundId)),
  ballot: (roundId: string) => http.get<BallotView>(`${round(roundId)}/ballot`),
  putLine: (roundId: string, projectId: string, body: BallotLineBody) => putLine(roundId, projectId, body),
  results: (roundId: string) => http.get<ResultsView>(`${round(roundId)}/results`),
  close: (roundId: string) => http.post<RoundView>(`${round(roundId)}/close`),
  reopen: (roundId: string) => http.post<RoundView>(`${round(roundId)}/reopen`),
  scenarios: (roundId: string) => http.get<ScenarioView[]>(`${round(roundId)}/scenarios`),
  saveScenario: (roundId: string, body: CustomScenarioBody) =>
    http.post<ScenarioView>(`${round(roundId)}/scenarios`, body),
  decide: (roundId: string, body: DecisionBody) => http.post<RoundView>(`${round(roundId)}/decision`, body),
  audit: (roundId: string) => http.get<FundAuditEntry[]>(`${round(roundId)}/audit`),
  themes: () => http.get<string[]>('/themes'),
  adoptedProposals: () => http.get<ProposalSummary[]>('/proposals?status=adopted'),
};
