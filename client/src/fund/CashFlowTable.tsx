import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashFlowRow } from '@cocon/shared';
import { formatCents } from './money';

/** Year by year: what is available, what the allocation spends, the balance carried over. */
export function CashFlowTable({ rows, caption }: { rows: CashFlowRow[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const money = (c: number) => formatCents(c, i18n.language);
  const id = useId();
  if (rows.length === 0) return null;
  return (
    <div className="plan-scroll fund-scroll" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="plan-dash-table fund-table fund-cashflow">
        <caption id={id} className="fund-caption">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('fund.year')}</th>
            <th scope="col" className="num">
              {t('fund.available')}
            </th>
            <th scope="col" className="num">
              {t('fund.spend')}
            </th>
            <th scope="col" className="num">
              {t('fund.balance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.year} className={row.balanceCents < 0 ? 'fund-negative' : undefined}>
              <th scope="row">{row.year}</th>
              <td className="num">{money(row.availableCents)}</td>
              <td className="num">{money(row.spendCents)}</td>
              <td className="num">
                {row.balanceCents < 0 && <span className="visually-hidden">{t('fund.shortfall')} </span>}
                {money(row.balanceCents)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
