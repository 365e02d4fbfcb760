import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { timerRemainingMs, type TimerState } from '@cocon/shared';
import { Icon } from '../components/Icon';
import { useNow } from '../lib/clock';
import { formatCountdown } from '../lib/format';

/** The shared countdown; only this component ticks every second. */
export function Countdown({ timer, clockOffsetMs }: { timer: TimerState | null; clockOffsetMs: number }) {
  const { t } = useTranslation();
  const running = timer !== null && timer.endsAt !== null;
  const now = useNow(running ? 1000 : 0);
  // endsAt is on the server's clock; the offset corrects a phone whose clock is off.
  const remaining = timerRemainingMs(timer, now + clockOffsetMs);
  if (timer === null || remaining === null) return null;
  const paused = timer.endsAt === null;
  const over = remaining <= 0;
  const progress = timer.durationMs > 0 ? Math.min(1, remaining / timer.durationMs) : 0;
  return (
    <>
      <div
        className={`countdown${paused ? ' is-paused' : ''}${over ? ' is-over' : ''}`}
        role="timer"
        aria-label={t('timer.label')}
        style={{ '--progress': progress } as CSSProperties}
      >
        <Icon name="clock" className="countdown-icon" />
        <span className="countdown-time" aria-hidden={over}>
          {formatCountdown(remaining)}
        </span>
        {paused && !over && <span className="countdown-state">{t('timer.paused')}</span>}
        {over && <span className="countdown-state">{t('timer.over')}</span>}
      </div>
      {/* The timer itself is silent (role="timer"); its end is said once. */}
      <span className="visually-hidden" aria-live="polite">
        {over ? t('timer.over') : ''}
      </span>
    </>
  );
}
