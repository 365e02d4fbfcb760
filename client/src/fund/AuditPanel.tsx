import { useEffect } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FundAuditEntry, RoundView } from '@cocon/shared';
import { ErrorMessage } from '../components/ErrorMessage';
import { fundApi } from './api';
import { formatAmount, formatCents, formatWhen } from './money';
import { scenarioName } from './names';
import { useFetched } from './useFetched';
import type { RoundChange } from './useRoundLive';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** One step of the round in a sentence, with names; an unknown step shows its raw details. */
export function describeAudit(
  entry: FundAuditEntry,
  round: RoundView,
  t: TFunction,
  language: string,
): string {
  const d = entry.details;
  const project = (id: unknown) => round.projects.find((p) => p.id === id)?.title ?? str(id);
  const partner = (id: unknown) => round.partners.find((p) => p.id === id)?.name ?? str(id);
  const amount = (v: unknown) => formatAmount(num(v), round.rules.method, language);
  switch (entry.action) {
    case 'ballot:line':
      return t('fund.audit_ballot_line', {
        partner: partner(d.partnerId),
        project: project(d.projectId),
        before: amount(d.amountBefore),
        after: amount(d.amount),
        opinion: d.opinion === 'consent' || d.opinion === 'objection' ? t(`fund.opinion_${d.opinion}`) : '—',
      });
    case 'round:open':
      return t('fund.audit_open', {
        budget: formatCents(num(d.budgetCents), language),
        count: num(d.projects),
      });
    case 'round:close':
      return t('fund.audit_close', { count: num(d.ballots) });
    case 'round:reopen':
      return t('fund.audit_reopen');
    case 'round:scenario':
      return t('fund.audit_scenario', { name: str(d.name), total: formatCents(num(d.totalCents), language) });
    case 'round:decide':
      return t('fund.audit_decide', {
        name:
          d.kind === 'consultation' ||
          d.kind === 'equal_per_mrc' ||
          d.kind === 'proportional' ||
          d.kind === 'custom'
            ? scenarioName({ kind: d.kind, name: str(d.scenario) }, t)
            : str(d.scenario),
        total: formatCents(num(d.totalCents), language),
        count: num(d.planActionsUpdated),
      });
    default:
      return `${entry.action} ${Object.entries(d)
        .filter(([, v]) => v !== null && v !== '')
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(' · ')}`;
  }
}

/** Every step of the round, newest first (facilitators). */
export function AuditPanel({ round, change }: { round: RoundView; change: RoundChange | null }) {
  const { t, i18n } = useTranslation();
  const audit = useFetched(() => fundApi.audit(round.id), round.id);
  const reload = audit.reload;
  useEffect(() => {
    if (change) reload();
  }, [change, reload]);
  if (!audit.data)
    return (
      <div>
        <ErrorMessage code={audit.error} />
        {!audit.error && <p aria-busy="true">{t('app.loading')}</p>}
      </div>
    );
  if (audit.data.length === 0) return <p className="empty">{t('fund.noAudit')}</p>;
  return (
    <ol className="fund-audit" data-testid="audit">
      {audit.data.map((entry, i) => (
        <li key={`${entry.at}-${i}`}>
          <span className="muted small fund-audit-when">{formatWhen(entry.at, i18n.language)}</span>{' '}
          <strong>{entry.actorName}</strong> — <span>{describeAudit(entry, round, t, i18n.language)}</span>
          {entry.action === 'ballot:line' && typeof entry.details.reason === 'string' && (
            <span className="muted small fund-audit-details">
              {t('fund.audit_reason', { reason: entry.details.reason })}
            </span>
          )}
          {entry.action === 'round:decide' && typeof entry.details.justification === 'string' && (
            <span className="muted small fund-audit-details">{entry.details.justification}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
