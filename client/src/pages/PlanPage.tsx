import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type ActionStatus } from '@cocon/shared';
import { canFacilitate } from '../api/session';
import { AccountsOnly } from '../components/AccountsOnly';
import { ErrorMessage } from '../components/ErrorMessage';
import { tabPanelProps, Tabs } from '../components/Tabs';
import { ActionDialog } from '../plan/ActionDialog';
import { PLAN_EXPORT_FORMATS, planExportUrl } from '../plan/api';
import { LookupsProvider } from '../plan/lookups';
import {
  allActions,
  filterPlan,
  filterYears,
  periodText,
  progressCoverage,
  type PlanFilters,
} from '../plan/planModel';
import { PlanDashboard } from '../plan/PlanDashboard';
import { PlanFiltersBar } from '../plan/PlanFiltersBar';
import { PlanManage } from '../plan/PlanManage';
import { PlanTable } from '../plan/PlanTable';
import { PlanTimeline } from '../plan/PlanTimeline';
import { PlanTree } from '../plan/PlanTree';
import { formatTime } from '../plan/planFormat';
import { ProgressBar } from '../plan/ProgressBar';
import { usePlanLive, type LiveStatus } from '../plan/usePlanLive';
import { useOrgPath } from '../org/useOrgPath';
import '../plan/plan.css';

const PLAN_VIEWS = ['tree', 'table', 'timeline', 'dashboard'] as const;
type PlanViewName = (typeof PLAN_VIEWS)[number];

/** The view and the filters live in the address, so a link shows the same slice of the plan. */
function useViewState() {
  const [params, setParams] = useSearchParams();
  const rawView = params.get('vue');
  const view: PlanViewName = (PLAN_VIEWS as readonly string[]).includes(rawView ?? '')
    ? (rawView as PlanViewName)
    : 'tree';
  const status = params.get('statut');
  const year = Number(params.get('annee'));
  const filters: PlanFilters = {
    territoryId: params.get('mrc') || null,
    communityId: params.get('cdp') || null,
    status: (ACTION_STATUSES as readonly string[]).includes(status ?? '') ? (status as ActionStatus) : null,
    year: Number.isInteger(year) && year > 0 ? year : null,
  };
  const update = (next: { view?: PlanViewName; filters?: PlanFilters }) => {
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        const put = (key: string, value: string | null) => (value ? p.set(key, value) : p.delete(key));
        if (next.view) put('vue', next.view === 'tree' ? null : next.view);
        if (next.filters) {
          put('mrc', next.filters.territoryId);
          put('cdp', next.filters.communityId);
          put('statut', next.filters.status);
          put('annee', next.filters.year === null ? null : String(next.filters.year));
        }
        return p;
      },
      { replace: true },
    );
  };
  return { view, filters, update };
}

export function PlanPage() {
  const { planId = '' } = useParams();
  return (
    <AccountsOnly>
      {(user) => (
        <LookupsProvider>
          <PlanScreen key={planId} planId={planId} canEdit={canFacilitate(user)} />
        </LookupsProvider>
      )}
    </AccountsOnly>
  );
}

function PlanScreen({ planId, canEdit }: { planId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const inOrg = useOrgPath();
  const { plan, error, live, updatedAt, reload } = usePlanLive(planId);
  const { view, filters, update } = useViewState();
  const [openAction, setOpenAction] = useState<string | null>(null);
  const shown = useMemo(() => (plan ? filterPlan(plan, filters) : null), [plan, filters]);

  if (!plan || !shown) {
    return (
      <div className="page">
        <ErrorMessage code={error} />
        {!error && <p aria-busy="true">{t('plan.loading')}</p>}
        <p>
          <Link to={inOrg('/plans')}>{t('plan.backToPlans')}</Link>
        </p>
      </div>
    );
  }

  const total = allActions(plan).length;
  const count = allActions(shown).length;
  const coverage = progressCoverage(plan);
  const period = periodText(plan);
  const empty = shown.themes.length === 0;

  return (
    <div className="page plan-page">
      <p className="plan-breadcrumb">
        <Link to={inOrg('/plans')}>{t('plan.allPlans')}</Link>
      </p>
      <header className="plan-head">
        <div className="plan-head-title">
          <h1>
            {plan.title}
            {plan.archived && (
              <>
                {' '}
                <span className="plan-archived-badge">{t('plan.archivedBadge')}</span>
              </>
            )}
          </h1>
          <p className="muted">
            {t('plan.period', { period })} · <LiveBadge status={live} />
          </p>
          <p className="muted small" role="status">
            {updatedAt !== null && t('plan.updatedAt', { time: formatTime(updatedAt, i18n.language) })}
          </p>
          <p className="plan-fund-link">
            <Link
              to={inOrg(`/plans/${encodeURIComponent(plan.id)}/fund`)}
              className="button button-secondary button-small"
            >
              {t('fund.planLink')}
            </Link>
          </p>
        </div>
        <div className="plan-head-progress">
          <span className="plan-head-label">{t('plan.overallProgress')}</span>
          <ProgressBar value={plan.progress} label={plan.title} size="large" />
          {/* Said beside the number: a percentage of the few actions measured is not the plan's. */}
          <span className="muted small" data-testid="progress-coverage">
            {t('plan.progressCoverage', { ...coverage, count: coverage.known })}
          </span>
        </div>
      </header>
      {plan.archived && <p className="notice">{t('plan.archivedNotice')}</p>}
      <ErrorMessage code={error} />
      <PlanFiltersBar
        filters={filters}
        years={filterYears(plan)}
        shown={count}
        total={total}
        onChange={(next) => update({ filters: next })}
      />
      <Tabs
        names={PLAN_VIEWS}
        current={view}
        label={t('plan.views')}
        labelOf={(name) => t(`plan.view_${name}`)}
        idPrefix="plan"
        onChange={(next) => update({ view: next })}
      />
      <div {...tabPanelProps('plan', view)} className="plan-panel">
        {empty ? (
          <p className="empty">{total === 0 ? t('plan.emptyPlan') : t('plan.noMatch')}</p>
        ) : view === 'tree' ? (
          <PlanTree plan={shown} onOpenAction={setOpenAction} />
        ) : view === 'table' ? (
          <PlanTable plan={shown} onOpenAction={setOpenAction} />
        ) : view === 'timeline' ? (
          <PlanTimeline plan={shown} onOpenAction={setOpenAction} />
        ) : (
          <PlanDashboard plan={shown} />
        )}
      </div>
      <section className="card plan-exports" aria-labelledby="plan-exports-title">
        <h2 id="plan-exports-title">{t('plan.exports')}</h2>
        <p className="hint">{t('plan.exportsHint')}</p>
        <ul className="export-links">
          {PLAN_EXPORT_FORMATS.map((format) => (
            <li key={format}>
              <a
                className="button button-secondary button-small"
                href={planExportUrl(plan.id, format)}
                download
              >
                {t(`plan.export_${format}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>
      {canEdit && <PlanManage plan={plan} onChanged={reload} />}
      <ActionDialog
        plan={plan}
        actionId={openAction}
        canEdit={canEdit}
        onClose={() => setOpenAction(null)}
        onChanged={reload}
      />
    </div>
  );
}

function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  const key = status === 'live' ? 'live' : status === 'offline' ? 'offline' : 'reconnecting';
  return (
    <span className={`connection connection-${key} plan-live`} data-testid="plan-live">
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{t(`connection.${key}`)}</span>
    </span>
  );
}
