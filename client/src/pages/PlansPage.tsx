import { useCallback, useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { canFacilitate, useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { planApi } from '../plan/api';
import { NewPlanForm } from '../plan/NewPlanForm';
import { PlanImport } from '../plan/PlanImport';
import { formatDay, todayIso } from '../plan/planFormat';
import { periodText } from '../plan/planModel';
import { ProgressBar } from '../plan/ProgressBar';
import { useOrgPath } from '../org/useOrgPath';
import '../plan/plan.css';

/**
 * The region's plans with their progress; facilitators create, carry over and import. Archived
 * plans show on demand (`?archives=1`, so the choice survives a reload or a link).
 */
export function PlansPage() {
  const { t } = useTranslation();
  const { user, loading } = useSession();
  const [params, setParams] = useSearchParams();
  const showArchived = params.get('archives') === '1';
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  const load = useCallback(() => {
    planApi
      .list({ archived: showArchived })
      .then((list) => {
        setPlans(list);
        setError(null);
      })
      .catch((err: unknown) => setError(errorCodeOf(err)));
  }, [showArchived]);

  const isAccount = user?.kind === 'account';
  useEffect(() => {
    if (isAccount) load();
  }, [isAccount, load]);

  if (loading) return <p className="page">{t('app.loading')}</p>;
  if (!user) return <Navigate to="/" replace />;
  if (!isAccount) {
    return (
      <div className="page narrow">
        <p className="notice">{t('plan.accountsOnly')}</p>
      </div>
    );
  }
  const facilitator = canFacilitate(user);
  const openPlans = plans?.filter((plan) => !plan.archived) ?? [];
  const toggleArchived = (show: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (show) next.set('archives', '1');
        else next.delete('archives');
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page plans-page">
      <h1>{t('plan.plansTitle')}</h1>
      <p className="muted plans-intro">{t('plan.plansIntro')}</p>
      <label className="checkbox plans-archived-toggle">
        <input type="checkbox" checked={showArchived} onChange={(e) => toggleArchived(e.target.checked)} />
        {t('plan.showArchived')}
      </label>
      <ErrorMessage code={error} />
      {plans === null && !error && <p>{t('app.loading')}</p>}
      {plans?.length === 0 && (
        <p className="empty">{facilitator ? t('plan.noPlansFacilitator') : t('plan.noPlans')}</p>
      )}
      <ul className="plan-list">
        {plans?.map((plan) => (
          <li key={plan.id}>
            <PlanCard plan={plan} />
          </li>
        ))}
      </ul>
      {facilitator && (
        <div className="plans-tools">
          <PlanImport plans={openPlans} />
          <NewPlanForm plans={plans ?? []} />
        </div>
      )}
    </div>
  );
}

function PlanCard({ plan }: { plan: PlanSummary }) {
  const { t, i18n } = useTranslation();
  const inOrg = useOrgPath();
  const titleId = `plan-${plan.id}-title`;
  const period = periodText(plan);
  return (
    <article
      className={`card plan-card${plan.archived ? ' plan-card-archived' : ''}`}
      aria-labelledby={titleId}
      data-testid="plan-card"
    >
      <h2 id={titleId}>
        <Link to={inOrg(`/plans/${plan.id}`)}>{plan.title}</Link>
        {plan.archived && (
          <>
            {' '}
            <span className="plan-archived-badge">{t('plan.archivedBadge')}</span>
          </>
        )}
      </h2>
      <p className="muted small">
        {t('plan.period', { period })} ·{' '}
        {t('plan.createdOn', { date: formatDay(todayIso(new Date(plan.createdAt)), i18n.language) })}
      </p>
      <ProgressBar value={plan.progress} label={plan.title} />
    </article>
  );
}
