import { useTranslation } from 'react-i18next';
import type { PlanView } from '@cocon/shared';
import { formatPercent } from './planFormat';

/** A folded list of the plan's themes, to jump to one in a long tree or table. */
export function ThemeIndex({ plan, anchor }: { plan: PlanView; anchor: (themeId: string) => string }) {
  const { t, i18n } = useTranslation();
  if (plan.themes.length < 2) return null;
  return (
    <nav className="plan-index" aria-label={t('plan.themeIndex')}>
      <details>
        <summary>{t('plan.jumpToTheme', { count: plan.themes.length })}</summary>
        <ol>
          {plan.themes.map((theme) => (
            <li key={theme.id}>
              <a href={`#${anchor(theme.id)}`}>{theme.title}</a>{' '}
              <span className="muted small">
                {theme.progress === null ? '—' : formatPercent(theme.progress, i18n.language)}
              </span>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
