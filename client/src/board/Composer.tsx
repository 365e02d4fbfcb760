import { useId, useMemo, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type HoldReason } from '@cocon/shared';
import { useDraft } from '../lib/draft';
import type { BoardActions } from './actions';
import type { PendingIntent } from './boardChannel';

/**
 * Posting an idea. While connected the button waits for the server's acknowledgement; while
 * offline the idea goes to the outbox, the box is cleared and it is shown "en attente" until
 * the server acknowledges it (also after a reload: the outbox lives in IndexedDB).
 */
export function Composer({
  boardId,
  actions,
  allowAnonymous,
  live,
  onPosted,
}: {
  boardId: string;
  actions: BoardActions;
  allowAnonymous: boolean;
  live: boolean;
  /** The server took the idea (on the board, or held): the page keeps it in view. */
  onPosted?: (ideaId: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useDraft(`cocon.draft.${boardId}`);
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const { queue } = useSyncExternalStore(actions.subscribe, actions.channelState);
  const waiting = useMemo(() => queue.flatMap(pendingPost), [queue]);
  const length = text.trim().length;
  const over = text.length - LIMITS.ideaTextMax;

  const submit = async () => {
    const value = text.trim();
    if (!value || over > 0 || sending) return;
    const result = actions.post(value, allowAnonymous && anonymous);
    if (!live) {
      setText('');
      setStatus('queued');
      const ack = await result;
      // A queued idea that is finally refused comes back to the box rather than vanishing.
      if (!ack.ok) setText((current) => current || value);
      setStatus((current) =>
        current === 'queued' ? (ack.ok ? postedStatus(ack.data.held) : null) : current,
      );
      return;
    }
    setSending(true);
    setStatus(null);
    const ack = await result;
    setSending(false);
    if (ack.ok) {
      setText('');
      setStatus(postedStatus(ack.data.held));
      onPosted?.(ack.data.ideaId);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <section className="composer card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('composer.title')}
      </h2>
      <form onSubmit={onSubmit}>
        <label htmlFor={`${id}-text`} className="composer-label">
          {t('composer.label')}
        </label>
        <textarea
          id={`${id}-text`}
          className="input composer-input"
          value={text}
          rows={3}
          placeholder={t('composer.placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            setStatus(null);
          }}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-counter ${id}-shortcut`}
          aria-invalid={over > 0}
          data-testid="composer-input"
        />
        <div className="composer-row">
          <span id={`${id}-counter`} className={`counter${over > 0 ? ' is-over' : ''}`}>
            {over > 0
              ? t('composer.tooLong', { count: over })
              : t('composer.counter', { count: text.length, max: LIMITS.ideaTextMax })}
          </span>
          <span id={`${id}-shortcut`} className="hint shortcut-hint">
            {t('composer.shortcut')}
          </span>
        </div>
        <div className="composer-row">
          {allowAnonymous ? (
            <label className="checkbox">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
              {t('composer.anonymous')}
            </label>
          ) : (
            <span />
          )}
          <button
            type="submit"
            className="button button-primary"
            disabled={length === 0 || over > 0 || sending}
            data-testid="composer-submit"
          >
            {sending ? t('composer.submitting') : t('composer.submit')}
          </button>
        </div>
        <p className="form-status" role="status">
          {status && t(STATUS_MESSAGES[status])}
        </p>
      </form>
      {waiting.length > 0 && !(live && sending) && (
        <section className="pending-ideas" aria-labelledby={`${id}-pending`} data-testid="pending-ideas">
          <h3 id={`${id}-pending`} className="muted small">
            {t('composer.pendingTitle', { count: waiting.length })}
          </h3>
          <ul className="idea-list">
            {waiting.map((idea) => (
              <li key={idea.id} data-testid="pending-idea">
                <span className="chip">{t('composer.pendingBadge')}</span> {idea.text}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

/** An idea:post waiting in the channel's queue, as the composer lists it. */
function pendingPost(item: PendingIntent): { id: string; text: string }[] {
  if (item.event !== 'idea:post') return [];
  const { text } = item.payload as { text?: unknown };
  return typeof text === 'string' ? [{ id: item.id, text }] : [];
}

type Status = 'posted' | 'queued' | HoldReason;
const STATUS_MESSAGES = {
  posted: 'composer.posted',
  queued: 'composer.pending',
  private: 'composer.postedPrivate',
  premoderation: 'composer.postedForApproval',
} as const satisfies Record<Status, string>;

/** An idea held off the board is not "published": say where it went. */
const postedStatus = (held: HoldReason | null): Status => held ?? 'posted';
