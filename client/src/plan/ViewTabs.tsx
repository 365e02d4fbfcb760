import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const PLAN_VIEWS = ['tree', 'table', 'timeline', 'dashboard'] as const;
export type PlanViewName = (typeof PLAN_VIEWS)[number];

export const tabId = (view: PlanViewName) => `plan-tab-${view}`;
export const panelId = 'plan-panel';

/** ARIA tabs: arrows, Home and End move between views (automatic activation). */
export function ViewTabs({ view, onChange }: { view: PlanViewName; onChange: (view: PlanViewName) => void }) {
  const { t } = useTranslation();
  const refs = useRef(new Map<PlanViewName, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    // From the focused tab, not the selected one: the newly selected view may still be rendering
    // when the next key comes.
    const focused = PLAN_VIEWS.find((name) => refs.current.get(name) === event.target);
    const index = PLAN_VIEWS.indexOf(focused ?? view);
    const last = PLAN_VIEWS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = PLAN_VIEWS[next]!;
    onChange(target);
    refs.current.get(target)?.focus();
  };
  return (
    <div className="plan-tabs" role="tablist" aria-label={t('plan.views')} onKeyDown={onKeyDown}>
      {PLAN_VIEWS.map((name) => (
        <button
          key={name}
          ref={(el) => {
            if (el) refs.current.set(name, el);
            else refs.current.delete(name);
          }}
          type="button"
          role="tab"
          id={tabId(name)}
          aria-selected={view === name}
          aria-controls={panelId}
          tabIndex={view === name ? 0 : -1}
          className="plan-tab"
          onClick={() => onChange(name)}
        >
          {t(`plan.view_${name}`)}
        </button>
      ))}
    </div>
  );
}
