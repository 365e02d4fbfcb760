import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FundView, RoundView, ScenarioView } from '@cocon/shared';
import { ErrorMessage } from '../components/ErrorMessage';
import { fundApi } from './api';
import { CashFlowTable } from './CashFlowTable';
import { CustomScenarioEditor } from './CustomScenarioEditor';
import { DecisionForm } from './DecisionForm';
import { formatCents } from './money';
import { describeRuleError, scenarioName, type Names } from './names';
import { useFetched } from './useFetched';
import type { RoundChange } from './useRoundLive';
import { ViolationsList } from './ViolationsList';
import { ScrollTable } from './ScrollTable';

/**
 * Allocations side by side (consultation, equal per MRC, proportional, facilitators' own): the
 * amounts per project, then each one's cash flow and broken rules; the decision once closed.
 */
export function ScenariosPanel({
  round,
  fund,
  change,
  names,
  onDecided,
}: {
  round: RoundView;
  fund: FundView | null;
  change: RoundChange | null;
  names: Names;
  onDecided: (round: RoundView) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const scenarios = useFetched(() => fundApi.scenarios(round.id), round.id);
  const reload = scenarios.reload;
  const [editFrom, setEditFrom] = useState<ScenarioView | null>(null);
  useEffect(() => {
    if (change) reload();
  }, [change, reload]);

  const list = scenarios.data;
  if (!list)
    return (
      <div>
        <ErrorMessage code={scenarios.error} />
        {!scenarios.error && <p aria-busy="true">{t('app.loading')}</p>}
      </div>
    );
  const amount = (s: ScenarioView, projectId: string) =>
    s.allocations.find((a) => a.projectId === projectId)?.cents;
  const money = (c: number | undefined) => (c === undefined ? '—' : formatCents(c, lang));

  return (
    <div className="fund-scenarios" data-testid="scenarios">
      <ScrollTable
        captionId="scenarios-compare"
        caption={t('fund.compare')}
        tableClassName="fund-compare fund-sticky-first"
      >
        <thead>
          <tr>
            <th scope="col">{t('fund.project')}</th>
            {list.map((s) => (
              <th key={s.id} scope="col" className="num">
                {scenarioName(s, t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {round.projects.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                {p.title}
                <span className="fund-earmark">
                  {t('fund.requested', { amount: formatCents(p.requestedCents, lang) })}
                </span>
              </th>
              {list.map((s) => (
                <td key={s.id} className="num">
                  {s.error ? '—' : money(amount(s, p.id))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('fund.total')}</th>
            {list.map((s) => (
              <td key={s.id} className="num">
                <strong>{s.error ? '—' : money(s.totalCents)}</strong>
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('fund.rules')}</th>
            {list.map((s) => (
              <td
                key={s.id}
                className={`num ${s.error || s.violations.length > 0 ? 'fund-bad' : 'fund-good'}`}
              >
                {s.error
                  ? t('fund.impossible')
                  : s.violations.length > 0
                    ? t('fund.violationsCount', { count: s.violations.length })
                    : t('fund.allRulesMet')}
              </td>
            ))}
          </tr>
        </tfoot>
      </ScrollTable>

      {editFrom && (
        <CustomScenarioEditor
          round={round}
          fund={fund}
          from={editFrom}
          fromName={scenarioName(editFrom, t)}
          names={names}
          onCancel={() => setEditFrom(null)}
          onSaved={() => {
            setEditFrom(null);
            reload();
          }}
        />
      )}

      <ul className="fund-scenario-cards">
        {list.map((s) => (
          <li key={s.id} className="card fund-scenario" data-testid="scenario" data-kind={s.kind}>
            <h3>{scenarioName(s, t)}</h3>
            <p className="muted small">{t(`fund.scenarioHint_${s.kind}`)}</p>
            {s.error ? (
              <p className="fund-bad small" role="note">
                {t('fund.scenarioImpossible')}{' '}
                {describeRuleError(s.errorCode, s.errorSubjects, s.error, names, t)}
              </p>
            ) : (
              <>
                <p>
                  <strong>{t('fund.totalIs', { total: formatCents(s.totalCents, lang) })}</strong>
                </p>
                <ViolationsList violations={s.violations} names={names} />
                <CashFlowTable
                  rows={s.cashFlow}
                  caption={t('fund.cashFlowOf', { name: scenarioName(s, t) })}
                />
              </>
            )}
            {round.status !== 'decided' && !s.error && (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setEditFrom(s)}
              >
                {t('fund.editFrom', { name: scenarioName(s, t) })}
              </button>
            )}
          </li>
        ))}
      </ul>

      {round.status === 'closed' && (
        <DecisionForm round={round} scenarios={list} names={names} onDecided={onDecided} />
      )}
      {round.status === 'open' && <p className="notice">{t('fund.closeToDecide')}</p>}
    </div>
  );
}
