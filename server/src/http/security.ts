import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { canFacilitate, canReadOrganization } from '@cocon/shared';
import { actorOf, csrfTokenMatches, type Session, type SessionStore } from '../auth/sessions.js';
import { HttpError } from './validation.js';
import type { BudgetRate, PersonBudget } from '../util/personBudget.js';

declare module 'express-serve-static-core' {
  interface Request {
    session: Session | null;
  }
}

/**
 * A request's Origin, when sent, must be this server's own (or one configured): this stops
 * cross-site form posts and cross-site WebSocket hijacking.
 */
export function makeOriginCheck(allowedOrigins: string[]) {
  return (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (!origin) return true;
    if (allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
}

export function loadSession(sessions: SessionStore) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.session = await sessions.fromCookieHeader(req.headers.cookie);
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests: Origin must match; with a session, the `x-csrf-token` header must
 * match the session's token; without one, the body must be JSON (which a plain HTML form
 * cannot send cross-site without a CORS preflight).
 */
export function csrfProtection(originAllowed: (req: IncomingMessage) => boolean) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!originAllowed(req)) throw new HttpError(403, 'csrf', 'Cross-site request refused.');
    if (req.session) {
      if (!csrfTokenMatches(req.session, req.get('x-csrf-token'))) {
        throw new HttpError(403, 'csrf', 'Missing or wrong CSRF token.');
      }
    } else if (req.headers['content-type'] !== undefined && !req.is('application/json')) {
      throw new HttpError(415, 'invalid', 'Send JSON.');
    }
    next();
  };
}

/** The state-changing requests one person may make: a burst of 120, then 4 a second. */
export const HTTP_WRITE_BUDGET: BudgetRate = { burst: 120, perSecond: 4 };

/**
 * State-changing requests per session, counted in `budget` (with Redis, shared by every
 * instance): a generous budget for people, a wall for scripts.
 */
export function writeLimits(budget: PersonBudget) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || !req.session) return next();
    if (!(await budget.take(req.session._id)))
      throw new HttpError(429, 'rate_limited', 'Too many changes at once; wait a moment.');
    next();
  };
}

export function requireSession(req: Request): Session {
  if (!req.session) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return req.session;
}

/** Signed in with an account (not a forum guest). */
export function requireAccount(req: Request): Session {
  const session = requireSession(req);
  if (session.kind !== 'account') throw new HttpError(403, 'forbidden', 'Sign in with an account.');
  return session;
}

/** A session acting in an organisation, and that organisation's id. */
export type OrgSession = Session & { organizationId: string };

/** An account of the session's organisation (any role): reads the organisation's lists. */
export function requireMember(req: Request): OrgSession {
  const session = requireSession(req);
  const orgId = session.organizationId;
  if (!orgId || !canReadOrganization(actorOf(session), { organizationId: orgId })) {
    throw new HttpError(403, 'forbidden', 'Sign in with an account of this organisation.');
  }
  return session as OrgSession;
}

/** A facilitator (or admin) of the session's organisation. */
export function requireFacilitator(req: Request): OrgSession {
  const session = requireSession(req);
  const orgId = session.organizationId;
  if (!orgId || !canFacilitate(actorOf(session), { organizationId: orgId })) {
    throw new HttpError(403, 'forbidden', 'Facilitators only.');
  }
  return session as OrgSession;
}
