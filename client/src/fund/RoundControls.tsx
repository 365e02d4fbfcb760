import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundView } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { fundApi } from './api';

/** Close the round (ballots freeze) or reopen it while no decision is recorded. */
export function RoundControls({
  round,
  onChanged,
}: {
  round: RoundView;
  onChanged: (round: RoundView) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  if (round.status === 'decided') return null;
  const run = async (work: () => Promise<RoundView>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await work());
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="fund-controls">
      {round.status === 'open' ? (
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => {
            if (window.confirm(t('fund.closeConfirm'))) void run(() => fundApi.close(round.id));
          }}
        >
          {t('fund.closeRound')}
        </button>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => void run(() => fundApi.reopen(round.id))}
        >
          {t('fund.reopenRound')}
        </button>
      )}
      <ErrorMessage code={error} />
    </div>
  );
}
