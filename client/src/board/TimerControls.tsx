import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type TimerState } from '@cocon/shared';
import type { BoardActions } from './actions';

export function TimerControls({ timer, actions }: { timer: TimerState | null; actions: BoardActions }) {
  const { t } = useTranslation();
  const id = useId();
  const [minutes, setMinutes] = useState('5');
  const value = Number(minutes.replace(',', '.'));
  const seconds = Math.round(value * 60);
  const valid = Number.isFinite(value) && seconds >= 1 && seconds <= LIMITS.timerSecondsMax;
  const running = timer !== null && timer.endsAt !== null;
  const paused = timer !== null && timer.endsAt === null;

  const onStart = (event: FormEvent) => {
    event.preventDefault();
    if (valid) void actions.startTimer(seconds);
  };

  return (
    <form className="panel-section inline-form" onSubmit={onStart}>
      <h3>{t('facilitator.timer')}</h3>
      <label htmlFor={id}>{t('facilitator.minutes')}</label>
      <div className="inline-form-row wrap">
        <input
          id={id}
          className="input input-number"
          type="number"
          inputMode="decimal"
          min={0.5}
          step={0.5}
          max={LIMITS.timerSecondsMax / 60}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          aria-invalid={!valid}
        />
        <button type="submit" className="button button-secondary button-small" disabled={!valid}>
          {t('facilitator.start')}
        </button>
        {running && (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => void actions.pauseTimer()}
          >
            {t('facilitator.pause')}
          </button>
        )}
        {paused && (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => void actions.resumeTimer()}
          >
            {t('facilitator.resume')}
          </button>
        )}
        {timer && (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => void actions.clearTimer()}
          >
            {t('facilitator.clear')}
          </button>
        )}
      </div>
    </form>
  );
}
