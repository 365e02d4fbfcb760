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
  const id = useId();
  return (
    <Dialog open={idea !== null} onClose={onCancel} labelledBy={`${id}-title`}>
      {idea && (
        <HideForm
          key={idea.id}
          idea={idea}
          titleId={`${id}-title`}
          onCancel={onCancel}
          onConfirm={onConfirm}
        />
      )}
    </Dialog>
  );
}

function HideForm({
  idea,
  titleId,
  onCancel,
  onConfirm,
}: {
  idea: IdeaView;
  titleId: string;
  onCancel: () => void;
  onConfirm: Confirm;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setInvalid(true);
    setBusy(true);
    const done = await onConfirm(idea, reason.trim());
    setBusy(false);
    if (done) onCancel();
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="dialog-body" noValidate>
      <h2 id={titleId}>{t('facilitator.hideTitle')}</h2>
      <blockquote className="quote">{excerpt(idea.text, 200)}</blockquote>
      <p className="muted">{t('facilitator.hideIntro')}</p>
      <HideReasonField
        idPrefix={titleId}
        reason={reason}
        invalid={invalid}
        onChange={(value) => {
          setReason(value);
          setInvalid(false);
        }}
      />
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('idea.cancel')}
        </button>
        <button type="submit" className="button button-danger" disabled={busy}>
          {t('facilitator.confirmHide')}
        </button>
      </div>
    </form>
  );
}

/** The reason a facilitator gives for hiding one idea or several (required). */
export function HideReasonField({
  idPrefix,
  reason,
  invalid,
  onChange,
}: {
  idPrefix: string;
  reason: string;
  invalid: boolean;
  onChange: (reason: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`${idPrefix}-reason`}>{t('facilitator.reason')}</label>
      <textarea
        id={`${idPrefix}-reason`}
        className="input"
        rows={2}
        value={reason}
        maxLength={LIMITS.reasonMax}
        onChange={(e) => onChange(e.target.value)}
        required
        aria-invalid={invalid}
        aria-describedby={invalid ? `${idPrefix}-error` : undefined}
        autoFocus
      />
      {invalid && (
        <p id={`${idPrefix}-error`} className="form-error" role="alert">
          {t('facilitator.reasonRequired')}
        </p>
      )}
    </div>
  );
}
