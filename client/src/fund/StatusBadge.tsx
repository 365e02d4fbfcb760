import { useTranslation } from 'react-i18next';
import type { RoundStatus } from '@cocon/shared';

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`fund-status fund-status-${status}`} data-testid="round-status">
      {t(`fund.status_${status}`)}
    </span>
  );
}
