import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundView } from '@cocon/shared';
import { ErrorMessage } from '../components/ErrorMessage';
import { useLookups } from '../plan/lookups';
import { fundApi } from './api';
import { BarChart, type Bar } from './BarChart';
import { formatAmount, formatCents } from './money';
import { describeRuleError, namesFor } from './names';
import { useFetched } from './useFetched';
import type { RoundChange } from './useRoundLive';
import { ScrollTable } from './ScrollTable';

/** Live results for facilitators, recomputed by the server from the stored ballots on every change. */
export function ResultsPanel({ round, change }: { round: RoundView; change: RoundChange | null }) {
  const { t, i18n } = useTranslation();
  const { territoryName } = useLookups();
  const lang = i18n.language;
  const names = namesFor(round.projects, territoryName);
  const results = useFetched(() => fundApi.results(round.id), round.id);
  const reload = results.reload;
  useEffect(() => {
    if (change && change.what !== 'scenarios') reload();
  }, [change, reload]);

  const data = results.data;
  if (!data) {
    return (
      <div>
        <ErrorMessage code={results.error} />
        {!results.error && <p aria-busy="true">{t('app.loading')}</p>}
      </div>
    );
  }
  const method = data.method;
  const projectTitle = (id: string) => round.projects.find((p) => p.id === id)?.title ?? id;
  const money = (c: number) => formatCents(c, lang);
  const moneyBar = (key: string, label: string, cents: number): Bar => ({
    key,
    label,
    value: cents,
    text: money(cents),
  });
  const objections = data.projects.flatMap((p) =>
    p.objections.map((o) => ({ ...o, projectId: p.projectId })),
  );

  return (
    <div className="fund-results" data-testid="results">
      <dl className="plan-kpis fund-kpis">
        <div>
          <dt>{t('fund.ballotsCast')}</dt>
          <dd data-testid="ballots-cast">{t('fund.ballotsOf', { n: data.ballots, total: data.partners })}</dd>
        </div>
        <div>
          <dt>{t('fund.objections')}</dt>
          <dd>{objections.length}</dd>
        </div>
        {data.matchesClosing !== null && (
          <div className="fund-kpi-text">
            <dt>{t('fund.recount')}</dt>
            <dd>{data.matchesClosing ? t('fund.recountMatches') : t('fund.recountDiffers')}</dd>
          </div>
        )}
      </dl>
      {data.consultationError && (
        <p className="notice fund-warning" role="alert">
          {t('fund.consultationImpossible')}{' '}
          {describeRuleError(
            data.consultationErrorCode,
            data.consultationErrorSubjects,
            data.consultationError,
            names,
            t,
          )}
        </p>
      )}
      <ScrollTable
        captionId="results-table"
        caption={t('fund.resultsByProject')}
        tableClassName="fund-sticky-first"
      >
        <thead>
          <tr>
            <th scope="col">{t('fund.project')}</th>
            <th scope="col" className="num">
              {method === 'points' ? t('fund.totalPoints') : t('fund.totalEnvelopes')}
            </th>
            <th scope="col" className="num">
              {t('fund.supporters')}
            </th>
            <th scope="col" className="num">
              {t('fund.consents')}
            </th>
            <th scope="col" className="num">
              {t('fund.objections')}
            </th>
            <th scope="col" className="num">
              {t('fund.allocated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.projects.map((p) => (
            <tr key={p.projectId} data-testid="result-row" data-project={p.projectId}>
              <th scope="row">{projectTitle(p.projectId)}</th>
              <td className="num" data-testid="result-total">
                {formatAmount(p.total, method, lang)}
              </td>
              <td className="num">{p.supporters}</td>
              <td className="num">{p.consents}</td>
              <td className="num">{p.objections.length}</td>
              <td className="num">{money(p.allocatedCents)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <div className="fund-charts">
        <BarChart
          id="chart-projects"
          title={method === 'points' ? t('fund.chartProjectsPoints') : t('fund.chartProjectsEnvelope')}
          bars={data.projects.map((p) => ({
            key: p.projectId,
            label: projectTitle(p.projectId),
            value: p.total,
            text: formatAmount(p.total, method, lang),
          }))}
        />
        <BarChart
          id="chart-themes"
          title={t('fund.chartThemes')}
          bars={data.byTheme.map((x) => moneyBar(x.key, x.key || '—', x.cents))}
        />
        <BarChart
          id="chart-mrcs"
          title={t('fund.chartMrcs')}
          bars={data.byMrc.map((x) => moneyBar(x.key, territoryName(x.key), x.cents))}
        />
        <BarChart
          id="chart-years"
          title={t('fund.chartYears')}
          bars={data.byYear.map((x) => moneyBar(String(x.year), String(x.year), x.cents))}
        />
      </div>
      <section aria-labelledby="objections-title" className="fund-subsection">
        <h3 id="objections-title">{t('fund.objectionsTitle')}</h3>
        {objections.length === 0 ? (
          <p className="empty small">{t('fund.noObjections')}</p>
        ) : (
          <ul className="fund-objections">
            {objections.map((o) => (
              <li key={`${o.projectId}-${o.partnerId}`}>
                <strong>{o.partnerName}</strong> — {projectTitle(o.projectId)}
                <blockquote className="quote">{o.reason}</blockquote>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="voters-title" className="fund-subsection">
        <h3 id="voters-title">{t('fund.partnersVoted')}</h3>
        <ul className="fund-voters">
          {round.partners.map((p) => (
            <li key={p.id} className={p.hasBallot ? 'fund-voted' : 'fund-not-voted'}>
              <span aria-hidden="true">{p.hasBallot ? '✓' : '○'}</span> {p.name}{' '}
              <span className="muted small">
                {p.hasBallot ? t('fund.voted') : t('fund.notVoted')} ·{' '}
                {t('fund.partnerLimit', { limit: formatAmount(p.limit, method, lang) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
