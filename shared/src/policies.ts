import {
  isFacilitatorRole,
  type AccountRole,
  type BoardRole,
  type DocAccess,
  type SessionKind,
} from './roles.js';
import { contentFrozen, type ProposalStatus } from './proposalWorkflow.js';

/**
 * Who may do what to which thing: the one place the rules live. The server resolves the facts
 * (the session, the thing's organisation, memberships) and asks here, for HTTP, socket.io and
 * /yjs alike; the client asks the same questions to decide what to show.
 */

/** The person acting, as the session knows them. */
export interface Actor {
  kind: SessionKind;
  /** Role in `organizationId`; null for guests. */
  role: AccountRole | null;
  /** The organisation the session acts in; for guests, their forum's. */
  organizationId: string | null;
  /** Guests: the one forum they joined. */
  forumId: string | null;
}

/** Anything that belongs to an organisation. */
export interface Owned {
  organizationId: string | null;
}

/** True when the thing belongs to the organisation the actor acts in. */
export function sameOrganization(actor: Actor, thing: Owned): boolean {
  return actor.organizationId !== null && thing.organizationId === actor.organizationId;
}

const account = (actor: Actor): boolean => actor.kind === 'account' && actor.role !== null;

/** Reads the organisation's own lists (communities, territories, themes, plans, proposals). */
export function canReadOrganization(actor: Actor, thing: Owned): boolean {
  return account(actor) && sameOrganization(actor, thing);
}

/** Runs forums, promotes ideas, manages plans, the fund and the workflow of proposals. */
export function canFacilitate(actor: Actor, thing: Owned): boolean {
  return account(actor) && sameOrganization(actor, thing) && isFacilitatorRole(actor.role);
}

/** Sets the organisation up: its settings, territories, themes, communities, partners, people. */
export function canAdminister(actor: Actor, thing: Owned): boolean {
  return account(actor) && sameOrganization(actor, thing) && actor.role === 'admin';
}

/** A board's role for the actor, or null when the board is not theirs to see. */
export function boardRole(actor: Actor, board: Owned & { forumId: string }): BoardRole | null {
  if (actor.kind === 'guest') {
    return actor.forumId === board.forumId && sameOrganization(actor, board) ? 'participant' : null;
  }
  if (!canReadOrganization(actor, board)) return null;
  return isFacilitatorRole(actor.role) ? 'facilitator' : 'participant';
}

/**
 * Moderates a board: hides, moves, approves ideas (one by one or in bulk), sets its pace, removes
 * a participant from its forum.
 */
export function canModerateBoard(role: BoardRole | null): boolean {
  return role === 'facilitator';
}

/** Only guests are removed from a forum (accounts are managed by their organisation's admins). */
export function canRemoveFromForum(role: BoardRole | null, author: { kind: 'guest' | 'account' }): boolean {
  return canModerateBoard(role) && author.kind === 'guest';
}

/** Runs a board's countdown (start, pause, add time, clear) and chooses what happens at zero. */
export function canRunBoardTimer(role: BoardRole | null): boolean {
  return role === 'facilitator';
}

/**
 * Board documents are read-only for everyone (changes arrive as validated intents); the
 * moderation document is for facilitators only.
 */
export function boardDocAccess(role: BoardRole | null, kind: 'board' | 'boardModeration'): DocAccess {
  if (!role) return 'none';
  return kind === 'board' || role === 'facilitator' ? 'read' : 'none';
}

/** A person's part on one proposal. */
export type ProposalRole = 'facilitator' | 'writer' | 'commenter' | 'reader';

/**
 * Facilitators write every proposal of their organisation; members of the proposal's community
 * write it; other members and partners comment (peer feedback); readers and share links read.
 */
export function proposalRole(
  actor: Actor | null,
  proposal: Owned & { shareToken: string | null },
  facts: { memberOfCommunity: boolean; shareToken: string | null },
): ProposalRole | null {
  if (actor && account(actor) && sameOrganization(actor, proposal)) {
    if (isFacilitatorRole(actor.role)) return 'facilitator';
    if (actor.role === 'member' && facts.memberOfCommunity) return 'writer';
    if (actor.role === 'reader') return 'reader';
    return 'commenter';
  }
  if (facts.shareToken && proposal.shareToken && facts.shareToken === proposal.shareToken) return 'reader';
  return null;
}

export const canWriteProposal = (role: ProposalRole | null): boolean =>
  role === 'facilitator' || role === 'writer';
export const canCommentProposal = (role: ProposalRole | null): boolean => role !== null && role !== 'reader';

/**
 * A proposal's documents (its rich text and its structured fields alike): writers write while it
 * is a draft or sent back for changes; under review and once decided everyone reads, so that what
 * is adopted is what was submitted.
 */
export function proposalDocAccess(role: ProposalRole | null, status: ProposalStatus): DocAccess {
  if (!role) return 'none';
  if (!canWriteProposal(role)) return 'read';
  if (contentFrozen(status)) return 'read';
  return 'write';
}

/** Creates a proposal in a community: facilitators anywhere, members in their communities. */
export function canCreateProposal(actor: Actor, community: Owned, memberOfCommunity: boolean): boolean {
  if (!canReadOrganization(actor, community)) return false;
  return isFacilitatorRole(actor.role) || (actor.role === 'member' && memberOfCommunity);
}
