import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS, type BoardSummary, type ForumSummary } from '@cocon/shared';
import { api } from '../api/endpoints';
import type { ClientErrorCode } from '../api/http';
import { canFacilitate, useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useOrgPath } from '../org/useOrgPath';

/** Facilitator dashboard: forums with their join codes, create a forum, add boards. */
export function ForumsPage() {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const { user, loading } = useSession();
  const [forums, setForums] = useState<ForumSummary[] | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  const load = useCallback(() => {
    api
      .forums()
      .then((list) => {
        setForums(list);
        setError(null);
      })
      .catch((err: unknown) => setError(errorCodeOf(err)));
  }, []);

  useEffect(() => {
    if (user) load();
  }, [user, load]);

  if (loading) return <p className="page">{t('app.loading')}</p>;
  if (!user) return <Navigate to="/" replace />;
  if (user.kind === 'guest' && user.forumId)
    return <Navigate to={inOrg(`/forums/${user.forumId}`)} replace />;

  const onForumCreated = (forum: ForumSummary) => setForums((list) => [forum, ...(list ?? [])]);
  const onBoardAdded = (board: BoardSummary) =>
    setForums((list) =>
      (list ?? []).map((forum) =>
        forum.id === board.forumId ? { ...forum, boards: [...forum.boards, board] } : forum,
      ),
    );

  return (
    <div className="page">
      <h1>{t('forums.title')}</h1>
      <ErrorMessage code={error} />
      {forums === null && !error && <p>{t('app.loading')}</p>}
      {forums?.length === 0 && <p className="muted">{t('forums.empty')}</p>}
      <ul className="forum-list">
        {forums?.map((forum) => (
          <li key={forum.id}>
            <ForumCard forum={forum} canEdit={canFacilitate(user)} onBoardAdded={onBoardAdded} />
          </li>
        ))}
      </ul>
      {canFacilitate(user) && <CreateForumForm onCreated={onForumCreated} />}
    </div>
  );
}

function ForumCard({
  forum,
  canEdit,
  onBoardAdded,
}: {
  forum: ForumSummary;
  canEdit: boolean;
  onBoardAdded: (board: BoardSummary) => void;
}) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const titleId = `forum-${forum.id}-title`;
  return (
    <article className="card forum-card" aria-labelledby={titleId}>
      <div className="forum-card-head">
        <div>
          <h2 id={titleId}>
            <Link to={inOrg(`/forums/${forum.id}`)}>{forum.title}</Link>
          </h2>
          {forum.description && <p className="muted">{forum.description}</p>}
        </div>
        {forum.joinCode && (
          <div className="join-code-box">
            <span className="join-code-label">{t('forums.joinCode')}</span>
            <span className="join-code" data-testid="join-code">
              {forum.joinCode}
            </span>
          </div>
        )}
      </div>
      <p className="muted small">{t('forums.boards', { count: forum.boards.length })}</p>
      <ul className="board-links">
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
      {canEdit && <AddBoardForm forumId={forum.id} onAdded={onBoardAdded} />}
    </article>
  );
}

function AddBoardForm({ forumId, onAdded }: { forumId: string; onAdded: (board: BoardSummary) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const inputId = `add-board-${forumId}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onAdded(await api.createBoard(forumId, { title: title.trim(), communityId: null }));
      setTitle('');
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void onSubmit(e)}>
      <label htmlFor={inputId}>{t('forums.boardTitle')}</label>
      <div className="inline-form-row">
        <input
          id={inputId}
          className="input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={LIMITS.titleMax}
          required
        />
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? t('forums.adding') : t('forums.addBoard')}
        </button>
      </div>
      <ErrorMessage code={error} />
    </form>
  );
}

function CreateForumForm({ onCreated }: { onCreated: (forum: ForumSummary) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [boards, setBoards] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const forum = await api.createForum({
        title: title.trim(),
        description: description.trim(),
        boards: boards
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      });
      onCreated(forum);
      setCreated(forum.title);
      setTitle('');
      setDescription('');
      setBoards('');
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-forum-title">
      <h2 id="create-forum-title">{t('forums.createTitle')}</h2>
      <form onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor="forum-title">{t('forums.forumTitle')}</label>
          <input
            id="forum-title"
            className="input"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={LIMITS.titleMax}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="forum-description">{t('forums.description')}</label>
          <textarea
            id="forum-description"
            className="input"
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={2000}
          />
        </div>
        <div className="field">
          <label htmlFor="forum-boards">{t('forums.boardTitles')}</label>
          <textarea
            id="forum-boards"
            className="input"
            rows={3}
            value={boards}
            onChange={(e) => setBoards(e.target.value)}
            aria-describedby="forum-boards-hint"
          />
          <p id="forum-boards-hint" className="hint">
            {t('forums.boardTitlesHint')}
          </p>
        </div>
        <ErrorMessage code={error} />
        <p className="form-status" role="status">
          {created && t('forums.created', { title: created })}
        </p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('forums.creating') : t('forums.create')}
        </button>
      </form>
    </section>
  );
}
