import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { showGeneralObjective, type PlanThemeView, type PlanView } from '@cocon/shared';
import { excerpt } from '../lib/format';
import { StatusBadge, TimelineChip } from './bits';
import { ProgressBar } from './ProgressBar';
import { ThemeIndex } from './ThemeIndex';
import type { OpenAction } from './PlanTree';

/**
 * The familiar layout of the plan documents, one table per theme: Objectifs spécifiques |
 * Moyens / actions | Indicateurs | Échéancier, the objective cell spanning its actions' rows.
 * Each objective is its own <tbody>, so narrow screens stack it as one card.
 */
export function PlanTable({ plan, onOpenAction }: { plan: PlanView; onOpenAction: OpenAction }) {
  return (
    <div className="plan-tables">
      <ThemeIndex plan={plan} anchor={(id) => `table-${id}`} />
      {plan.themes.map((theme) => (
        <ThemeTable key={theme.id} theme={theme} onOpenAction={onOpenAction} />
      ))}
    </div>
  );
}

const ThemeTable = memo(function ThemeTable({
  theme,
  onOpenAction,
}: {
  theme: PlanThemeView;
  onOpenAction: OpenAction;
}) {
  const { t } = useTranslation();
  const titleId = `table-${theme.id}`;
  const cols = {
    objective: t('plan.colObjectives'),
    action: t('plan.colActions'),
    indicators: theme.kind === 'orientation' ? t('plan.colResults') : t('plan.colIndicators'),
    timeline: t('plan.colTimeline'),
  };
  return (
    <section className="plan-table-section" aria-labelledby={titleId} data-testid="plan-table">
      <div className="plan-table-head">
        <p className="plan-kind">{t(`plan.kind_${theme.kind}`)}</p>
        <h2 id={titleId} className="plan-theme-title">
          {theme.title}
        </h2>
        {showGeneralObjective(theme) && (
          <p className="plan-general">
            <strong>{t('plan.generalObjective')} :</strong> {theme.generalObjective}
          </p>
        )}
      </div>
      <table className="plan-table" aria-labelledby={titleId}>
        <thead>
          <tr>
            <th scope="col">{cols.objective}</th>
            <th scope="col">{cols.action}</th>
            <th scope="col">{cols.indicators}</th>
            <th scope="col">{cols.timeline}</th>
          </tr>
        </thead>
        {theme.objectives.map((objective) => (
          <tbody key={objective.id}>
            {objective.actions.length === 0 ? (
              <tr>
                <th scope="row" className="plan-cell-objective" data-label={t('plan.specificObjective')}>
                  {objective.text}
                </th>
                <td colSpan={3} className="muted">
                  {t('plan.noActions')}
                </td>
              </tr>
            ) : (
              objective.actions.map((action, index) => (
                <tr key={action.id} data-testid="plan-table-row">
                  {index === 0 && (
                    <th
                      scope="rowgroup"
                      rowSpan={objective.actions.length}
                      className="plan-cell-objective"
                      data-label={t('plan.specificObjective')}
                    >
                      {objective.text}
                    </th>
                  )}
                  <td className="plan-cell-action" data-label={cols.action}>
                    <button
                      type="button"
                      className="plan-action-link"
                      onClick={() => onOpenAction(action.id)}
                    >
                      {action.text}
                    </button>
                    <span className="plan-cell-status">
                      <StatusBadge status={action.status} />
                      <ProgressBar value={action.progress} label={excerpt(action.text, 80)} size="small" />
                    </span>
                  </td>
                  <td data-label={cols.indicators}>
                    {action.indicators.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="plan-cell-list">
                        {action.indicators.map((indicator) => (
                          <li key={indicator.id}>{indicator.text}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="plan-cell-timeline" data-label={cols.timeline}>
                    <TimelineChip action={action} always />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        ))}
      </table>
    </section>
  );
});
