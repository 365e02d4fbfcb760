import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type ActionStatus } from '@cocon/shared';
import { FilterSelect } from '../components/FilterSelect';
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
  const small = { wrapperClassName: 'plan-filter', selectClassName: 'select select-small' } as const;
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
        <FilterSelect
          id={`${id}-mrc`}
          label={t('plan.mrc')}
          allLabel={t('plan.allMrcs')}
          value={filters.territoryId ?? ''}
          options={territories.map((x) => ({ value: x.id, label: x.name }))}
          onChange={(v) => set({ territoryId: v || null })}
          {...small}
        />
        <FilterSelect
          id={`${id}-cdp`}
          label={t('plan.community')}
          allLabel={t('plan.allCommunities')}
          value={filters.communityId ?? ''}
          options={communities.map((x) => ({ value: x.id, label: x.name }))}
          onChange={(v) => set({ communityId: v || null })}
          {...small}
        />
        <FilterSelect
          id={`${id}-status`}
          label={t('plan.statusLabel')}
          allLabel={t('plan.allStatuses')}
          value={filters.status ?? ''}
          options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`plan.status_${s}`) }))}
          onChange={(v) => set({ status: (v || null) as ActionStatus | null })}
          {...small}
        />
        <FilterSelect
          id={`${id}-year`}
          label={t('plan.year')}
          allLabel={t('plan.allYears')}
          value={filters.year === null ? '' : String(filters.year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(v) => set({ year: v ? Number(v) : null })}
          {...small}
        />
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
