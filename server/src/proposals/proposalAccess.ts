import { fieldsFrozen, isFacilitatorRole, type DocAccess, type ProposalStatus } from '@cocon/shared';
import type { Database, ProposalDoc } from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';

/** A person's part on one proposal. */
export type ProposalRole = 'facilitator' | 'writer' | 'commenter' | 'reader';

/**
 * Members of the proposal's community write; facilitators and admins write everywhere; other
 * signed-in accounts comment (peer feedback); a share link reads.
 */
export async function proposalRoleFor(
  db: Database,
  session: Session | null,
  proposal: Pick<ProposalDoc, 'communityId' | 'shareToken'>,
  shareToken: string | null = null,
): Promise<ProposalRole | null> {
  if (session?.kind === 'account') {
    if (isFacilitatorRole(session.role)) return 'facilitator';
    const member = await db.memberships.findOne({
      userId: session.userId,
      communityId: proposal.communityId,
    });
    return member ? 'writer' : 'commenter';
  }
  if (shareToken && proposal.shareToken && shareToken === proposal.shareToken) return 'reader';
  return null;
}

export const canWrite = (role: ProposalRole | null): boolean => role === 'facilitator' || role === 'writer';
export const canComment = (role: ProposalRole | null): boolean => role !== null && role !== 'reader';

/** Rich text stays writable after adoption; structured fields freeze. */
export function proposalDocAccess(
  role: ProposalRole | null,
  part: 'text' | 'fields',
  status: ProposalStatus,
): DocAccess {
  if (!role) return 'none';
  if (!canWrite(role)) return 'read';
  if (part === 'fields' && fieldsFrozen(status)) return 'read';
  return 'write';
}
