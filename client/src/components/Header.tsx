import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OrganizationSwitcher } from '../admin/OrganizationSwitcher';
import { canAdminister, canFacilitate, useSession } from '../api/session';
import { useOrgPath } from '../org/useOrgPath';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const inOrg = useOrgPath();

  const onLogout = async () => {
    await logout();
    void navigate('/');
  };

  return (
    <header className="site-header">
      <div className="header-brand-row">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
        <LanguageSwitch />
      </div>
      <nav className="header-tools" aria-label={t('header.nav')}>
        {user?.kind === 'account' && <OrganizationSwitcher key={user.id} user={user} />}
        {user?.kind === 'account' && canFacilitate(user) && (
          <Link to={inOrg('/forums')} className="header-link">
            {t('header.dashboard')}
          </Link>
        )}
        {user?.kind === 'account' && (
          <Link to={inOrg('/plans')} className="header-link">
            {t('plan.navLink')}
          </Link>
        )}
        {user?.kind === 'account' && (
          <Link to={inOrg('/proposals')} className="header-link">
            {t('header.proposals')}
          </Link>
        )}
        {canAdminister(user) && (
          <Link to={inOrg('/admin')} className="header-link">
            {t('header.admin')}
          </Link>
        )}
        {user?.kind === 'account' && user.platformOperator && (
          <Link to="/platform" className="header-link">
            {t('header.platform')}
          </Link>
        )}
        {user?.kind === 'account' && (
          <Link to="/profile" className="header-link">
            {t('header.profile')}
          </Link>
        )}
        {user && (
          // Name and logout wrap together, on their own line on a phone.
          <span className="header-account">
            <span className="header-user" title={user.email ?? undefined}>
              {/* Phones show just the name; the full phrase stays for screen readers. */}
              <span className="header-user-full">
                {t(user.kind === 'guest' ? 'header.guest' : 'header.signedInAs', { name: user.displayName })}
              </span>
              <span className="header-user-short" aria-hidden="true">
                {user.displayName}
              </span>
            </span>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => void onLogout()}
            >
              {t('header.logout')}
            </button>
          </span>
        )}
      </nav>
    </header>
  );
}
