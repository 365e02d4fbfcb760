import { useCallback } from 'react';
import { useSession } from '../api/session';
import { orgPath } from './orgPath';

/**
 * `(path) => '/o/<slug>' + path` for the organisation the session acts in: every link to an
 * organisation page goes through it, so the address shows the slug without a redirect hop.
 */
export function useOrgPath(): (path: string) => string {
  const { user } = useSession();
  const slug = user?.organization?.slug ?? null;
  return useCallback((path: string) => orgPath(slug, path), [slug]);
}
