import { useTranslation } from 'react-i18next';
import { formatPercent } from './planFormat';

/**
 * An accessible progress bar: role="progressbar" with its value, or "—" (and a spoken
 * "not measured") when nothing below carries progress.
 */
export function ProgressBar({
  value,
  label,
  size = 'normal',
}: {
  value: number | null;
  /** What progresses, for screen readers ("Avancement : …"). */
  label: string;
  size?: 'normal' | 'small' | 'large';
}) {
  const { t, i18n } = useTranslation();
  const name = t('plan.progressOf', { name: label });
  if (value === null) {
    return (
      <span className={`plan-progress plan-progress-${size} plan-progress-none`} data-testid="progress">
        <span aria-hidden="true" className="plan-progress-value">
          —
        </span>
        <span className="visually-hidden">
          {name} : {t('plan.notMeasured')}
        </span>
      </span>
    );
  }
  const percent = Math.round(value * 100);
  const text = formatPercent(value, i18n.language);
  return (
    <span className={`plan-progress plan-progress-${size}`} data-testid="progress">
      <span
        className="plan-progress-track"
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <span className="plan-progress-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="plan-progress-value" aria-hidden="true">
        {text}
      </span>
    </span>
  );
}
