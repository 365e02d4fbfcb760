import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RoundView } from '@cocon/shared';
import { AccountsOnly } from '../components/AccountsOnly';
import { ErrorMessage } from '../components/ErrorMessage';
import { tabPanelProps, Tabs } from '../components/Tabs';
import { AuditPanel } from '../fund/AuditPanel';
import { BallotPanel } from '../fund/BallotPanel';
import { DecisionPanel } from '../fund/DecisionPanel';
import { formatCents } from '../fund/money';
import { namesFor } from '../fund/names';
import { RoundProjects } from '../fund/ProjectSummary';
import { ResultsPanel } from '../fund/ResultsPanel';
import { RoundControls } from '../fund/RoundControls';
import { ScenariosPanel } from '../fund/ScenariosPanel';
import { RoundStatusBadge } from '../fund/StatusBadge';
import { useRoundFund } from '../fund/useRoundFund';
import { useRoundLive } from '../fund/useRoundLive';
import { LookupsProvider, useLookups } from '../plan/lookups';
import type { LiveStatus } from '../plan/usePlanLive';
import { useOrgPath } from '../org/useOrgPath';
import '../plan/plan.css';
import '../fund/fund.css';

const TABS = ['results', 'scenarios', 'audit'] as const;
type TabName = (typeof TABS)[number];

export function RoundPage() {
  const { roundId = '' } = useParams();
  return (
    <AccountsOnly>
      {() => (
        <LookupsProvider>
          <RoundScreen key={roundId} roundId={roundId} />
        </LookupsProvider>
      )}
    </AccountsOnly>
  );
}

function RoundScreen({ roundId }: { roundId: string }) {
  const { t, i18n } = useTranslation();
  const inOrg = useOrgPath();
  const { territoryName } = useLookups();
  const [params, setParams] = useSearchParams();
  const { round: fetched, live, change } = useRoundLive(roundId);
  const round = fetched.data;
  const planId = round?.planId ?? null;
  const fund = useRoundFund(planId);
  const rawTab = params.get('onglet');
  const tab: TabName = (TABS as readonly string[]).includes(rawTab ?? '') ? (rawTab as TabName) : 'results';
  const setTab = (next: TabName) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (next === 'results') p.delete('onglet');
        else p.set('onglet', next);
        return p;
      },
      { replace: true },
    );

  const back = planId ? (
    <Link to={inOrg(`/plans/${encodeURIComponent(planId)}/fund`)}>{t('fund.backToFund')}</Link>
  ) : (
    <Link to={inOrg('/plans')}>{t('plan.allPlans')}</Link>
  );

  if (!round) {
    return (
      <div className="page">
        <ErrorMessage code={fetched.error} />
        {!fetched.error && <p aria-busy="true">{t('app.loading')}</p>}
        <p>{back}</p>
      </div>
    );
  }

  const names = namesFor(round.projects, territoryName);
  const onChanged = (next: RoundView) => {
    fetched.set(next);
  };
  const rules = round.rules;

  return (
    <div className="page plan-page fund-page round-page">
      <p className="plan-breadcrumb">{back}</p>
      <header className="plan-head fund-head">
        <div className="plan-head-title">
          <h1>{round.title}</h1>
          <p className="muted">
            <RoundStatusBadge status={round.status} /> · <LiveBadge status={live} />
          </p>
          <p className="muted small">
            {t('fund.roundRules', {
              budget: formatCents(round.budgetCents, i18n.language),
              method:
                rules.method === 'points'
                  ? t('fund.methodPointsN', { n: rules.pointsPerPartner })
                  : t('fund.method_envelope'),
            })}
            {rules.minPerProjectCents > 0 &&
              ` · ${t('fund.minIs', { amount: formatCents(rules.minPerProjectCents, i18n.language) })}`}
            {rules.maxPerProjectCents !== null &&
              ` · ${t('fund.maxIs', { amount: formatCents(rules.maxPerProjectCents, i18n.language) })}`}
            {rules.applyMrcFloors && ` · ${t('fund.floorsApply')}`}
          </p>
        </div>
        {round.viewer.facilitator && <RoundControls round={round} onChanged={onChanged} />}
      </header>

      {round.decision && <DecisionPanel decision={round.decision} projects={round.projects} />}

      {round.viewer.partnerId && <BallotPanel round={round} change={change} />}

      {round.viewer.facilitator && (
        <section className="card" aria-label={t('fund.facilitation')}>
          <Tabs
            names={TABS}
            current={tab}
            label={t('fund.facilitation')}
            labelOf={(name) => t(`fund.tab_${name}`)}
            idPrefix="round"
            className="fund-tabs"
            onChange={setTab}
          />
          <div {...tabPanelProps('round', tab)} className="plan-panel">
            {tab === 'results' ? (
              <ResultsPanel round={round} change={change} />
            ) : tab === 'scenarios' ? (
              <ScenariosPanel round={round} fund={fund} change={change} names={names} onDecided={onChanged} />
            ) : (
              <AuditPanel round={round} change={change} />
            )}
          </div>
        </section>
      )}

      {!round.viewer.partnerId && !round.viewer.facilitator && <RoundProjects projects={round.projects} />}
    </div>
  );
}

function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  const key = status === 'live' ? 'live' : status === 'offline' ? 'offline' : 'reconnecting';
  return (
    <span className={`connection connection-${key} plan-live`} data-testid="round-live">
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{t(`connection.${key}`)}</span>
    </span>
  );
}
