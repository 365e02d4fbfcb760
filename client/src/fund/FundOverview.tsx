import { useTranslation } from 'react-i18next';
import type { FundView, PartnerView } from '@cocon/shared';
import { useLookups } from '../plan/lookups';
import { ContributionsTable } from './ContributionsTable';
import { formatCents } from './money';
import { yearsLabel } from './names';

/** The fund as everyone reads it: years, total, contributions, envelopes, floors. */
export function FundOverview({ fund, partners }: { fund: FundView; partners: PartnerView[] }) {
  const { t, i18n } = useTranslation();
  const { territoryName } = useLookups();
  const money = (cents: number) => formatCents(cents, i18n.language);
  const decided = fund.decidedByYear.reduce((s, d) => s + d.cents, 0);
  return (
    <section className="card" aria-labelledby="fund-overview">
      <h2 id="fund-overview">{t('fund.overview')}</h2>
      <dl className="plan-kpis fund-kpis">
        <div>
          <dt>{t('fund.years')}</dt>
          <dd>{yearsLabel(fund.startYear, fund.years)}</dd>
        </div>
        <div>
          <dt>{t('fund.totalFund')}</dt>
          <dd data-testid="fund-total">{money(fund.totalCents)}</dd>
        </div>
        <div>
          <dt>{t('fund.decidedTotal')}</dt>
          <dd>{money(decided)}</dd>
        </div>
        <div>
          <dt>{t('fund.partnerCount')}</dt>
          <dd>{new Set(fund.contributions.map((c) => c.partnerId)).size}</dd>
        </div>
      </dl>
      <ContributionsTable fund={fund} partners={partners} />
      <div className="fund-rules-grid">
        <div>
          <h3>{t('fund.themeEnvelopes')}</h3>
          <p className="hint">{t('fund.themeEnvelopesHint')}</p>
          {fund.themeEnvelopes.length === 0 ? (
            <p className="empty small">{t('fund.none')}</p>
          ) : (
            <ul className="fund-amount-list">
              {fund.themeEnvelopes.map((e) => (
                <li key={e.theme}>
                  <span>{e.theme}</span> <strong>{money(e.amountCents)}</strong>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('fund.mrcFloors')}</h3>
          <p className="hint">{t('fund.mrcFloorsHint')}</p>
          {fund.mrcFloors.length === 0 ? (
            <p className="empty small">{t('fund.none')}</p>
          ) : (
            <ul className="fund-amount-list">
              {fund.mrcFloors.map((f) => (
                <li key={f.mrcId}>
                  <span>{territoryName(f.mrcId)}</span> <strong>{money(f.amountCents)}</strong>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
