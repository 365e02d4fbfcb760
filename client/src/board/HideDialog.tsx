import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type IdeaView } from '@cocon/shared';
import { Dialog } from '../components/Dialog';
import { excerpt } from '../lib/format';

type Confirm = (idea: IdeaView, reason: string) => Promise<boolean>;

/** Hiding an idea needs a reason; it is kept for the facilitators in the moderation document. */
export function HideDialog({
  idea,
  onCancel,
  onConfirm,
}: {
  idea: IdeaView | null;
  onCancel: () => void;
  onConfirm: Confirm;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Dialog open={idea !== null} onClose={onCancel} labelledBy={`${id}-title`}>
      {idea && (
        <HideReasonForm
          key={idea.id}
          titleId={`${id}-title`}
          title={t('facilitator.hideTitle')}
          intro={t('facilitator.hideIntro')}
          quote={excerpt(idea.text, 200)}
          confirmLabel={t('facilitator.confirmHide')}
          onCancel={onCancel}
          onConfirm={(reason) => onConfirm(idea, reason)}
        />
      )}
    </Dialog>
  );
}

/**
 * The form that hides one idea or several: a required reason (kept for the facilitators in the
 * moderation document), cancel and confirm. The dialog closes when `onConfirm` succeeds.
 */
export function HideReasonForm({
  titleId,
  title,
  intro,
  quote,
  confirmLabel,
  onCancel,
  onConfirm,
}: {
  titleId: string;
  title: string;
  intro: string;
  /** The idea hidden, when there is one. */
  quote?: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setInvalid(true);
    setBusy(true);
    const done = await onConfirm(reason.trim());
    setBusy(false);
    if (done) onCancel();
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="dialog-body" noValidate>
      <h2 id={titleId}>{title}</h2>
      {quote !== undefined && <blockquote className="quote">{quote}</blockquote>}
      <p className="muted">{intro}</p>
      <div className="field">
        <label htmlFor={`${titleId}-reason`}>{t('facilitator.reason')}</label>
        <textarea
          id={`${titleId}-reason`}
          className="input"
          rows={2}
          value={reason}
          maxLength={LIMITS.reasonMax}
          onChange={(e) => {
            setReason(e.target.value);
            setInvalid(false);
          }}
          required
          aria-invalid={invalid}
          aria-describedby={invalid ? `${titleId}-error` : undefined}
          autoFocus
        />
        {invalid && (
          <p id={`${titleId}-error`} className="form-error" role="alert">
            {t('facilitator.reasonRequired')}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('idea.cancel')}
        </button>
        <button type="submit" className="button button-danger" disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </form>
  );
}
