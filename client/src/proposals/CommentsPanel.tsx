import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentAnchor, ProposalCommentView, ProposalFieldsView } from '@cocon/shared';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import type { ClientErrorCode } from '../api/http';
import { proposalApi } from './api';
import { describePath, listFieldPaths } from './fieldPaths';
import { formatDateTime } from './format';

/**
 * Threads anchored to a field or to a passage of the rich text; replies, resolve and reopen.
 * Writers and commenters (signed-in people outside the community) comment; share links read.
 */
export function CommentsPanel({
  proposalId,
  comments,
  canComment,
  view,
  draftAnchor,
  onDraftAnchor,
  onShowAnchor,
  onChanged,
}: {
  proposalId: string;
  comments: ProposalCommentView[];
  canComment: boolean;
  view: ProposalFieldsView | null;
  draftAnchor: CommentAnchor | null;
  onDraftAnchor: (anchor: CommentAnchor | null) => void;
  onShowAnchor: (anchor: CommentAnchor) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [showResolved, setShowResolved] = useState(false);
  const open = comments.filter((c) => !c.resolved);
  const resolved = comments.filter((c) => c.resolved);
  const shown = showResolved ? resolved : open;

  return (
    <section className="comments-panel" aria-labelledby="comments-title" data-testid="comments-panel">
      <h2 id="comments-title">{t('proposals.comments')}</h2>
      {canComment ? (
        <NewComment
          proposalId={proposalId}
          view={view}
          anchor={draftAnchor}
          onAnchor={onDraftAnchor}
          onPosted={onChanged}
        />
      ) : (
        <p className="muted small">{t('proposals.commentsReadOnly')}</p>
      )}
      <div className="p-segmented" role="group" aria-label={t('proposals.commentFilter')}>
        <button type="button" aria-pressed={!showResolved} onClick={() => setShowResolved(false)}>
          {t('proposals.openThreads', { count: open.length })}
        </button>
        <button type="button" aria-pressed={showResolved} onClick={() => setShowResolved(true)}>
          {t('proposals.resolvedThreads', { count: resolved.length })}
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="empty small">{showResolved ? t('proposals.noResolved') : t('proposals.noComments')}</p>
      ) : (
        <ul className="thread-list">
          {shown.map((comment) => (
            <Thread
              key={comment.id}
              proposalId={proposalId}
              comment={comment}
              view={view}
              canComment={canComment}
              onShowAnchor={onShowAnchor}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

export function AnchorLabel({ anchor, view }: { anchor: CommentAnchor; view: ProposalFieldsView | null }) {
  const { t } = useTranslation();
  if (anchor.kind === 'field') return <>{describePath(anchor.path, view, t)}</>;
  return (
    <>
      {t(anchor.fragment === 'context' ? 'proposals.context' : 'proposals.description')} :{' '}
      <q className="anchor-quote">{anchor.quote}</q>
    </>
  );
}

function NewComment({
  proposalId,
  view,
  anchor,
  onAnchor,
  onPosted,
}: {
  proposalId: string;
  view: ProposalFieldsView | null;
  anchor: CommentAnchor | null;
  onAnchor: (anchor: CommentAnchor | null) => void;
  onPosted: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState('');
  const effective: CommentAnchor = anchor ?? { kind: 'field', path: 'title' };
  const paths = view ? listFieldPaths(view) : ['title'];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      await proposalApi.addComment(proposalId, effective, value);
      setText('');
      onAnchor(null);
      setStatus(t('proposals.commentPosted'));
      onPosted();
    } catch (e) {
      setError(errorCodeOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="new-comment" onSubmit={(e) => void onSubmit(e)} id="new-comment">
      {effective.kind === 'text' ? (
        <div className="comment-anchor">
          <span className="field-label">{t('proposals.commentAbout')}</span>
          <p className="quote small">
            <AnchorLabel anchor={effective} view={view} />
          </p>
          <button type="button" className="link-button" onClick={() => onAnchor(null)}>
            {t('proposals.anchorOnField')}
          </button>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-anchor`}>{t('proposals.commentAbout')}</label>
          <select
            id={`${id}-anchor`}
            className="select"
            value={effective.path}
            onChange={(e) => onAnchor({ kind: 'field', path: e.target.value })}
          >
            {(paths.includes(effective.path) ? paths : [effective.path, ...paths]).map((path) => (
              <option key={path} value={path}>
                {describePath(path, view, t)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('proposals.yourComment')}</label>
        <textarea
          id={`${id}-text`}
          className="input"
          rows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <p className="hint">{t('proposals.commentHint')}</p>
      <ErrorMessage code={error} />
      <button type="submit" className="button button-primary button-small" disabled={busy || !text.trim()}>
        {t('proposals.postComment')}
      </button>
      <p className="form-status" role="status">
        {status}
      </p>
    </form>
  );
}

function Thread({
  proposalId,
  comment,
  view,
  canComment,
  onShowAnchor,
  onChanged,
}: {
  proposalId: string;
  comment: ProposalCommentView;
  view: ProposalFieldsView | null;
  canComment: boolean;
  onShowAnchor: (anchor: CommentAnchor) => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [reply, setReply] = useState('');
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
      return true;
    } catch (e) {
      setError(errorCodeOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onReply = async (event: FormEvent) => {
    event.preventDefault();
    const value = reply.trim();
    if (!value) return;
    if (await run(() => proposalApi.reply(proposalId, comment.id, value))) {
      setReply('');
      setReplying(false);
    }
  };

  return (
    <li className={`thread${comment.resolved ? ' is-resolved' : ''}`} data-testid="comment-thread">
      <p className="thread-anchor small">
        <button type="button" className="link-button" onClick={() => onShowAnchor(comment.anchor)}>
          <AnchorLabel anchor={comment.anchor} view={view} />
        </button>
      </p>
      <p className="thread-text">{comment.text}</p>
      <p className="comment-meta">
        {comment.authorName} · {formatDateTime(comment.createdAt, i18n.language)}
      </p>
      {comment.replies.length > 0 && (
        <ul className="reply-list">
          {comment.replies.map((r) => (
            <li key={r.id} className="reply">
              <p className="thread-text">{r.text}</p>
              <p className="comment-meta">
                {r.authorName} · {formatDateTime(r.createdAt, i18n.language)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage code={error} />
      {canComment && (
        <div className="thread-tools">
          {replying ? (
            <form className="reply-form" onSubmit={(e) => void onReply(e)}>
              <label htmlFor={id} className="visually-hidden">
                {t('proposals.replyLabel', { name: comment.authorName })}
              </label>
              <textarea
                id={id}
                className="input"
                rows={2}
                maxLength={2000}
                value={reply}
                onChange={(e) => setReply(e.target.value)}
                autoFocus
                onKeyDown={(e) => e.key === 'Escape' && setReplying(false)}
              />
              <div className="inline-form-row">
                <button
                  type="submit"
                  className="button button-primary button-small"
                  disabled={busy || !reply.trim()}
                >
                  {t('proposals.sendReply')}
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => setReplying(false)}
                >
                  {t('proposals.cancel')}
                </button>
              </div>
            </form>
          ) : (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setReplying(true)}
            >
              {t('proposals.reply')}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={busy}
            onClick={() => void run(() => proposalApi.resolve(proposalId, comment.id, !comment.resolved))}
          >
            {comment.resolved ? t('proposals.reopenThread') : t('proposals.resolveThread')}
          </button>
        </div>
      )}
      {comment.resolved && <p className="muted small">{t('proposals.resolvedNote')}</p>}
    </li>
  );
}
