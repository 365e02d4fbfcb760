import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  showGeneralObjective,
  type PlanActionView,
  type PlanIndicatorView,
  type PlanThemeView,
  type PlanView,
} from '@cocon/shared';
import { excerpt } from '../lib/format';
import { ActionMeta, StatusBadge, TimelineChip, useLatestMeasure } from './bits';
import { ProgressBar } from './ProgressBar';
import { ThemeIndex } from './ThemeIndex';

export type OpenAction = (actionId: string) => void;

/** Theme -> general objective -> specific objectives -> actions -> indicators -> timeline. */
export function PlanTree({ plan, onOpenAction }: { plan: PlanView; onOpenAction: OpenAction }) {
  return (
    <div className="plan-tree">
      <ThemeIndex plan={plan} anchor={(id) => `theme-${id}`} />
      {plan.themes.map((theme) => (
        <ThemeSection key={theme.id} theme={theme} onOpenAction={onOpenAction} />
      ))}
    </div>
  );
}

const ThemeSection = memo(function ThemeSection({
  theme,
  onOpenAction,
}: {
  theme: PlanThemeView;
  onOpenAction: OpenAction;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const titleId = `theme-${theme.id}`;
  const bodyId = `theme-${theme.id}-body`;
  return (
    <section className="card plan-theme" aria-labelledby={titleId} data-testid="plan-theme">
      <header className="plan-theme-head">
        <div className="plan-theme-titles">
          <p className="plan-kind">{t(`plan.kind_${theme.kind}`)}</p>
          <h2 id={titleId} className="plan-theme-title">
            {theme.title}
          </h2>
        </div>
        <ProgressBar value={theme.progress} label={theme.title} size="large" />
        <button
          type="button"
          className="button button-quiet button-small plan-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t('plan.collapse') : t('plan.expand')}
          <span className="visually-hidden"> : {theme.title}</span>
        </button>
      </header>
      <div id={bodyId} hidden={!open}>
        {showGeneralObjective(theme) && (
          <p className="plan-general">
            <strong>{t('plan.generalObjective')} :</strong> {theme.generalObjective}
          </p>
        )}
        <ol className="plan-objectives">
          {theme.objectives.map((objective) => (
            <li key={objective.id} className="plan-objective">
              <div className="plan-objective-head">
                <h3>
                  <span className="plan-level">{t('plan.specificObjective')}</span>
                  {objective.text}
                </h3>
                <ProgressBar value={objective.progress} label={excerpt(objective.text, 80)} />
              </div>
              {objective.actions.length === 0 ? (
                <p className="muted small">{t('plan.noActions')}</p>
              ) : (
                <ul className="plan-actions">
                  {objective.actions.map((action) => (
                    <li key={action.id}>
                      <ActionCard
                        action={action}
                        onOpen={onOpenAction}
                        results={theme.kind === 'orientation'}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
});

export function ActionCard({
  action,
  onOpen,
  results = false,
}: {
  action: PlanActionView;
  onOpen: OpenAction;
  /** Older plans (orientations) list expected results where newer ones list indicators. */
  results?: boolean;
}) {
  const { t } = useTranslation();
  const short = excerpt(action.text, 80);
  return (
    <article className="plan-action" data-testid="plan-action" aria-label={short}>
      <div className="plan-action-head">
        <p className="plan-action-text">{action.text}</p>
        <ProgressBar value={action.progress} label={short} />
      </div>
      <div className="plan-action-tags">
        <StatusBadge status={action.status} />
        <TimelineChip action={action} />
      </div>
      {action.indicators.length > 0 && (
        <div className="plan-indicators">
          <h4 className="plan-indicators-title">{results ? t('plan.colResults') : t('plan.indicators')}</h4>
          <ul>
            {action.indicators.map((indicator) => (
              <IndicatorItem key={indicator.id} indicator={indicator} />
            ))}
          </ul>
        </div>
      )}
      <div className="plan-action-foot">
        <ActionMeta action={action} />
        <button type="button" className="button button-quiet button-small" onClick={() => onOpen(action.id)}>
          {t('plan.openAction')}
          <span className="visually-hidden"> : {short}</span>
        </button>
      </div>
    </article>
  );
}

/** An indicator, its progress ("—" for qualitative ones) and its latest measure or note. */
function IndicatorItem({ indicator }: { indicator: PlanIndicatorView }) {
  const latest = useLatestMeasure(indicator);
  const lastNote = [...indicator.notes].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  const detail = indicator.kind === 'quantitative' ? latest : (lastNote?.text ?? null);
  return (
    <li className="plan-indicator" data-testid="plan-indicator">
      <span className="plan-indicator-text">
        {indicator.text}
        {detail && <span className="plan-indicator-latest">{detail}</span>}
      </span>
      <ProgressBar value={indicator.progress} label={excerpt(indicator.text, 60)} size="small" />
    </li>
  );
}
