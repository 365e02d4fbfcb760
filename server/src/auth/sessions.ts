import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken, newToken } from './tokens.js';
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import type { Actor, SessionInfo, SessionUser } from '@cocon/shared';
import type { Database, OrganizationDoc, OrgMemberDoc, SessionDoc, UserDoc } from '../db/mongo.js';
import { SessionCache } from './sessionCache.js';
import { InsertBatcher } from '../db/insertBatcher.js';
import type { AppEvents } from '../events/appEvents.js';

export const SESSION_COOKIE = 'cocon_session';
const ACCOUNT_TTL_MS = 30 * 24 * 3600 * 1000;
const GUEST_TTL_MS = 7 * 24 * 3600 * 1000;

/** A live session as the server sees it. */
export type Session = SessionDoc;

/**
 * A session that is not stored and has no cookie, for work the server does on someone's behalf
 * (demo seed, command line): the services take a session to know who acts.
 */
export function systemSession(actor: {
  userId: string;
  displayName: string;
  role: 'admin' | 'facilitator';
  organizationId: string;
}): Session {
  const now = new Date();
  return {
    _id: `system:${actor.userId}`,
    kind: 'account',
    userId: actor.userId,
    displayName: actor.displayName,
    role: actor.role,
    email: null,
    forumId: null,
    organizationId: actor.organizationId,
    platformOperator: false,
    language: 'fr',
    csrfToken: '',
    createdAt: now,
    expiresAt: now,
  };
}

/** The session as the policies see it. */
export function actorOf(session: Session): Actor {
  return {
    kind: session.kind,
    role: session.role,
    organizationId: session.organizationId,
    forumId: session.forumId,
  };
}

export function toSessionUser(session: Session, organization: OrganizationDoc | null): SessionUser {
  return {
    id: session.userId,
    kind: session.kind,
    displayName: session.displayName,
    role: session.role,
    email: session.email,
    forumId: session.forumId,
    organization: organization
      ? { id: organization._id, slug: organization.slug, name: organization.name }
      : null,
    platformOperator: session.platformOperator,
    language: session.language,
  };
}

export function toSessionInfo(
  session: Session | null,
  organization: OrganizationDoc | null = null,
): SessionInfo {
  return session
    ? { user: toSessionUser(session, organization), csrfToken: session.csrfToken }
    : { user: null, csrfToken: null };
}

export function csrfTokenMatches(session: Session, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Sessions stored in MongoDB; the cookie holds a random token, the database its hash. Sessions
 * read recently are served from a cache (see SessionCache).
 */
export class SessionStore {
  /**
   * Database reads in flight, by session id: a browser opens its board WebSocket and its
   * socket.io connection at the same moment, and both need the same session.
   */
  private readonly reading = new Map<string, Promise<Session | null>>();

  constructor(
    private readonly db: Database,
    private readonly secureCookies: boolean,
    /** Told of each session destroyed or changed here ('session:ended', 'session:changed'). */
    private readonly events: AppEvents,
    private readonly cache = new SessionCache(),
    /** How long a cached session waits for the database to confirm it before standing alone. */
    private readonly databasePatienceMs = 1_000,
  ) {
    this.inserts = new InsertBatcher(db.sessions);
  }

  /** New sessions: a room joining at once shares its writes (see InsertBatcher). */
  private readonly inserts: InsertBatcher<SessionDoc>;

  async fromCookieHeader(header: string | undefined): Promise<Session | null> {
    if (!header) return null;
    const token = parseCookie(header)[SESSION_COOKIE];
    if (!token || token.length > 100) return null;
    const id = hashToken(token);
    const cached = this.cache.get(id);
    if (cached?.fresh) return cached.session;
    const read = this.reading.get(id) ?? this.readThrough(id);
    if (!cached) return read;
    // The database decides, unless it does not answer in time (it is away): then the session this
    // instance already knew stands, and a late answer still updates the cache.
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<Session>((resolve) => {
      timer = setTimeout(() => resolve(cached.session), this.databasePatienceMs);
    });
    return Promise.race([read.catch(() => cached.session), patience]).finally(() => clearTimeout(timer));
  }

  /** Reads a session from the database into the cache (null when it is gone or expired). */
  private readThrough(id: string): Promise<Session | null> {
    const read = this.db.sessions
      .findOne({ _id: id })
      .then((session) => {
        // Deleted while the answer was on its way (a logout here or on another instance).
        if (this.cache.isRevoked(id)) return null;
        if (!session || session.expiresAt.getTime() < Date.now()) {
          this.cache.delete(id);
          return null;
        }
        this.cache.set(session);
        return session;
      })
      .finally(() => this.reading.delete(id));
    this.reading.set(id, read);
    return read;
  }

  /** Drops a session destroyed on another instance. */
  forget(sessionId: string): void {
    this.cache.delete(sessionId);
  }

  /** Drops a session changed on another instance: its next use reads it again. */
  expire(sessionId: string): void {
    this.cache.expire(sessionId);
  }

  /** A session acting in `member`'s organisation (none: the account belongs to no active one). */
  async createForUser(
    user: UserDoc,
    member: OrgMemberDoc | null,
  ): Promise<{ session: Session; cookie: string }> {
    return this.create({
      kind: 'account',
      userId: user._id,
      displayName: user.name,
      role: member?.role ?? null,
      email: user.email,
      forumId: null,
      organizationId: member?.organizationId ?? null,
      platformOperator: user.platformOperator ?? false,
      language: user.language ?? 'fr',
      ttlMs: ACCOUNT_TTL_MS,
    });
  }

  async createForGuest(guestId: string, displayName: string, forum: { _id: string; organizationId: string }) {
    return this.create({
      kind: 'guest',
      userId: guestId,
      displayName,
      role: null,
      email: null,
      forumId: forum._id,
      organizationId: forum.organizationId,
      platformOperator: false,
      language: 'fr',
      ttlMs: GUEST_TTL_MS,
    });
  }

  /**
   * Changes what a live session is (another organisation, a new name or language): stored, then
   * dropped from every instance's cache so that they read it again.
   */
  async update(
    session: Session,
    changes: Partial<Pick<Session, 'organizationId' | 'role' | 'displayName' | 'language'>>,
  ): Promise<Session> {
    const next = { ...session, ...changes };
    await this.db.sessions.updateOne({ _id: session._id }, { $set: changes });
    this.cache.set(next);
    this.events.emit('session:changed', session._id);
    return next;
  }

  /**
   * Makes a person's sessions in one organisation re-read their rights (a new role, another
   * community): stored values updated, live connections closed so that they reconnect with them.
   */
  async refreshAllOf(userId: string, organizationId: string, changes: Partial<Pick<Session, 'role'>> = {}) {
    const live = await this.db.sessions.find({ userId, organizationId }).toArray();
    for (const session of live) await this.update(session, changes);
  }

  /** Ends every session of a person (deactivated, password reset): here and on every instance. */
  async destroyAllOf(userId: string, except: string | null = null): Promise<string[]> {
    const ids = (await this.db.sessions.find({ userId }, { projection: { _id: 1 } }).toArray())
      .map((s) => s._id)
      .filter((id) => id !== except);
    for (const id of ids) this.cache.delete(id);
    if (ids.length > 0) await this.db.sessions.deleteMany({ _id: { $in: ids } });
    for (const id of ids) this.events.emit('session:ended', id);
    return ids;
  }

  /** Deletes expired sessions (a TTL index would, but FerretDB v1 has none). */
  async purgeExpired(): Promise<number> {
    const result = await this.db.sessions.deleteMany({ expiresAt: { $lt: new Date() } });
    return result.deletedCount;
  }

  async destroy(session: Session): Promise<string> {
    this.cache.delete(session._id);
    await this.db.sessions.deleteOne({ _id: session._id });
    this.events.emit('session:ended', session._id);
    return serializeCookie(SESSION_COOKIE, '', this.cookieOptions(0));
  }

  private async create(
    input: Omit<Session, '_id' | 'csrfToken' | 'createdAt' | 'expiresAt'> & { ttlMs: number },
  ) {
    const token = newToken();
    const now = Date.now();
    const { ttlMs, ...fields } = input;
    const session: Session = {
      _id: hashToken(token),
      ...fields,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: new Date(now),
      expiresAt: new Date(now + ttlMs),
    };
    await this.inserts.insert(session);
    this.cache.set(session, now);
    return { session, cookie: serializeCookie(SESSION_COOKIE, token, this.cookieOptions(ttlMs / 1000)) };
  }

  private cookieOptions(maxAgeSeconds: number) {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.secureCookies,
      path: '/',
      maxAge: Math.floor(maxAgeSeconds),
    };
  }
}
