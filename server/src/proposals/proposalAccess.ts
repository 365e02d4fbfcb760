import { proposalRole, type ProposalRole } from '@cocon/shared';
import type { Database, ProposalDoc } from '../db/mongo.js';
import { actorOf, type Session } from '../auth/sessions.js';

export {
  canCommentProposal as canComment,
  canWriteProposal as canWrite,
  proposalDocAccess,
  type ProposalRole,
} from '@cocon/shared';

/**
 * A person's part on one proposal (the rule is `proposalRole` in shared/src/policies.ts); this
 * resolves the one fact it needs from the database: membership of the proposal's community.
 */
export async function proposalRoleFor(
  db: Database,
  session: Session | null,
  proposal: Pick<ProposalDoc, 'communityId' | 'shareToken' | 'organizationId'>,
  shareToken: string | null = null,
): Promise<ProposalRole | null> {
  const actor = session ? actorOf(session) : null;
  const inOrganization =
    session?.kind === 'account' &&
    session.organizationId === proposal.organizationId &&
    session.role === 'member';
  const memberOfCommunity = inOrganization
    ? (await db.memberships.findOne({
        organizationId: proposal.organizationId,
        userId: session.userId,
        communityId: proposal.communityId,
      })) !== null
    : false;
  return proposalRole(actor, proposal, { memberOfCommunity, shareToken });
}
