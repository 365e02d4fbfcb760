import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canFacilitate, useSession } from '../api/session';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const navigate = useNavigate();

  const onLogout = async () => {
    await logout();
    void navigate('/');
  };

  return (
    <header className="site-header">
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true" />
        {t('app.name')}
      </Link>
      <nav className="header-tools" aria-label={t('header.nav')}>
        {user?.kind === 'account' && canFacilitate(user) && (
          <Link to="/forums" className="header-link">
            {t('header.dashboard')}
          </Link>
        )}
        <LanguageSwitch />
        {user && (
          <>
            <span className="header-user" title={user.email ?? undefined}>
              {t(user.kind === 'guest' ? 'header.guest' : 'header.signedInAs', { name: user.displayName })}
            </span>
            <button type="button" className="button button-quiet button-small" onClick={() => void onLogout()}>
              {t('header.logout')}
            </button>
          </>
        )}
      </nav>
    </header>
  );
}
