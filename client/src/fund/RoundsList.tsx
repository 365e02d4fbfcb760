import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RoundSummary } from '@cocon/shared';
import { formatCents, formatWhen } from './money';

import { RoundStatusBadge } from './StatusBadge';
import { useOrgPath } from '../org/useOrgPath';

/** The fund's consultation rounds, newest first, each a link to its page. */
export function RoundsList({
  rounds,
  myPartner,
}: {
  rounds: RoundSummary[];
  /** The viewer's organization when they represent one: open rounds invite them to vote. */
  myPartner: string | null;
}) {
  const { t, i18n } = useTranslation();
  const inOrg = useOrgPath();
  const sorted = [...rounds].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  return (
    <section className="card" aria-labelledby="fund-rounds">
      <h2 id="fund-rounds">{t('fund.rounds')}</h2>
      {sorted.length === 0 ? (
        <p className="empty">{t('fund.noRounds')}</p>
      ) : (
        <ul className="fund-round-list">
          {sorted.map((round) => (
            <li key={round.id} className="fund-round-item" data-testid="fund-round">
              <div className="fund-round-head">
                <Link to={inOrg(`/rounds/${round.id}`)} className="fund-round-link">
                  {round.title}
                </Link>
                <RoundStatusBadge status={round.status} />
              </div>
              {myPartner && round.status === 'open' && (
                <p>
                  <Link
                    to={inOrg(`/rounds/${round.id}`)}
                    className="button button-primary button-small"
                    aria-label={t('fund.fillBallotOf', { partner: myPartner, round: round.title })}
                  >
                    {t('fund.fillBallot', { partner: myPartner })}
                  </Link>
                </p>
              )}
              <p className="muted small">
                {t('fund.roundLine', {
                  budget: formatCents(round.budgetCents, i18n.language),
                  count: round.projectCount,
                  date: formatWhen(round.openedAt, i18n.language),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
