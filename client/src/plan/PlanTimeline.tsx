import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type PlanView } from '@cocon/shared';
import { allActions, placeAction, QUARTERS_PER_YEAR, timelineRange, type ActionInContext } from './planModel';
import { StatusBadge } from './bits';
import type { OpenAction } from './PlanTree';

/**
 * Actions across the plan's period: a bar per action over its year, season (a quarter) or
 * range; ongoing actions in their own lane, undated ones listed with their timeline as written.
 */
export function PlanTimeline({ plan, onOpenAction }: { plan: PlanView; onOpenAction: OpenAction }) {
  const { t } = useTranslation();
  const range = timelineRange(plan);
  const years = Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
  const columns = years.length * QUARTERS_PER_YEAR;
  const placed = allActions(plan).map((entry) => ({
    ...entry,
    placement: placeAction(entry.action, range.from),
  }));
  const dated = placed
    .flatMap((p) =>
      p.placement.lane === 'dated' ? [{ ...p, start: p.placement.start, end: p.placement.end }] : [],
    )
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const ongoing = placed.filter((p) => p.placement.lane === 'ongoing');
  const undated = placed.filter((p) => p.placement.lane === 'undated');
  const grid = { '--plan-cols': columns, '--plan-years': years.length } as CSSProperties;
  const seasons = ['hiver', 'printemps', 'ete', 'automne'] as const;
  // Today's place on the scale, as a share of its width (null outside the range).
  const now = new Date();
  const todayAt =
    (now.getFullYear() - range.from) * QUARTERS_PER_YEAR + (now.getMonth() + now.getDate() / 31) / 3;
  const today = todayAt >= 0 && todayAt <= columns ? (todayAt / columns) * 100 : null;

  return (
    <div className="plan-timeline-view" style={grid}>
      <section className="card" aria-labelledby="lane-dated">
        <h2 id="lane-dated">{t('plan.laneDated')}</h2>
        <ul className="plan-legend" aria-label={t('plan.legend')}>
          {ACTION_STATUSES.map((status) => (
            <li key={status}>
              <span className={`plan-legend-swatch plan-gantt-bar-${status}`} aria-hidden="true" />
              {t(`plan.status_${status}`)}
            </li>
          ))}
          {today !== null && (
            <li>
              <span className="plan-legend-today" aria-hidden="true" />
              {t('plan.today')}
            </li>
          )}
        </ul>
        {dated.length === 0 ? (
          <p className="muted">{t('plan.laneEmpty')}</p>
        ) : (
          <>
            <div className="plan-gantt-scale" aria-hidden="true">
              {years.map((year) => (
                <div key={year} className="plan-gantt-year">
                  <span>{year}</span>
                  <span className="plan-gantt-seasons">
                    {seasons.map((s) => (
                      <span key={s}>{t(`plan.seasonShort_${s}`)}</span>
                    ))}
                  </span>
                </div>
              ))}
            </div>
            <ol className="plan-gantt">
              {dated.map((entry) => (
                <GanttRow
                  key={entry.action.id}
                  entry={entry}
                  start={entry.start}
                  end={entry.end}
                  today={today}
                  onOpen={onOpenAction}
                />
              ))}
            </ol>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="lane-ongoing">
        <h2 id="lane-ongoing">{t('plan.laneOngoing')}</h2>
        {ongoing.length === 0 ? (
          <p className="muted">{t('plan.laneEmpty')}</p>
        ) : (
          <ol className="plan-gantt">
            {ongoing.map((entry) => (
              <GanttRow
                key={entry.action.id}
                entry={entry}
                start={0}
                end={columns}
                onOpen={onOpenAction}
                ongoing
              />
            ))}
          </ol>
        )}
      </section>
      {undated.length > 0 && (
        <section className="card" aria-labelledby="lane-undated">
          <h2 id="lane-undated">{t('plan.laneUndated')}</h2>
          <ul className="plan-undated">
            {undated.map(({ action, theme }) => (
              <li key={action.id}>
                <button
                  type="button"
                  className="plan-action-link plan-action-link-quiet"
                  onClick={() => onOpenAction(action.id)}
                >
                  {action.text}
                </button>
                <span className="muted small">
                  {' '}
                  — {theme.title} · {action.timeline.trim() || t('plan.noTimeline')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function GanttRow({
  entry,
  start,
  end,
  today = null,
  onOpen,
  ongoing = false,
}: {
  entry: ActionInContext;
  start: number;
  end: number;
  today?: number | null;
  onOpen: OpenAction;
  ongoing?: boolean;
}) {
  const { t } = useTranslation();
  const { action, theme } = entry;
  return (
    <li className="plan-gantt-row" data-testid="timeline-action">
      <div className="plan-gantt-label">
        <button
          type="button"
          className="plan-action-link plan-action-link-quiet"
          onClick={() => onOpen(action.id)}
        >
          {action.text}
        </button>
        <span className="plan-gantt-context">
          <StatusBadge status={action.status} />
          <span className="muted small">
            {theme.title} · {ongoing ? t('plan.ongoing') : action.timeline}
          </span>
        </span>
      </div>
      <div className="plan-gantt-track" aria-hidden="true">
        <span
          className={`plan-gantt-bar plan-gantt-bar-${action.status}${ongoing ? ' plan-gantt-bar-ongoing' : ''}`}
          style={{ gridColumn: `${start + 1} / ${end + 1}` }}
        />
        {today !== null && <span className="plan-gantt-today" style={{ left: `${today}%` }} />}
      </div>
    </li>
  );
}
