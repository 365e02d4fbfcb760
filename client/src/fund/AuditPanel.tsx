import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FundAuditEntry } from '@cocon/shared';
import { ErrorMessage } from '../components/ErrorMessage';
import { fundApi } from './api';
import { formatWhen } from './money';
import { useFetched } from './useFetched';
import type { RoundChange } from './useRoundLive';

const detailText = (details: FundAuditEntry['details']) =>
  Object.entries(details)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');

/** Every step of the round, newest first (facilitators). */
export function AuditPanel({ roundId, change }: { roundId: string; change: RoundChange | null }) {
  const { t, i18n } = useTranslation();
  const audit = useFetched(() => fundApi.audit(roundId), roundId);
  const reload = audit.reload;
  useEffect(() => {
    if (change) reload();
  }, [change, reload]);
  if (!audit.data)
    return (
      <div>
        <ErrorMessage code={audit.error} />
        {!audit.error && <p aria-busy="true">{t('app.loading')}</p>}
      </div>
    );
  if (audit.data.length === 0) return <p className="empty">{t('fund.noAudit')}</p>;
  return (
    <ol className="fund-audit" data-testid="audit">
      {audit.data.map((entry, i) => (
        <li key={`${entry.at}-${i}`}>
          <span className="muted small">{formatWhen(entry.at, i18n.language)}</span>{' '}
          <strong>{entry.actorName}</strong> — <span>{entry.action}</span>
          {Object.keys(entry.details).length > 0 && (
            <span className="muted small fund-audit-details"> {detailText(entry.details)}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
