import { useTranslation } from 'react-i18next';
import { formatDay, formatPercent } from './planFormat';
import type { ProgressPoint } from './planModel';

const W = 640;
const H = 240;
const PAD = { top: 16, right: 16, bottom: 36, left: 48 };

/**
 * The plan's progress at each date a measure was recorded, as an SVG line (no chart library);
 * the caption says how it is computed and a table gives the same numbers.
 */
export function ProgressChart({ points }: { points: ProgressPoint[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const known = points.filter((p): p is { date: string; value: number } => p.value !== null);
  if (known.length === 0) return <p className="muted">{t('plan.historyEmpty')}</p>;

  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const first = day(known[0]!.date);
  const last = day(known[known.length - 1]!.date);
  const span = Math.max(last - first, 1);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (iso: string) =>
    known.length === 1 ? PAD.left + innerW / 2 : PAD.left + ((day(iso) - first) / span) * innerW;
  const y = (v: number) => PAD.top + (1 - v) * innerH;
  const path = known
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(' ');
  const lastPoint = known[known.length - 1]!;
  const summary = t('plan.chartSummary', {
    count: known.length,
    from: formatDay(known[0]!.date, lang),
    to: formatDay(lastPoint.date, lang),
    value: formatPercent(lastPoint.value, lang),
  });
  // At most ~6 date labels so they never overlap on a phone.
  const step = Math.ceil(known.length / 6);
  const labelled = known.filter((_, i) => i % step === 0 || i === known.length - 1);

  return (
    <figure className="plan-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} data-testid="progress-chart">
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="plan-chart-grid" />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" className="plan-chart-label">
              {formatPercent(v, lang)}
            </text>
          </g>
        ))}
        {labelled.map((p) => (
          <text key={p.date} x={x(p.date)} y={H - 12} textAnchor="middle" className="plan-chart-label">
            {formatDay(p.date, lang, 'short')}
          </text>
        ))}
        <path d={path} className="plan-chart-line" />
        {known.map((p) => (
          <circle key={p.date} cx={x(p.date)} cy={y(p.value)} r={4.5} className="plan-chart-dot" />
        ))}
      </svg>
      <figcaption className="hint">{t('plan.chartCaption')}</figcaption>
      <details className="plan-chart-data">
        <summary>{t('plan.chartData')}</summary>
        <table className="plan-dash-table">
          <thead>
            <tr>
              <th scope="col">{t('plan.date')}</th>
              <th scope="col" className="num">
                {t('plan.kpiProgress')}
              </th>
            </tr>
          </thead>
          <tbody>
            {known.map((p) => (
              <tr key={p.date}>
                <th scope="row">{formatDay(p.date, lang)}</th>
                <td className="num">{formatPercent(p.value, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
