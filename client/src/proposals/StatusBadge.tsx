import { useTranslation } from 'react-i18next';
import type { ProposalStatus } from '@cocon/shared';

export function StatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-${status}`} data-testid="status-badge">
      {t(`proposals.status_${status}`)}
    </span>
  );
}
