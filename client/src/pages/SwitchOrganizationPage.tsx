import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../admin/api';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';

/** `/o/:slug`: acts in that organisation (when the person belongs to it), then goes home. */
export function SwitchOrganizationPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { user, loading, adopt } = useSession();
  const navigate = useNavigate();
  const [notMember, setNotMember] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const accountId = user?.kind === 'account' ? user.id : null;
  const currentSlug = user?.organization?.slug ?? null;

  useEffect(() => {
    if (!accountId) return;
    if (currentSlug === slug) {
      void navigate('/', { replace: true });
      return;
    }
    let alive = true;
    adminApi
      .myOrganizations()
      .then(async (list) => {
        const target = list.find((org) => org.slug === slug.toLowerCase());
        if (!target) {
          if (alive) setNotMember(true);
          return;
        }
        const session = await adminApi.switchOrganization(target.id);
        if (!alive) return;
        adopt(session);
        void navigate('/', { replace: true });
      })
      .catch((err: unknown) => {
        if (alive) setError(errorCodeOf(err));
      });
    return () => {
      alive = false;
    };
  }, [accountId, slug, currentSlug, adopt, navigate]);

  if (loading) return <p className="page">{t('app.loading')}</p>;
  if (!user || user.kind !== 'account') return <Navigate to="/" replace />;
  if (!notMember && !error) return <p className="page">{t('switch.switching')}</p>;
  return (
    <div className="page narrow">
      <h1>{t('switch.title')}</h1>
      {notMember ? (
        <p className="notice">{t('switch.notMember', { slug })}</p>
      ) : (
        <ErrorMessage code={error} />
      )}
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </div>
  );
}
