import { useTranslation } from 'react-i18next';
import { fundYears, type FundView, type PartnerView } from '@cocon/shared';
import { useLookups } from '../plan/lookups';
import { formatCents } from './money';

interface Row {
  key: string;
  partnerId: string;
  earmarkTheme: string | null;
  earmarkMrc: string | null;
  byYear: Map<number, number>;
  total: number;
}

/** One row per partner (and earmark), one column per year; totals, then what decisions spend. */
function rowsOf(fund: FundView): Row[] {
  const rows = new Map<string, Row>();
  for (const c of fund.contributions) {
    const key = `${c.partnerId}|${c.earmarkTheme ?? ''}|${c.earmarkMrc ?? ''}`;
    const row = rows.get(key) ?? {
      key,
      partnerId: c.partnerId,
      earmarkTheme: c.earmarkTheme,
      earmarkMrc: c.earmarkMrc,
      byYear: new Map<number, number>(),
      total: 0,
    };
    row.byYear.set(c.year, (row.byYear.get(c.year) ?? 0) + c.amountCents);
    row.total += c.amountCents;
    rows.set(key, row);
  }
  return [...rows.values()];
}

export function ContributionsTable({ fund, partners }: { fund: FundView; partners: PartnerView[] }) {
  const { t, i18n } = useTranslation();
  const { territoryName } = useLookups();
  const years = fundYears(fund);
  const partnerName = (id: string) => partners.find((p) => p.id === id)?.name ?? id;
  const rows = rowsOf(fund).sort((a, b) => partnerName(a.partnerId).localeCompare(partnerName(b.partnerId)));
  const money = (cents: number) => formatCents(cents, i18n.language);
  const sumYear = (year: number) =>
    fund.contributions.filter((c) => c.year === year).reduce((s, c) => s + c.amountCents, 0);
  const decided = (year: number) =>
    fund.decidedByYear.filter((d) => d.year === year).reduce((s, d) => s + d.cents, 0);
  const decidedTotal = fund.decidedByYear.reduce((s, d) => s + d.cents, 0);

  if (rows.length === 0) return <p className="empty">{t('fund.noContributions')}</p>;
  return (
    <>
      <h3 id="fund-contributions" className="fund-table-title">
        {t('fund.contributionsCaption')}
      </h3>
      <div
        className="plan-scroll fund-scroll"
        tabIndex={0}
        role="region"
        aria-labelledby="fund-contributions"
      >
        <table className="plan-dash-table fund-table fund-sticky-first" aria-labelledby="fund-contributions">
          <thead>
            <tr>
              <th scope="col">{t('fund.partner')}</th>
              {years.map((year) => (
                <th key={year} scope="col" className="num">
                  {year}
                </th>
              ))}
              <th scope="col" className="num">
                {t('fund.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  {partnerName(row.partnerId)}
                  {(row.earmarkTheme || row.earmarkMrc) && (
                    <span className="fund-earmark">
                      {t('fund.earmarkedFor', {
                        what: [row.earmarkTheme, row.earmarkMrc && territoryName(row.earmarkMrc)]
                          .filter(Boolean)
                          .join(' · '),
                      })}
                    </span>
                  )}
                </th>
                {years.map((year) => (
                  <td key={year} className="num">
                    {row.byYear.has(year) ? money(row.byYear.get(year)!) : '—'}
                  </td>
                ))}
                <td className="num">
                  <strong>{money(row.total)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('fund.totalPerYear')}</th>
              {years.map((year) => (
                <td key={year} className="num">
                  <strong>{money(sumYear(year))}</strong>
                </td>
              ))}
              <td className="num">
                <strong>{money(fund.totalCents)}</strong>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('fund.decidedPerYear')}</th>
              {years.map((year) => (
                <td key={year} className="num">
                  {money(decided(year))}
                </td>
              ))}
              <td className="num">{money(decidedTotal)}</td>
            </tr>
            <tr>
              <th scope="row">{t('fund.leftPerYear')}</th>
              {years.map((year) => (
                <td key={year} className="num">
                  {money(sumYear(year) - decided(year))}
                </td>
              ))}
              <td className="num">{money(fund.totalCents - decidedTotal)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
