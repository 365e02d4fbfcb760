import { createContext, use } from 'react';
import type { BoardMeta, BoardRole, GroupRecord, IdeaView } from '@cocon/shared';
import type { BoardActions } from './actions';
import type { HiddenIdeas } from './moderationStore';

/** What every idea card needs besides its idea; changes rarely (phase, groups, my dots). */
export interface BoardContextValue {
  role: BoardRole;
  viewerId: string | null;
  /** My anonymous ideas (keyed apart from `viewerId`). */
  ownIdeaIds: ReadonlySet<string>;
  meta: BoardMeta;
  groups: readonly GroupRecord[];
  dotsLeft: number;
  actions: BoardActions;
  hidden: HiddenIdeas;
  requestHide: (idea: IdeaView) => void;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoardContext(): BoardContextValue {
  const value = use(BoardContext);
  if (!value) throw new Error('useBoardContext outside <BoardContext>');
  return value;
}
