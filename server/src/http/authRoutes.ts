import { Router } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { joinForumBody, loginBody, type JoinResult } from '@cocon/shared';
import { toSessionInfo, type SessionStore } from '../auth/sessions.js';
import { verifyPassword } from '../auth/passwords.js';
import type { SignInLimits } from '../auth/signInLimits.js';
import { guestIdFor, type DeviceKeys } from '../auth/deviceKey.js';
import type { Database, ForumDoc } from '../db/mongo.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { OrganizationService } from '../organizations/organizationService.js';
import { GuestNames } from '../boards/guestNames.js';
import { isRemovedFromForum } from '../boards/forumRemovals.js';
import { HttpError, parseOr400 } from './validation.js';
import { requireSession } from './security.js';

// Joins per address (a whole venue may share one).
const joinLimiter = (perTenMinutes: number) =>
  new RateLimiterMemory({ points: perTenMinutes, duration: 10 * 60 });

async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch {
    throw new HttpError(429, 'rate_limited', 'Too many attempts; wait a few minutes.');
  }
}

/**
 * Forums by join code, read at most once per `ttlMs` and once at a time: a room's phones all
 * join with one code within seconds (500 reads of one document, queued behind the joins' writes,
 * are one). A code never changes once given; codes no forum has are not kept.
 */
export function forumsByCode(db: Database, ttlMs = 10_000): (code: string) => Promise<ForumDoc | null> {
  const known = new Map<string, { at: number; forum: Promise<ForumDoc | null> }>();
  return (code) => {
    const now = Date.now();
    const hit = known.get(code);
    if (hit && now - hit.at < ttlMs) return hit.forum;
    if (known.size >= 1000) {
      for (const [key, entry] of known) if (now - entry.at >= ttlMs) known.delete(key);
    }
    const forum = db.forums.findOne({ joinCode: code });
    const entry = { at: now, forum };
    known.set(code, entry);
    const forget = () => known.get(code) === entry && known.delete(code);
    forum.then((found) => found ?? forget(), forget);
    return forum;
  };
}

export function authRoutes(
  db: Database,
  sessions: SessionStore,
  organizations: OrganizationService,
  signInLimits: SignInLimits,
  deviceKeys: DeviceKeys,
  audit: AuditLog,
  joinsPerTenMinutes = 600,
): Router {
  const router = Router();
  const joins = joinLimiter(joinsPerTenMinutes);
  const guestNames = new GuestNames(db);
  const forumByCode = forumsByCode(db);

  router.get('/session', async (req, res) => {
    const org = req.session?.organizationId ? await organizations.get(req.session.organizationId) : null;
    res.json(toSessionInfo(req.session, org));
  });

  router.post('/auth/login', async (req, res) => {
    const body = parseOr400(loginBody, req.body);
    const address = req.ip ?? 'unknown';
    await signInLimits.attempt(body.email, address);
    const user = await db.users.findOne({ email: body.email });
    // Same answer and similar time whether the account exists or not.
    const valid = user
      ? await verifyPassword(body.password, user.passwordHash)
      : await verifyPassword(body.password, DUMMY_HASH).then(() => false);
    if (!user || !valid) throw new HttpError(401, 'bad_credentials', 'Wrong e-mail or password.');
    const member = await organizations.defaultMembership(user._id);
    if (!member && !user.platformOperator) {
      throw new HttpError(403, 'deactivated', 'This account has no active organisation.');
    }
    await signInLimits.succeeded(body.email, address);
    if (req.session) await sessions.destroy(req.session);
    const { session, cookie } = await sessions.createForUser(user, member);
    await audit.record({
      organizationId: session.organizationId,
      actorId: user._id,
      actorName: user.name,
      action: 'auth:login',
      targetKind: 'user',
      targetId: user._id,
    });
    const org = member ? await organizations.get(member.organizationId) : null;
    res.setHeader('Set-Cookie', cookie).json(toSessionInfo(session, org));
  });

  router.post('/auth/logout', async (req, res) => {
    const session = requireSession(req);
    res
      .setHeader('Set-Cookie', await sessions.destroy(session))
      .status(204)
      .end();
  });

  router.post('/forums/join', async (req, res) => {
    const body = parseOr400(joinForumBody, req.body);
    await consume(joins, req.ip ?? 'unknown');
    const forum = await forumByCode(body.code);
    if (!forum) throw new HttpError(404, 'bad_join_code', 'No forum has this code.');
    const org = await organizations.get(forum.organizationId);
    // People of the forum's organisation keep their account (acting there from now on); everyone
    // else gets a guest session.
    if (req.session?.kind === 'account') {
      const member = await organizations.membership(forum.organizationId, req.session.userId);
      if (member) {
        const session =
          req.session.organizationId === forum.organizationId
            ? req.session
            : (await organizations.switchTo(req.session, forum.organizationId)).session;
        const result: JoinResult = {
          session: toSessionInfo(session, org),
          forumId: forum._id,
          nameChange: null,
        };
        res.json(result);
        return;
      }
    }
    // The same device rejoining is the same guest: their pseudonym, dots, ideas and name come back.
    const device = deviceKeys.fromCookieHeader(req.headers.cookie);
    const guestId = guestIdFor(device.key, forum._id);
    // A guest a facilitator removed from this forum is refused on this device (a key minted just
    // now was never removed: a room of phones arriving for the first time skips the read).
    if (!device.cookie && (await isRemovedFromForum(db, forum._id, guestId))) {
      throw new HttpError(403, 'removed_from_forum', 'A facilitator removed you from this forum.');
    }
    // Two guests never show one name in a forum: the second "Marie" is "Marie (2)". The name and
    // the session are written at once, one round of writes instead of two in a room arriving
    // together; the rare guest given another name than asked has it set on the session after.
    const [claimed, created] = await Promise.allSettled([
      guestNames.claim(forum._id, guestId, body.displayName),
      sessions.createForGuest(guestId, body.displayName, forum),
      req.session ? sessions.destroy(req.session) : null,
    ]);
    if (claimed.status === 'rejected' || created.status === 'rejected') {
      if (created.status === 'fulfilled') await sessions.destroy(created.value.session);
      throw claimed.status === 'rejected' ? claimed.reason : (created as PromiseRejectedResult).reason;
    }
    const name = claimed.value;
    const { cookie } = created.value;
    const session =
      name.name === created.value.session.displayName
        ? created.value.session
        : await sessions.update(created.value.session, { displayName: name.name });
    const result: JoinResult = {
      session: toSessionInfo(session, org),
      forumId: forum._id,
      nameChange: name.change,
    };
    res.setHeader('Set-Cookie', device.cookie ? [cookie, device.cookie] : cookie).json(result);
  });

  return router;
}

// A valid hash of a random password, so unknown e-mails cost as much as known ones.
const DUMMY_HASH = 'scrypt$32768$8$1$uQ3JxQ2lJ1o0bH6u0x3j2A$3xw6gq4pJ9xw0cYc7i1p0m8v9wz2l4xk7s8d9f0g1h2';
