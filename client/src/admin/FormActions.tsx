import { useTranslation } from 'react-i18next';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage } from '../components/ErrorMessage';

/** The end of a page's form: its error, its status line (when it has one) and its submit button. */
export function SubmitFooter({
  error,
  status,
  busy,
  label,
  busyLabel,
}: {
  error: ClientErrorCode | null;
  /** Announced politely; leave out for forms that leave the page or swap themselves on success. */
  status?: string;
  busy: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <>
      <ErrorMessage code={error} />
      {status !== undefined && (
        <p className="form-status" role="status">
          {status}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}

/** The end of a form in a dialog: its error, then Cancel and Save. */
export function DialogFormActions({
  error,
  busy,
  onCancel,
}: {
  error: ClientErrorCode | null;
  busy: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorMessage code={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('admin.saving') : t('admin.save')}
        </button>
      </div>
    </>
  );
}
