import type {
  Community,
  CreateProposalBody,
  ListProposalsQuery,
  ProposalAction,
  ProposalCommentView,
  ProposalDetail,
  ProposalDiff,
  ProposalHistoryEntry,
  ProposalSummary,
  ProposalVersionDetail,
  ProposalVersionSummary,
  CommentAnchor,
  Territory,
} from '@cocon/shared';
import { http } from '../api/http';

const base = (id: string) => `/proposals/${encodeURIComponent(id)}`;
/** A share link reads without a session: every read carries its token. */
const shareQuery = (share: string | null, sep: '?' | '&' = '?') =>
  share ? `${sep}share=${encodeURIComponent(share)}` : '';

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The /api/proposals routes (docs/API.md, "Proposals"). */
export const proposalApi = {
  list: (filters: ListProposalsQuery) =>
    http.get<ProposalSummary[]>(`/proposals${query(filters as Record<string, string | undefined>)}`),
  create: (body: CreateProposalBody) => http.post<ProposalDetail>('/proposals', body),
  detail: (id: string, share: string | null) => http.get<ProposalDetail>(`${base(id)}${shareQuery(share)}`),
  /** `planId` (adoption only): the plan it rolls into; null for the organisation's current plan. */
  transition: (id: string, action: ProposalAction, reason: string, planId: string | null = null) =>
    http.post<ProposalDetail>(`${base(id)}/transition`, { action, reason, planId }),
  share: (id: string) => http.post<{ shareToken: string }>(`${base(id)}/share`),
  history: (id: string) => http.get<ProposalHistoryEntry[]>(`${base(id)}/history`),
  versions: (id: string, share: string | null) =>
    http.get<ProposalVersionSummary[]>(`${base(id)}/versions${shareQuery(share)}`),
  saveVersion: (id: string, name: string) =>
    http.post<ProposalVersionSummary>(`${base(id)}/versions`, { name }),
  version: (id: string, versionId: string, share: string | null) =>
    http.get<ProposalVersionDetail>(
      `${base(id)}/versions/${encodeURIComponent(versionId)}${shareQuery(share)}`,
    ),
  restore: (id: string, versionId: string) =>
    http.post<undefined>(`${base(id)}/versions/${encodeURIComponent(versionId)}/restore`),
  diff: (id: string, from: string, to: string, share: string | null) =>
    http.get<ProposalDiff>(
      `${base(id)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${shareQuery(share, '&')}`,
    ),
  comments: (id: string, share: string | null) =>
    http.get<ProposalCommentView[]>(`${base(id)}/comments${shareQuery(share)}`),
  addComment: (id: string, anchor: CommentAnchor, text: string) =>
    http.post<ProposalCommentView>(`${base(id)}/comments`, { anchor, text }),
  reply: (id: string, commentId: string, text: string) =>
    http.post<ProposalCommentView>(`${base(id)}/comments/${encodeURIComponent(commentId)}/replies`, { text }),
  resolve: (id: string, commentId: string, resolved: boolean) =>
    http.post<ProposalCommentView>(`${base(id)}/comments/${encodeURIComponent(commentId)}/resolve`, {
      resolved,
    }),
};

/** Reference data for filters and forms. */
export const referenceApi = {
  communities: () => http.get<Community[]>('/communities'),
  themes: () => http.get<string[]>('/themes'),
  territories: () => http.get<Territory[]>('/territories'),
};
