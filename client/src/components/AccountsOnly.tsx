import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '@cocon/shared';
import { useSession } from '../api/session';

/**
 * Pages for accounts only (plans, funds, rounds): waits for the session, sends the signed-out
 * home, tells guests the page is not for them, and renders `children` for an account.
 */
export function AccountsOnly({ children }: { children: (user: SessionUser) => ReactNode }) {
  const { t } = useTranslation();
  const { user, loading } = useSession();
  if (loading) return <p className="page">{t('app.loading')}</p>;
  if (!user) return <Navigate to="/" replace />;
  if (user.kind !== 'account') {
    return (
      <div className="page narrow">
        <p className="notice">{t('plan.accountsOnly')}</p>
      </div>
    );
  }
  return children(user);
}
