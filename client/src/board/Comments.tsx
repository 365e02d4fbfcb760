import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type IdeaView } from '@cocon/shared';
import type { BoardActions } from './actions';
import { RelativeTime } from './RelativeTime';

/** One level of comments under an idea, collapsed by default to keep the board scannable. */
export function Comments({
  idea,
  canComment,
  viewerId,
  moderator,
  actions,
}: {
  idea: IdeaView;
  canComment: boolean;
  viewerId: string | null;
  moderator: boolean;
  actions: BoardActions;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const count = idea.comments.length;
  if (count === 0 && !canComment) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setSending(true);
    const ack = await actions.comment(idea.id, value);
    setSending(false);
    if (ack.ok) setText('');
  };

  return (
    <div className="comments">
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={`${id}-comments`}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t('comments.hide') : count > 0 ? t('comments.show', { count }) : t('comments.add')}
      </button>
      {open && (
        <div id={`${id}-comments`} className="comments-body">
          {count > 0 && (
            <ul className="comment-list">
              {idea.comments.map((comment) => (
                <li key={comment.id} className="comment">
                  <p className="comment-text">{comment.text}</p>
                  <p className="comment-meta">
                    {comment.authorName ?? t('idea.anonymous')} · <RelativeTime at={comment.createdAt} />
                    {(moderator || (canComment && comment.authorId === viewerId)) && (
                      <button
                        type="button"
                        className="link-button danger"
                        onClick={() => void actions.deleteComment(idea.id, comment.id)}
                      >
                        {t('comments.delete')}
                      </button>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {canComment && (
            <form className="comment-form" onSubmit={(e) => void onSubmit(e)}>
              <label htmlFor={`${id}-input`} className="visually-hidden">
                {t('comments.label')}
              </label>
              <input
                id={`${id}-input`}
                className="input"
                value={text}
                onChange={(e) => setText(e.target.value)}
                maxLength={LIMITS.commentTextMax}
                placeholder={t('comments.label')}
              />
              <button
                type="submit"
                className="button button-secondary button-small"
                disabled={sending || !text.trim()}
              >
                {t('comments.submit')}
              </button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
