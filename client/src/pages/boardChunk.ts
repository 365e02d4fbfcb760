/**
 * The board page's code (Yjs, socket.io, the board's components), one download shared by its
 * route and by the pages that know a board comes next: a guest typing in the join form, a forum's
 * list of boards. Fetched ahead, it loads while the guest types and the join answers; a failure
 * here is left to the route, which loads it again.
 */
export const loadBoardPage = () => import('./BoardPage');

/** Starts loading the board page's code, once; never throws. */
export function preloadBoardPage(): void {
  loadBoardPage().catch(() => undefined);
}
