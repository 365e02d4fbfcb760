import type { BoardMeta, Phase } from './board.js';
import type { BoardRole } from './roles.js';
import type { ErrorCode } from './errors.js';

/** What a participant can do on a board; facilitators can always do everything. */
export type BoardAction = 'post' | 'editOwn' | 'deleteOwn' | 'react' | 'comment' | 'vote';

/** Which participant actions each phase opens. */
export const PHASE_ACTIONS: Record<Phase, readonly BoardAction[]> = {
  collect: ['post', 'editOwn', 'deleteOwn', 'react', 'comment'],
  discuss: ['react', 'comment', 'deleteOwn'],
  vote: ['vote', 'react'],
  closed: [],
};

/** Returns null when allowed, or the error code that explains the refusal. */
export function checkBoardAction(
  role: BoardRole,
  meta: Pick<BoardMeta, 'phase' | 'locked'>,
  action: BoardAction,
): ErrorCode | null {
  if (role === 'facilitator') return null;
  if (meta.locked) return 'board_locked';
  return PHASE_ACTIONS[meta.phase].includes(action) ? null : 'wrong_phase';
}

/** Returns null when a vote change of `delta` keeps the participant within their dots. */
export function checkVote(
  dotsPerParticipant: number,
  dotsUsed: number,
  dotsOnIdea: number,
  delta: 1 | -1,
): ErrorCode | null {
  if (delta === -1) return dotsOnIdea > 0 ? null : 'invalid';
  return dotsUsed + 1 <= dotsPerParticipant ? null : 'no_dots_left';
}
