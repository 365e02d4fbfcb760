import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashFlowRow } from '@cocon/shared';
import { formatCents } from './money';
import { ScrollTable } from './ScrollTable';

/** Year by year: what is available, what the allocation spends, the balance carried over. */
export function CashFlowTable({ rows, caption }: { rows: CashFlowRow[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const money = (c: number) => formatCents(c, i18n.language);
  const id = useId();
  if (rows.length === 0) return null;
  return (
    <ScrollTable captionId={id} caption={caption} tableClassName="fund-cashflow">
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
    </ScrollTable>
  );
}
