/**
 * Names of the Yjs documents served at /yjs/<docName>.
 * - `board:<boardId>`: the public idea board every participant reads.
 * - `board-moderation:<boardId>`: hidden ideas' texts and reasons, facilitators only.
 * - `proposal-text:<proposalId>`: a proposal's rich text (Tiptap), co-edited by its writers.
 * - `proposal-fields:<proposalId>`: its structured plan fields, frozen once adopted.
 */
export type DocName =
  | { kind: 'board'; boardId: string }
  | { kind: 'boardModeration'; boardId: string }
  | { kind: 'proposalText'; proposalId: string }
  | { kind: 'proposalFields'; proposalId: string };

const ID = '[A-Za-z0-9_-]{1,64}';
const BOARD_RE = new RegExp(`^board:(${ID})$`);
const MODERATION_RE = new RegExp(`^board-moderation:(${ID})$`);
const PROPOSAL_RE = new RegExp(`^proposal-(text|fields):(${ID})$`);

export const boardDocName = (boardId: string): string => `board:${boardId}`;
export const moderationDocName = (boardId: string): string => `board-moderation:${boardId}`;
export const proposalTextDocName = (proposalId: string): string => `proposal-text:${proposalId}`;
export const proposalFieldsDocName = (proposalId: string): string => `proposal-fields:${proposalId}`;

export function parseDocName(name: string): DocName | null {
  const board = BOARD_RE.exec(name);
  if (board?.[1]) return { kind: 'board', boardId: board[1] };
  const moderation = MODERATION_RE.exec(name);
  if (moderation?.[1]) return { kind: 'boardModeration', boardId: moderation[1] };
  const proposal = PROPOSAL_RE.exec(name);
  if (proposal?.[2]) {
    const proposalId = proposal[2];
    return proposal[1] === 'text'
      ? { kind: 'proposalText', proposalId }
      : { kind: 'proposalFields', proposalId };
  }
  return null;
}
