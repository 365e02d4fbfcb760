import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { proposalApi } from './api';

/** Makes a read-only link (a new one replaces the old) and copies it. */
export function SharePanel({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [url, setUrl] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const onShare = async () => {
    setBusy(true);
    setError(null);
    try {
      const { shareToken } = await proposalApi.share(proposalId);
      const link = `${window.location.origin}/proposals/${encodeURIComponent(proposalId)}?share=${encodeURIComponent(shareToken)}`;
      setUrl(link);
      try {
        await navigator.clipboard.writeText(link);
        setStatus(t('proposals.linkCopied'));
      } catch {
        setStatus(t('proposals.linkReady'));
      }
    } catch (e) {
      setError(errorCodeOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="share-panel">
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => void onShare()}
        disabled={busy}
      >
        {url ? t('proposals.newShareLink') : t('proposals.shareLink')}
      </button>
      {url && (
        <div className="share-url">
          <label htmlFor={id} className="visually-hidden">
            {t('proposals.shareUrl')}
          </label>
          <input
            id={id}
            className="input input-small"
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
            data-testid="share-url"
          />
        </div>
      )}
      <span className="form-status small" role="status">
        {status}
      </span>
      <ErrorMessage code={error} />
    </div>
  );
}
