import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FundView, PartnerView, PlanSummary } from '@cocon/shared';
import { ApiRequestError, type ClientErrorCode } from '../api/http';
import { canFacilitate } from '../api/session';
import { AccountsOnly } from '../components/AccountsOnly';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { fundApi } from '../fund/api';
import { FundOverview } from '../fund/FundOverview';
import { FundSettingsForm } from '../fund/FundSettingsForm';
import { OpenRoundForm } from '../fund/OpenRoundForm';
import { PartnersPanel } from '../fund/PartnersPanel';
import { RoundsList } from '../fund/RoundsList';
import { planApi } from '../plan/api';
import { LookupsProvider } from '../plan/lookups';
import { useOrgPath } from '../org/useOrgPath';
import '../plan/plan.css';
import '../fund/fund.css';

export function FundPage() {
  const { planId = '' } = useParams();
  return (
    <AccountsOnly>
      {(user) => (
        <LookupsProvider>
          <FundScreen key={planId} planId={planId} canEdit={canFacilitate(user)} userId={user.id} />
        </LookupsProvider>
      )}
    </AccountsOnly>
  );
}

/** undefined: loading; null: the plan has no fund yet (404). */
type FundState = FundView | null | undefined;

function FundScreen({ planId, canEdit, userId }: { planId: string; canEdit: boolean; userId: string }) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const [plan, setPlan] = useState<PlanSummary | null>(null);
  const [fund, setFund] = useState<FundState>(undefined);
  const [partners, setPartners] = useState<PartnerView[]>([]);
  const [themes, setThemes] = useState<string[]>([]);
  const [error, setError] = useState<ClientErrorCode | null>(null);

  const loadFund = useCallback(() => {
    fundApi
      .fund(planId)
      .then(setFund)
      .catch((err: unknown) => {
        if (err instanceof ApiRequestError && err.code === 'not_found') setFund(null);
        else setError(errorCodeOf(err));
      });
  }, [planId]);

  useEffect(() => {
    loadFund();
    planApi
      .list()
      .then((list) => setPlan(list.find((p) => p.id === planId) ?? null))
      .catch((err: unknown) => setError(errorCodeOf(err)));
    fundApi
      .partners()
      .then(setPartners)
      .catch(() => {});
    if (canEdit)
      fundApi
        .themes()
        .then(setThemes)
        .catch(() => {});
  }, [planId, canEdit, loadFund]);

  const onPartner = (partner: PartnerView) =>
    setPartners((list) =>
      list.some((p) => p.id === partner.id)
        ? list.map((p) => (p.id === partner.id ? partner : p))
        : [...list, partner],
    );

  const defaults = {
    title: t('fund.defaultTitle', { plan: plan?.title ?? '' }).trim(),
    startYear: plan?.periodFrom ?? new Date().getFullYear(),
  };

  const settingsForm = (current: FundView | null) => (
    <FundSettingsForm
      planId={planId}
      fund={current}
      defaults={defaults}
      partners={partners}
      themes={themes}
      onSaved={setFund}
    />
  );

  return (
    <div className="page plan-page fund-page">
      <p className="plan-breadcrumb">
        <Link to={inOrg('/plans')}>{t('plan.allPlans')}</Link>
        {' › '}
        <Link to={inOrg(`/plans/${encodeURIComponent(planId)}`)}>{plan?.title ?? t('fund.thePlan')}</Link>
      </p>
      <header className="plan-head fund-head">
        <div className="plan-head-title">
          <h1>{fund ? fund.title : t('fund.pageTitle')}</h1>
          {plan && <p className="muted">{t('fund.ofPlan', { plan: plan.title })}</p>}
        </div>
      </header>
      <ErrorMessage code={error} />
      {fund === undefined && !error && <p aria-busy="true">{t('app.loading')}</p>}
      {fund === null && !canEdit && <p className="notice">{t('fund.noFund')}</p>}
      {fund === null && canEdit && plan && <section className="card">{settingsForm(null)}</section>}
      {fund && (
        <>
          <FundOverview fund={fund} partners={partners} />
          <RoundsList
            rounds={fund.rounds}
            myPartner={partners.find((p) => p.representatives.some((r) => r.id === userId))?.name ?? null}
          />
          {canEdit && (
            <>
              <details className="card fund-details" open={!fund.rounds.some((r) => r.status === 'open')}>
                <summary>{t('fund.openRound')}</summary>
                <OpenRoundForm fund={fund} />
              </details>
              <details className="card fund-details">
                <summary>{t('fund.editSettings')}</summary>
                {settingsForm(fund)}
              </details>
            </>
          )}
        </>
      )}
      {canEdit && fund !== undefined && (
        <details className="card fund-details" open={fund === null}>
          <summary>{t('fund.partnersSummary', { count: partners.length })}</summary>
          <PartnersPanel partners={partners} onChanged={onPartner} />
        </details>
      )}
    </div>
  );
}
