import type {
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
import { ApiRequestError, http } from '../api/http';

const enc = encodeURIComponent;
const round = (roundId: string) => `/rounds/${enc(roundId)}`;

/**
 * A refused ballot line, with which rule refused it (`problem`) and, when another representative
 * changed the line first, the line as stored now (`line`).
 */
export class BallotLineError extends ApiRequestError {
  readonly problem: BallotProblem | null;
  readonly line: BallotLine | null;
  constructor(base: ApiRequestError) {
    super(base.code, base.status, base.message, base.issues, base.detail);
    this.name = 'BallotLineError';
    this.problem = isProblem(base.detail.problem) ? base.detail.problem : null;
    this.line = base.detail.line ?? null;
  }
}

const isProblem = (value: unknown): value is BallotProblem =>
  typeof value === 'string' && (BALLOT_PROBLEMS as readonly string[]).includes(value);

const putLine = (roundId: string, projectId: string, body: BallotLineBody) =>
  http.put<BallotView>(`${round(roundId)}/ballot/lines/${enc(projectId)}`, body).catch((error: unknown) => {
    throw error instanceof ApiRequestError ? new BallotLineError(error) : error;
  });

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
