import { boardDocAccess as docAccessFor, boardRole, type BoardRole, type DocAccess } from '@cocon/shared';
import type { BoardDoc, Database } from '../db/mongo.js';
import { actorOf, type Session } from '../auth/sessions.js';

/** Looks boards up by id; a board never changes forum, so lookups are cached. */
export class BoardDirectory {
  private readonly cache = new Map<string, BoardDoc>();

  constructor(private readonly db: Database) {}

  async get(boardId: string): Promise<BoardDoc | null> {
    const cached = this.cache.get(boardId);
    if (cached) return cached;
    const board = await this.db.boards.findOne({ _id: boardId });
    if (board) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(boardId, board);
    }
    return board;
  }

  forget(boardId: string): void {
    this.cache.delete(boardId);
  }
}

/** A person's role on a board, or null when the board is not theirs to see. */
export function boardRoleFor(
  session: Session,
  board: Pick<BoardDoc, 'forumId' | 'organizationId'>,
): BoardRole | null {
  return boardRole(actorOf(session), board);
}

/**
 * What a WebSocket connection may do with a board document. Board documents are read-only for
 * everyone: changes arrive as validated intents over socket.io and the server applies them.
 */
export function boardDocAccess(
  session: Session,
  kind: 'board' | 'boardModeration',
  board: Pick<BoardDoc, 'forumId' | 'organizationId'>,
): DocAccess {
  return docAccessFor(boardRoleFor(session, board), kind);
}
