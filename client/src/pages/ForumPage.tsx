import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ForumSummary } from '@cocon/shared';
import { api } from '../api/endpoints';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useOrgPath } from '../org/useOrgPath';
import { preloadBoardPage } from './boardChunk';

/** The boards of one forum (where guests land when a forum has several boards). */
export function ForumPage() {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const { forumId = '' } = useParams();
  const { user } = useSession();
  // The join form hands over the forum it has just read: shown at once, not asked again.
  const location = useLocation();
  const [forum, setForum] = useState<ForumSummary | null>(() => handedForum(location.state, forumId));
  const handed = useRef(forum !== null);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  // A board is what comes next here.
  useEffect(preloadBoardPage, []);

  useEffect(() => {
    if (handed.current) {
      handed.current = false;
      return;
    }
    let alive = true;
    api
      .forum(forumId)
      .then((result) => alive && setForum(result))
      .catch((err: unknown) => alive && setError(errorCodeOf(err)));
    return () => {
      alive = false;
    };
  }, [forumId, user]);

  // A guest has nothing to choose in a forum of one board (a reload, the board's "← forum" link):
  // the board opens directly.
  const only = user?.kind === 'guest' && forum?.boards.length === 1 ? forum.boards[0] : undefined;
  if (only) return <Navigate to={inOrg(`/boards/${only.id}`)} replace />;

  return (
    <div className="page narrow">
      {user?.kind === 'account' && (
        <p>
          <Link to={inOrg('/forums')}>← {t('forum.back')}</Link>
        </p>
      )}
      <ErrorMessage code={error} />
      {!forum && !error && <p>{t('app.loading')}</p>}
      {forum && (
        <>
          <h1>{forum.title}</h1>
          {forum.description && <p className="muted">{forum.description}</p>}
          {forum.joinCode && (
            <p className="join-code-box">
              <span className="join-code-label">{t('forums.joinCode')}</span>
              <span className="join-code">{forum.joinCode}</span>
            </p>
          )}
          <h2>{t('forum.boards')}</h2>
          {forum.boards.length === 0 && <p className="muted">{t('forum.noBoards')}</p>}
          <ul className="board-links big">
            {[...forum.boards]
              .sort((a, b) => a.order - b.order)
              .map((board) => (
                <li key={board.id}>
                  <Link to={inOrg(`/boards/${board.id}`)} className="board-link">
                    {board.title}
                  </Link>
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The forum the join form left in the router state, if it is this one. */
function handedForum(state: unknown, forumId: string): ForumSummary | null {
  const forum = (state as { forum?: ForumSummary } | null)?.forum;
  return forum && forum.id === forumId && Array.isArray(forum.boards) ? forum : null;
}
