import { useTranslation } from 'react-i18next';
import type { Violation } from '@cocon/shared';
import { describeViolation, type Names } from './names';

/** The rules an allocation breaks, in sentences; or that it respects them all. */
export function ViolationsList({ violations, names }: { violations: Violation[]; names: Names }) {
  const { t, i18n } = useTranslation();
  if (violations.length === 0)
    return (
      <p className="fund-ok small" data-testid="no-violations">
        <span aria-hidden="true">✓ </span>
        {t('fund.allRulesMet')}
      </p>
    );
  return (
    <div className="fund-violations" data-testid="violations">
      <p className="small">
        <strong>{t('fund.violationsCount', { count: violations.length })}</strong>
      </p>
      <ul className="small">
        {violations.map((v, i) => (
          <li key={`${v.code}-${v.subject}-${i}`}>{describeViolation(v, names, t, i18n.language)}</li>
        ))}
      </ul>
    </div>
  );
}
