import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Header } from './Header';
import { JoinedAsNotice } from './JoinedAsNotice';

export function Layout() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <JoinedAsNotice />
        <Suspense fallback={<p className="page">{t('app.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
