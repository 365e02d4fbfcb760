import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type ActionStatus } from '@cocon/shared';
import { useLookups } from './lookups';
import { hasFilters, NO_FILTERS, type PlanFilters } from './planModel';

/** MRC, community, status and year: they narrow every view of the plan. */
export function PlanFiltersBar({
  filters,
  years,
  shown,
  total,
  onChange,
}: {
  filters: PlanFilters;
  years: number[];
  shown: number;
  total: number;
  onChange: (next: PlanFilters) => void;
}) {
  const { t } = useTranslation();
  const { territories, communities } = useLookups();
  const id = useId();
  // Phones fold the four selects behind one button; wider screens always show them.
  const [open, setOpen] = useState(false);
  const active = [filters.territoryId, filters.communityId, filters.status, filters.year].filter(
    (v) => v !== null,
  ).length;
  const set = (patch: Partial<PlanFilters>) => onChange({ ...filters, ...patch });
  return (
    <form
      className={`plan-filters${open ? ' is-open' : ''}`}
      role="search"
      aria-label={t('plan.filters')}
      onSubmit={(e) => e.preventDefault()}
    >
      <button
        type="button"
        className="button button-secondary button-small plan-filters-toggle"
        aria-expanded={open}
        aria-controls={`${id}-fields`}
        onClick={() => setOpen((o) => !o)}
      >
        {active > 0 ? t('plan.filtersActive', { count: active }) : t('plan.filtersButton')}
      </button>
      <div className="plan-filters-fields" id={`${id}-fields`}>
        <div className="plan-filter">
          <label htmlFor={`${id}-mrc`}>{t('plan.mrc')}</label>
          <select
            id={`${id}-mrc`}
            className="select select-small"
            value={filters.territoryId ?? ''}
            onChange={(e) => set({ territoryId: e.target.value || null })}
          >
            <option value="">{t('plan.allMrcs')}</option>
            {territories.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="plan-filter">
          <label htmlFor={`${id}-cdp`}>{t('plan.community')}</label>
          <select
            id={`${id}-cdp`}
            className="select select-small"
            value={filters.communityId ?? ''}
            onChange={(e) => set({ communityId: e.target.value || null })}
          >
            <option value="">{t('plan.allCommunities')}</option>
            {communities.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="plan-filter">
          <label htmlFor={`${id}-status`}>{t('plan.statusLabel')}</label>
          <select
            id={`${id}-status`}
            className="select select-small"
            value={filters.status ?? ''}
            onChange={(e) => set({ status: (e.target.value || null) as ActionStatus | null })}
          >
            <option value="">{t('plan.allStatuses')}</option>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`plan.status_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="plan-filter">
          <label htmlFor={`${id}-year`}>{t('plan.year')}</label>
          <select
            id={`${id}-year`}
            className="select select-small"
            value={filters.year ?? ''}
            onChange={(e) => set({ year: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">{t('plan.allYears')}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="plan-filter-result">
        <p className="small" role="status">
          {hasFilters(filters)
            ? t('plan.filteredCount', { count: shown, total })
            : t('plan.actionCount', { count: total })}
        </p>
        {hasFilters(filters) && (
          <button type="button" className="link-button" onClick={() => onChange(NO_FILTERS)}>
            {t('plan.clearFilters')}
          </button>
        )}
      </div>
    </form>
  );
}
