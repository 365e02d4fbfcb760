/**
 * Names of the Yjs documents served at /yjs/<docName>.
 * - `board:<boardId>`: the public idea board every participant reads.
 * - `board-moderation:<boardId>`: hidden ideas' texts and reasons, facilitators only.
 */
export type DocName = { kind: 'board'; boardId: string } | { kind: 'boardModeration'; boardId: string };

const ID = '[A-Za-z0-9_-]{1,64}';
const BOARD_RE = new RegExp(`^board:(${ID})$`);
const MODERATION_RE = new RegExp(`^board-moderation:(${ID})$`);

export const boardDocName = (boardId: string): string => `board:${boardId}`;
export const moderationDocName = (boardId: string): string => `board-moderation:${boardId}`;

export function parseDocName(name: string): DocName | null {
  const board = BOARD_RE.exec(name);
  if (board?.[1]) return { kind: 'board', boardId: board[1] };
  const moderation = MODERATION_RE.exec(name);
  if (moderation?.[1]) return { kind: 'boardModeration', boardId: moderation[1] };
  return null;
}
