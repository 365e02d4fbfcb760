import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/session';
import { orgPath } from './orgPath';

/**
 * Layout of the old unprefixed paths (`/forums`, `/boards/:id`, …): they move (replace) to the
 * same path under the session's organisation, query string kept. A share link (`?share=`) is
 * read by people without a session or of another organisation: it renders in place, as does
 * any page for a session without an organisation.
 */
export function LegacyOrgPath() {
  const { t } = useTranslation();
  const { user, loading } = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  if (params.has('share')) return <Outlet />;
  if (loading) return <p className="page">{t('app.loading')}</p>;
  const slug = user?.organization?.slug;
  if (!slug) return <Outlet />;
  return <Navigate replace to={`${orgPath(slug, location.pathname)}${location.search}${location.hash}`} />;
}
