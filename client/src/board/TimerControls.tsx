import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LIMITS,
  TIMER_ZERO_ACTIONS,
  timerRemainingMs,
  type TimerState,
  type TimerZeroAction,
} from '@cocon/shared';
import { useNow } from '../lib/clock';
import { formatCountdown } from '../lib/format';
import type { BoardActions } from './actions';

const ZERO_LABEL = {
  none: 'timer.atZeroNone',
  lock: 'timer.atZeroLock',
  endVote: 'timer.atZeroEndVote',
} as const satisfies Record<TimerZeroAction, string>;

/** Where a countdown is, as its controls see it: at zero there is nothing left to pause. */
export function timerStage(timer: TimerState | null, now: number): 'none' | 'running' | 'paused' | 'over' {
  if (!timer) return 'none';
  if (timer.endsAt === null) return 'paused';
  return (timerRemainingMs(timer, now) ?? 0) <= 0 ? 'over' : 'running';
}

/**
 * Start a countdown and choose what happens at zero; while it runs: pause, +1 min, clear; at
 * zero: restart, +1 min, clear (nothing left to pause).
 */
export function TimerControls({
  timer,
  actions,
  clockOffsetMs = 0,
}: {
  timer: TimerState | null;
  actions: BoardActions;
  /** Server clock minus this device's (endsAt is on the server's clock). */
  clockOffsetMs?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [minutes, setMinutes] = useState('5');
  // The choice for the next countdown (null: the last one's).
  const [nextAtZero, setNextAtZero] = useState<TimerZeroAction | null>(null);
  const value = Number(minutes.replace(',', '.'));
  const seconds = Math.round(value * 60);
  const valid = Number.isFinite(value) && seconds >= 1 && seconds <= LIMITS.timerSecondsMax;
  const now = useNow(timer !== null && timer.endsAt !== null ? 1000 : 0);
  const stage = timerStage(timer, now + clockOffsetMs);
  const running = stage === 'running';
  const over = stage === 'over';
  const paused = stage === 'paused';
  // The choice of the countdown on screen (until it reaches zero), else the one for the next start.
  const live = timer !== null && typeof timer.actedAt !== 'number' && !over;
  const atZero: TimerZeroAction = live ? (timer.atZero ?? 'none') : (nextAtZero ?? timer?.atZero ?? 'none');
  const acted = timer !== null && typeof timer.actedAt === 'number' && timer.atZero !== 'none';

  const onStart = (event: FormEvent) => {
    event.preventDefault();
    if (valid) void actions.startTimer(seconds, atZero);
  };
  const onAtZero = (choice: TimerZeroAction) => {
    setNextAtZero(choice);
    if (live) void actions.setTimerAtZero(choice);
  };
  const onAddMinute = async () => {
    await actions.addTime(60);
    // At zero, +1 min is a new countdown: it takes the choice shown.
    if (!live && timer && atZero !== (timer.atZero ?? 'none')) await actions.setTimerAtZero(atZero);
  };

  return (
    <form className="panel-section inline-form" onSubmit={onStart} data-testid="timer-controls">
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
      </div>
      <label htmlFor={`${id}-zero`}>{t('timer.atZero')}</label>
      <select
        id={`${id}-zero`}
        className="input"
        value={atZero}
        onChange={(e) => onAtZero(e.target.value as TimerZeroAction)}
      >
        {TIMER_ZERO_ACTIONS.map((choice) => (
          <option key={choice} value={choice}>
            {t(ZERO_LABEL[choice])}
          </option>
        ))}
      </select>
      {timer && (
        <div className="inline-form-row wrap">
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
          {over && (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() =>
                void actions.startTimer(Math.max(1, Math.round(timer.durationMs / 1000)), atZero)
              }
            >
              {t('timer.restart', { time: formatCountdown(timer.durationMs) })}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => void onAddMinute()}
          >
            {t('timer.addMinute')}
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => void actions.clearTimer()}
          >
            {t('facilitator.clear')}
          </button>
        </div>
      )}
      {acted && (
        <p className="muted small" role="status">
          {t(timer.atZero === 'lock' ? 'timer.actedLock' : 'timer.actedEndVote')}
        </p>
      )}
    </form>
  );
}
