import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ForumSummary } from '@cocon/shared';
import { api } from '../api/endpoints';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useOrgPath } from '../org/useOrgPath';

/** The boards of one forum (where guests land when a forum has several boards). */
export function ForumPage() {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const { forumId = '' } = useParams();
  const { user } = useSession();
  const [forum, setForum] = useState<ForumSummary | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .forum(forumId)
      .then((result) => alive && setForum(result))
      .catch((err: unknown) => alive && setError(errorCodeOf(err)));
    return () => {
      alive = false;
    };
  }, [forumId, user]);

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
