import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ActionStatus, PlanActionView, PlanIndicatorView } from '@cocon/shared';
import { Icon } from '../components/Icon';
import { useLookups } from './lookups';
import { formatMoney, formatNumber } from './planFormat';
import { effectiveTimeline } from './planModel';
import { useOrgPath } from '../org/useOrgPath';

export function StatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`plan-status plan-status-${status}`} data-testid="action-status">
      {t(`plan.status_${status}`)}
    </span>
  );
}

/**
 * The échéancier as written, with a clock. An ongoing action whose timeline just says so shows
 * its status only ("En continu" twice would read as a stutter).
 */
export function TimelineChip({ action, always = false }: { action: PlanActionView; always?: boolean }) {
  const { t } = useTranslation();
  const ongoing = effectiveTimeline(action)?.kind === 'ongoing';
  const plainOngoing = ongoing && action.parsedTimeline?.kind === 'ongoing';
  if (!always && plainOngoing && action.status === 'ongoing') return null;
  return (
    <span className={`plan-timeline${ongoing ? ' plan-timeline-ongoing' : ''}`}>
      <Icon name="clock" />
      <span className="visually-hidden">{t('plan.colTimeline')} : </span>
      {action.timeline.trim() || t('plan.noTimeline')}
    </span>
  );
}

/** "3 rencontres sur 4" from the latest measure of a quantitative indicator, or null. */
export function useLatestMeasure(indicator: PlanIndicatorView): string | null {
  const { t, i18n } = useTranslation();
  if (indicator.kind !== 'quantitative' || indicator.measurements.length === 0) return null;
  const latest = indicator.measurements.reduce((a, b) => (b.date >= a.date ? b : a));
  return measureText(t, i18n.language, latest.value, indicator);
}

export function measureText(
  t: TFunction,
  language: string,
  value: number,
  indicator: Pick<PlanIndicatorView, 'target' | 'unit'>,
): string {
  const v = formatNumber(value, language);
  if (indicator.target === null) return t('plan.measureNoTarget', { value: v, unit: indicator.unit }).trim();
  // French puts the unit after "sur" below 2 ("1 sur 5 frigos installés"), after the value above.
  const options = { value: v, unit: indicator.unit, target: formatNumber(indicator.target, language) };
  const text = value < 2 ? t('plan.measureOfFew', options) : t('plan.measureOf', options);
  return text.replace(/\s+/g, ' ');
}

/** MRCs, communities, budget and the proposal the action came from. */
export function ActionMeta({ action }: { action: PlanActionView }) {
  const { t, i18n } = useTranslation();
  const inOrg = useOrgPath();
  const { territoryName, communityName } = useLookups();
  const hasAny =
    action.territoryIds.length > 0 ||
    action.communityIds.length > 0 ||
    action.budget !== null ||
    action.proposalId !== null;
  if (!hasAny) return null;
  return (
    <dl className="plan-meta">
      {action.territoryIds.length > 0 && (
        <div>
          <dt>{t('plan.mrcs')}</dt>
          <dd>{action.territoryIds.map(territoryName).join(', ')}</dd>
        </div>
      )}
      {action.communityIds.length > 0 && (
        <div>
          <dt>{t('plan.communities')}</dt>
          <dd>{action.communityIds.map(communityName).join(', ')}</dd>
        </div>
      )}
      {action.budget !== null && (
        <div>
          <dt>{t('plan.budget')}</dt>
          <dd>{formatMoney(action.budget, i18n.language)}</dd>
        </div>
      )}
      {action.proposalId !== null && (
        <div>
          <dt>{t('plan.source')}</dt>
          <dd>
            <Link
              to={inOrg(`/proposals/${encodeURIComponent(action.proposalId)}`)}
              data-testid="proposal-link"
            >
              {t('plan.fromProposal')}
            </Link>
          </dd>
        </div>
      )}
    </dl>
  );
}
