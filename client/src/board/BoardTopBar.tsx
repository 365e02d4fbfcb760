import { useTranslation } from 'react-i18next';
import type { BoardMeta, PresencePayload } from '@cocon/shared';
import { Icon } from '../components/Icon';
import { ConnectionBadge } from './ConnectionBadge';
import type { ConnectionStatus } from './connectionStatus';
import { Countdown } from './Countdown';
import { PresenceButton } from './PresenceButton';

export function BoardTopBar({
  title,
  meta,
  presence,
  status,
  pending,
  clockOffsetMs,
}: {
  title: string;
  meta: BoardMeta;
  presence: PresencePayload | null;
  status: ConnectionStatus;
  pending: number;
  clockOffsetMs: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="board-bar">
      <div className="board-bar-title">
        <h1 className="board-title">{title}</h1>
        <span className={`phase-badge phase-${meta.phase}`} data-testid="phase-badge">
          {t(`phase.${meta.phase}`)}
        </span>
        {meta.locked && (
          <span className="chip chip-locked" title={t('board.lockedHelp')}>
            <Icon name="lock" /> {t('board.locked')}
          </span>
        )}
      </div>
      <div className="board-bar-status">
        <Countdown timer={meta.timer} clockOffsetMs={clockOffsetMs} />
        <PresenceButton presence={presence} />
        <ConnectionBadge status={status} pending={pending} />
      </div>
    </div>
  );
}
