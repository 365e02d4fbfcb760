import { useEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { timerRemainingMs, type TimerState } from '@cocon/shared';
import { Icon } from '../components/Icon';
import { useNow } from '../lib/clock';
import { formatCountdown } from '../lib/format';
import { beep, setTimerSound, useTimerSound } from './timerSound';

/** What the end says: plain "time is up", or what the server did at zero. */
export function overMessageKey(timer: TimerState): 'timer.over' | 'timer.overLocked' | 'timer.overVoteEnded' {
  if (typeof timer.actedAt !== 'number') return 'timer.over';
  if (timer.atZero === 'lock') return 'timer.overLocked';
  if (timer.atZero === 'endVote') return 'timer.overVoteEnded';
  return 'timer.over';
}

/** The shared countdown; only this component ticks every second. */
export function Countdown({ timer, clockOffsetMs }: { timer: TimerState | null; clockOffsetMs: number }) {
  const { t } = useTranslation();
  const running = timer !== null && timer.endsAt !== null;
  const now = useNow(running ? 1000 : 0);
  const sound = useTimerSound();
  // endsAt is on the server's clock; the offset corrects a phone whose clock is off.
  const remaining = timerRemainingMs(timer, now + clockOffsetMs);
  const over = remaining !== null && remaining <= 0;
  // Beep when this countdown reaches zero in front of us (not when a page opens on one long over).
  const seen = useRef<{ endsAt: number | null; over: boolean } | null>(null);
  const endsAt = timer?.endsAt ?? null;
  useEffect(() => {
    const before = seen.current;
    seen.current = { endsAt, over };
    if (over && sound && before && before.endsAt === endsAt && endsAt !== null && !before.over) beep();
  }, [endsAt, over, sound]);
  if (timer === null || remaining === null) return null;
  const paused = timer.endsAt === null;
  const progress = timer.durationMs > 0 ? Math.min(1, remaining / timer.durationMs) : 0;
  const overText = t(overMessageKey(timer));
  return (
    <>
      <div
        className={`countdown${paused ? ' is-paused' : ''}${over ? ' is-over' : ''}`}
        role="timer"
        aria-label={t('timer.label')}
        style={{ '--progress': progress } as CSSProperties}
        data-testid="countdown"
      >
        <Icon name="clock" className="countdown-icon" />
        <span className="countdown-time" aria-hidden={over}>
          {formatCountdown(remaining)}
        </span>
        {paused && !over && <span className="countdown-state">{t('timer.paused')}</span>}
        {over && <span className="countdown-state">{overText}</span>}
      </div>
      <button
        type="button"
        className={`countdown-sound${sound ? ' is-on' : ''}`}
        aria-pressed={sound}
        title={t('timer.sound')}
        onClick={() => setTimerSound(!sound)}
      >
        <span aria-hidden="true">{sound ? '🔔' : '🔕'}</span>
        <span className="visually-hidden">{t('timer.sound')}</span>
      </button>
      {/* The timer itself is silent (role="timer"); its end is said once. */}
      <span className="visually-hidden" aria-live="polite">
        {over ? overText : ''}
      </span>
    </>
  );
}
