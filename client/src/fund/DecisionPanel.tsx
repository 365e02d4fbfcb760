import { useTranslation } from 'react-i18next';
import type { DecisionView, RoundProject } from '@cocon/shared';
import { CashFlowTable } from './CashFlowTable';
import { formatCents, formatWhen } from './money';
import { scenarioName } from './names';
import { ScrollTable } from './ScrollTable';

/** The recorded decision: which scenario, the amounts, the justification, who and when. */
export function DecisionPanel({ decision, projects }: { decision: DecisionView; projects: RoundProject[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const title = (id: string) => projects.find((p) => p.id === id)?.title ?? id;
  const total = decision.allocations.reduce((s, a) => s + a.cents, 0);
  return (
    <section className="card fund-decision" aria-labelledby="decision-title" data-testid="decision">
      <h2 id="decision-title">{t('fund.decision')}</h2>
      <p>
        {t('fund.decisionBy', {
          scenario: scenarioName({ kind: decision.scenarioKind, name: decision.scenarioName }, t),
          name: decision.decidedByName,
          when: formatWhen(decision.decidedAt, lang),
        })}
      </p>
      <blockquote className="quote fund-justification">{decision.justification}</blockquote>
      <ScrollTable
        captionId="decision-amounts"
        caption={t('fund.decisionAmounts')}

        regionClassName="fund-narrow"
      >
        <thead>
          <tr>
            <th scope="col">{t('fund.project')}</th>
            <th scope="col" className="num">
              {t('fund.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {decision.allocations.map((a) => (
            <tr key={a.projectId}>
              <th scope="row">{title(a.projectId)}</th>
              <td className="num">{formatCents(a.cents, lang)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('fund.total')}</th>
            <td className="num">
              <strong>{formatCents(total, lang)}</strong>
            </td>
          </tr>
        </tfoot>
      </ScrollTable>
      <div className="fund-narrow">
        <CashFlowTable rows={decision.cashFlow} caption={t('fund.cashFlow')} />
      </div>
    </section>
  );
}
