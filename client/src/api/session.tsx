import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  canAdminister as canAdministerPolicy,
  isFacilitatorRole,
  type Actor,
  type SessionInfo,
  type SessionUser,
} from '@cocon/shared';
import { api } from './endpoints';
import { setCsrfToken } from './http';

interface SessionContextValue {
  /** True until the first GET /api/session answers. */
  loading: boolean;
  user: SessionUser | null;
  /** Install a session returned by login or join. */
  adopt: (info: SessionInfo) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);
const SIGNED_OUT: SessionInfo = { user: null, csrfToken: null };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [loading, setLoading] = useState(true);
  const [info, setInfo] = useState<SessionInfo>(SIGNED_OUT);

  const adopt = useCallback((next: SessionInfo) => {
    setCsrfToken(next.csrfToken);
    setInfo(next);
  }, []);

  useEffect(() => {
    let alive = true;
    api
      .session()
      .then((next) => {
        if (alive) adopt(next);
      })
      .catch(() => {
        // No server or no session: the home page still works and reports errors on submit.
      })
      .finally(() => {
        if (alive) setLoading(false);
      });
    return () => {
      alive = false;
    };
  }, [adopt]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      // Ask for a fresh anonymous session (and its CSRF token); fall back to signed out.
      adopt(await api.session().catch(() => SIGNED_OUT));
    }
  }, [adopt]);

  const value = useMemo(
    () => ({ loading, user: info.user, adopt, logout }),
    [loading, info.user, adopt, logout],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** `user.role` is the role in the organisation the session acts in. */
export const canFacilitate = (user: SessionUser | null): boolean => isFacilitatorRole(user?.role ?? null);

/** The session user as the shared policies see them. */
export function actorOf(user: SessionUser): Actor {
  return {
    kind: user.kind,
    role: user.role,
    organizationId: user.organization?.id ?? null,
    forumId: user.forumId,
  };
}

/** Sets up the current organisation (settings, territories, themes, communities, people). */
export const canAdminister = (user: SessionUser | null): boolean =>
  user !== null &&
  user.organization !== null &&
  canAdministerPolicy(actorOf(user), { organizationId: user.organization.id });
