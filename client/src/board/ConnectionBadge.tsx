import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from './connectionStatus';

export function ConnectionBadge({ status, pending }: { status: ConnectionStatus; pending: number }) {
  const { t } = useTranslation();
  return (
    <div className={`connection connection-${status}`} role="status" data-testid="connection-status">
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{t(`connection.${status}`)}</span>
      {pending > 0 && (
        <span className="connection-pending" title={t('connection.pending', { count: pending })}>
          <span aria-hidden="true">· {t('connection.pendingShort', { count: pending })}</span>
          <span className="visually-hidden">{t('connection.pending', { count: pending })}</span>
        </span>
      )}
    </div>
  );
}
