import type { DocAccess, DocName } from '@cocon/shared';
import type { Database } from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';
import { boardDocAccess, type BoardDirectory } from '../boards/boardAccess.js';
import { proposalDocAccess, proposalRoleFor } from '../proposals/proposalAccess.js';

/** Per-document authorization for /yjs upgrades, by kind of document. */
export function makeDocumentAccess(db: Database, boards: BoardDirectory) {
  return async (session: Session | null, docName: DocName, shareToken: string | null): Promise<DocAccess> => {
    switch (docName.kind) {
      case 'board':
      case 'boardModeration': {
        const board = session ? await boards.get(docName.boardId) : null;
        return session && board ? boardDocAccess(session, docName.kind, board) : 'none';
      }
      case 'proposalText':
      case 'proposalFields': {
        const proposal = await db.proposals.findOne(
          { _id: docName.proposalId },
          { projection: { communityId: 1, shareToken: 1, status: 1, organizationId: 1 } },
        );
        if (!proposal) return 'none';
        const role = await proposalRoleFor(db, session, proposal, shareToken);
        return proposalDocAccess(role, proposal.status);
      }
    }
  };
}
