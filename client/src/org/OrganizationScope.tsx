import { useEffect, useState } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../admin/api';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { orgPath } from './orgPath';

/** Why `/o/:slug` cannot show that organisation's pages (for the slug it was found on). */
type Refusal =
  { slug: string; notMember: true } | { slug: string; notMember: false; code: ClientErrorCode | null };

/**
 * Layout of `/o/:slug/…`: the organisation of the address must be the one the session acts in.
 * Same → the page renders. A person who also belongs to that organisation switches to it first
 * (POST /api/session/organization; live connections reconnect with the new session). Anyone
 * else is told the page is not theirs. The signed-out get the page itself, which sends them to
 * the sign-in as before (or reads a share link).
 */
export function OrganizationScope() {
  const { t } = useTranslation();
  const { slug: rawSlug = '' } = useParams();
  const slug = rawSlug.toLowerCase();
  const { user, loading, adopt } = useSession();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const accountId = user?.kind === 'account' ? user.id : null;
  const here = user?.organization?.slug === slug;

  useEffect(() => {
    if (!accountId || here) return;
    let alive = true;
    adminApi
      .myOrganizations()
      .then(async (list) => {
        const target = list.find((org) => org.slug === slug);
        if (!alive) return;
        if (!target) {
          setRefusal({ slug, notMember: true });
          return;
        }
        // Once the server has switched, the client follows even if the page was left meanwhile.
        adopt(await adminApi.switchOrganization(target.id));
      })
      .catch((err: unknown) => {
        if (alive) setRefusal({ slug, notMember: false, code: errorCodeOf(err) });
      });
    return () => {
      alive = false;
    };
  }, [accountId, here, slug, adopt]);

  if (loading) return <p className="page">{t('app.loading')}</p>;
  if (!user || here) return <Outlet />;
  // A guest's session opens one forum of one organisation: no other is theirs.
  const shown: Refusal | null =
    user.kind === 'guest' ? { slug, notMember: true } : refusal?.slug === slug ? refusal : null;
  if (!shown) return <p className="page">{t('switch.switching')}</p>;
  const own = user.organization;
  return (
    <div className="page narrow">
      <h1>{t('switch.title')}</h1>
      {shown.notMember ? (
        <p className="notice">{t('switch.notMember', { slug })}</p>
      ) : (
        <ErrorMessage code={shown.code} />
      )}
      <p>
        {own && user.kind === 'account' && (
          <>
            <Link to={orgPath(own.slug, '/forums')}>{t('switch.goToOwn', { name: own.name })}</Link>
            {' · '}
          </>
        )}
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </div>
  );
}
