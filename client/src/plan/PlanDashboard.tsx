import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type PlanView } from '@cocon/shared';
import { useLookups } from './lookups';
import { formatMoney } from './planFormat';
import {
  allActions,
  dashboardRows,
  progressHistory,
  statusCounts,
  summarize,
  type DashboardRow,
} from './planModel';
import { ProgressBar } from './ProgressBar';
import { ProgressChart } from './ProgressChart';

/** Per MRC and per community: actions, average progress, money; and progress over time. */
export function PlanDashboard({ plan }: { plan: PlanView }) {
  const { t, i18n } = useTranslation();
  const { territories, communities, territoryName, communityName } = useLookups();
  const total = summarize(allActions(plan).map((e) => e.action));
  const counts = statusCounts(plan);
  const money = (amount: number | null) => (amount === null ? '—' : formatMoney(amount, i18n.language));

  return (
    <div className="plan-dashboard">
      <section className="card" aria-labelledby="dash-summary">
        <h2 id="dash-summary">{t('plan.summary')}</h2>
        <dl className="plan-kpis">
          <div>
            <dt>{t('plan.kpiActions')}</dt>
            <dd>{total.actions}</dd>
          </div>
          <div className="plan-kpi-wide">
            <dt>{t('plan.kpiProgress')}</dt>
            <dd>
              <ProgressBar value={total.progress} label={plan.title} size="large" />
            </dd>
          </div>
          <div>
            <dt>{t('plan.kpiBudget')}</dt>
            <dd>{money(total.budget)}</dd>
          </div>
        </dl>
        <ul className="plan-status-counts" aria-label={t('plan.byStatus')}>
          {ACTION_STATUSES.map((status) => (
            <li key={status}>
              <span className={`plan-status plan-status-${status}`}>{t(`plan.status_${status}`)}</span>{' '}
              <strong>{counts[status]}</strong>
            </li>
          ))}
        </ul>
      </section>
      <DashboardTable
        id="dash-mrc"
        title={t('plan.byMrc')}
        nameHeader={t('plan.mrc')}
        rows={dashboardRows(
          plan,
          'territoryIds',
          territories.map((x) => x.id),
        )}
        nameOf={(id) => (id === null ? t('plan.noMrc') : territoryName(id))}
        money={money}
      />
      <DashboardTable
        id="dash-community"
        title={t('plan.byCommunity')}
        nameHeader={t('plan.community')}
        rows={dashboardRows(
          plan,
          'communityIds',
          communities.map((x) => x.id),
        )}
        nameOf={(id) => (id === null ? t('plan.noCommunity') : communityName(id))}
        money={money}
      />
      <section className="card" aria-labelledby="dash-history">
        <h2 id="dash-history">{t('plan.history')}</h2>
        <ProgressChart points={progressHistory(plan)} />
      </section>
    </div>
  );
}

function DashboardTable({
  id,
  title,
  nameHeader,
  rows,
  nameOf,
  money,
}: {
  id: string;
  title: string;
  nameHeader: string;
  rows: DashboardRow[];
  nameOf: (id: string | null) => string;
  money: (amount: number | null) => string;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="plan-scroll">
        <table className="plan-dash-table plan-dash-stack" aria-labelledby={id} data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              <th scope="col" className="num">
                {t('plan.kpiActions')}
              </th>
              <th scope="col">{t('plan.averageProgress')}</th>
              <th scope="col" className="num">
                {t('plan.kpiBudget')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id ?? 'none'} className={row.id === null ? 'plan-row-none' : undefined}>
                <th scope="row">{nameOf(row.id)}</th>
                <td className="num" data-label={t('plan.kpiActions')}>
                  {row.actions}
                </td>
                <td className="plan-dash-progress" data-label={t('plan.averageProgress')}>
                  <ProgressBar value={row.progress} label={nameOf(row.id)} size="small" />
                </td>
                <td className="num" data-label={t('plan.kpiBudget')}>
                  {money(row.budget)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
