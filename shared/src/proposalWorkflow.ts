import type { AccountRole } from './roles.js';

/** draft -> submitted -> changes requested -> (resubmitted) -> adopted | declined; reopen. */
export const PROPOSAL_STATUSES = ['draft', 'submitted', 'changes_requested', 'adopted', 'declined'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_ACTIONS = ['submit', 'request_changes', 'adopt', 'decline', 'reopen'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** Who acts on a proposal: its community's members write, facilitators review. */
export type ProposalActor = 'writer' | 'facilitator';

const TRANSITIONS: Record<
  ProposalAction,
  { from: ProposalStatus[]; to: ProposalStatus; by: ProposalActor[] }
> = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', by: ['writer', 'facilitator'] },
  request_changes: { from: ['submitted'], to: 'changes_requested', by: ['facilitator'] },
  adopt: { from: ['submitted'], to: 'adopted', by: ['facilitator'] },
  decline: { from: ['submitted'], to: 'declined', by: ['facilitator'] },
  reopen: { from: ['adopted', 'declined'], to: 'draft', by: ['facilitator'] },
};

/** Actions that need a reason in the audit log. */
export const ACTIONS_NEEDING_REASON: readonly ProposalAction[] = ['request_changes', 'decline', 'reopen'];

export type TransitionResult =
  | { ok: true; to: ProposalStatus }
  | { ok: false; code: 'forbidden' | 'conflict' | 'invalid'; message: string };

export function transition(
  status: ProposalStatus,
  action: ProposalAction,
  actor: ProposalActor,
  reason: string,
): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.by.includes(actor))
    return { ok: false, code: 'forbidden', message: 'You cannot do this on this proposal.' };
  if (!rule.from.includes(status))
    return { ok: false, code: 'conflict', message: `Not possible from status ${status}.` };
  if (ACTIONS_NEEDING_REASON.includes(action) && reason.trim().length === 0) {
    return { ok: false, code: 'invalid', message: 'Give a reason.' };
  }
  return { ok: true, to: rule.to };
}

/** The actions open to `actor` from `status`, for the interface. */
export function availableActions(status: ProposalStatus, actor: ProposalActor): ProposalAction[] {
  return PROPOSAL_ACTIONS.filter(
    (a) => TRANSITIONS[a].from.includes(status) && TRANSITIONS[a].by.includes(actor),
  );
}

/**
 * The text and the structured fields are frozen from submission on: what the facilitators review
 * and adopt is what was submitted. They thaw when a facilitator requests changes or reopens it.
 */
export const contentFrozen = (status: ProposalStatus): boolean =>
  status === 'submitted' || status === 'adopted' || status === 'declined';

export function proposalActorFor(
  role: AccountRole | null,
  isCommunityMember: boolean,
): ProposalActor | 'commenter' {
  if (role === 'admin' || role === 'facilitator') return 'facilitator';
  return isCommunityMember ? 'writer' : 'commenter';
}
