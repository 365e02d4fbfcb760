import type * as Y from 'yjs';
import { boardMaps, canModerateBoard, type ClientEventData, type ClientEventResults } from '@cocon/shared';
import { INTENT_ORIGIN, groupIdea, hideIdea, type Actor, type MutationResult } from './boardMutations.js';

/**
 * Bulk intents of facilitators: the one-idea rule applied to each named idea, all inside one
 * transaction per document, so every other client receives a single update (and never sees half
 * of a bulk hide). Ids named twice count once; ideas that do not exist are skipped.
 */

const forbidden = (): MutationResult<never> => ({
  ok: false,
  code: 'forbidden',
  message: 'Only facilitators can do this.',
});

export function hideIdeas(
  board: Y.Doc,
  moderation: Y.Doc,
  actor: Actor,
  input: ClientEventData<'ideas:hide'>,
  now: number,
): MutationResult<ClientEventResults['ideas:hide']> {
  if (!canModerateBoard(actor.role)) return forbidden();
  const hidden: string[] = [];
  board.transact(() => {
    moderation.transact(() => {
      for (const ideaId of new Set(input.ideaIds)) {
        const result = hideIdea(
          board,
          moderation,
          actor,
          { boardId: input.boardId, ideaId, reason: input.reason },
          now,
        );
        if (result.ok) hidden.push(ideaId);
      }
    }, INTENT_ORIGIN);
  }, INTENT_ORIGIN);
  return { ok: true, data: { hidden } };
}

export function groupIdeas(
  board: Y.Doc,
  actor: Actor,
  input: ClientEventData<'ideas:group'>,
): MutationResult<ClientEventResults['ideas:group']> {
  if (!canModerateBoard(actor.role)) return forbidden();
  if (input.groupId !== null && !boardMaps(board).groups.has(input.groupId)) {
    return { ok: false, code: 'not_found', message: 'This cluster does not exist.' };
  }
  const grouped: string[] = [];
  board.transact(() => {
    for (const ideaId of new Set(input.ideaIds)) {
      const result = groupIdea(board, actor, { boardId: input.boardId, ideaId, groupId: input.groupId });
      if (result.ok) grouped.push(ideaId);
    }
  }, INTENT_ORIGIN);
  return { ok: true, data: { grouped } };
}
