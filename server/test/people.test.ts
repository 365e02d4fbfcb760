import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  boardDocName,
  newId,
  proposalFieldsDocName,
  type InvitationView,
  type SessionInfo,
} from '@cocon/shared';
import { createApp, type App } from '../src/app.js';
import { silentLogger } from '../src/util/logger.js';
import {
  TEST_SMTP_URL,
  createTestDatabase,
  createTestServer,
  type Fixtures,
  type TestServer,
} from './helpers/testServer.js';
import { api, login, socketClient, yjsClient, type Identity } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import { waitForMail } from './helpers/mailCatcher.js';
import type { Database } from '../src/db/mongo.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STRONG = 'une-phrase-de-passe-solide';

/** The token at the end of an e-mailed link such as http://cocon.test/invitation/<token>. */
const tokenFrom = (links: string[], kind: 'invitation' | 'reset') => {
  const link = links.find((l) => l.includes(`/${kind}/`));
  if (!link) throw new Error(`no ${kind} link in ${links.join(', ')}`);
  return link.slice(link.lastIndexOf('/') + 1);
};

describe('people: invitations, resets, deactivation', () => {
  let server: TestServer;
  let now = Date.now();
  let admin: Identity;

  beforeAll(async () => {
    // A controllable clock for the links' expiry.
    server = await createTestServer({ now: () => now });
    admin = await login(server, server.fixtures.adminEmail);
  });
  afterAll(async () => {
    await server?.close();
  });

  const invite = async (email: string, body: Record<string, unknown> = {}) => {
    const res = await api<InvitationView>(server, admin, 'POST', '/invitations', {
      email,
      role: 'member',
      communityIds: [server.fixtures.communityId],
      ...body,
    });
    expect(res.status).toBe(201);
    const mail = await waitForMail({ to: email });
    return { invitation: res.body, mail, token: tokenFrom(mail.links, 'invitation') };
  };

  it('invites by e-mail; the new member accepts, signs in and writes in their community', async () => {
    const email = `nouvelle-${newId(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}@test.qc`;
    const { mail, token } = await invite(email);
    expect(mail.subject).toMatch(/Table A/);
    expect(mail.to).toContain(email);

    const preview = await api<{ organizationName: string; hasAccount: boolean }>(
      server,
      null,
      'GET',
      `/invitations/preview/${token}`,
    );
    expect(preview.body).toMatchObject({ organizationName: 'Table A', hasAccount: false });

    const weak = await api(server, null, 'POST', '/invitations/accept', {
      token,
      name: 'Nora',
      password: 'motdepasse',
    });
    expect(weak.status).toBe(400);

    const accepted = await api<SessionInfo>(server, null, 'POST', '/invitations/accept', {
      token,
      name: 'Nora Nouvelle',
      password: STRONG,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ role: 'member', organization: { slug: 'org-a' } });

    // The link works once.
    const again = await api(server, null, 'POST', '/invitations/accept', {
      token,
      name: 'X',
      password: STRONG,
    });
    expect(again.status).toBe(410);

    const nora = await login(server, email, STRONG);
    const communities = await api<{ id: string; isMember: boolean }[]>(server, nora, 'GET', '/communities');
    expect(communities.body.find((c) => c.id === server.fixtures.communityId)?.isMember).toBe(true);
    const created = await api(server, nora, 'POST', '/proposals', {
      communityId: server.fixtures.communityId,
      title: 'Proposition de Nora',
      theme: 'LOGEMENT',
    });
    expect(created.status).toBe(201);
  });

  it('refuses a revoked invitation and an expired one', async () => {
    const revoked = await invite('revoquee@test.qc');
    const res = await api<InvitationView>(server, admin, 'DELETE', `/invitations/${revoked.invitation.id}`);
    expect(res.body.status).toBe('revoked');
    expect((await api(server, null, 'GET', `/invitations/preview/${revoked.token}`)).status).toBe(410);
    const acceptRevoked = await api(server, null, 'POST', '/invitations/accept', {
      token: revoked.token,
      name: 'R',
      password: STRONG,
    });
    expect(acceptRevoked.status).toBe(410);

    const late = await invite('en-retard@test.qc');
    now += 8 * 24 * 3600 * 1000; // past the seven days an invitation lasts
    try {
      const acceptLate = await api(server, null, 'POST', '/invitations/accept', {
        token: late.token,
        name: 'L',
        password: STRONG,
      });
      expect(acceptLate.status).toBe(410);
      const list = await api<InvitationView[]>(server, admin, 'GET', '/invitations');
      expect(list.body.find((i) => i.id === late.invitation.id)?.status).toBe('expired');
    } finally {
      now = Date.now();
    }
  });

  it('resets a password by e-mail once; an expired link is refused', async () => {
    const email = server.fixtures.memberEmail;
    const before = await login(server, email);
    expect((await api(server, null, 'POST', '/auth/forgot', { email })).status).toBe(204);
    const mail = await waitForMail({ to: email, subject: /mot de passe/i });
    const token = tokenFrom(mail.links, 'reset');
    expect((await api(server, null, 'POST', '/auth/reset', { token, password: STRONG })).status).toBe(204);
    // The old session ended; the new password works, the old one no longer does.
    expect((await api(server, before, 'GET', '/profile')).status).toBe(401);
    await login(server, email, STRONG);
    await expect(login(server, email)).rejects.toThrow(/401/);
    expect((await api(server, null, 'POST', '/auth/reset', { token, password: STRONG })).status).toBe(410);

    // An unknown address answers the same and sends nothing.
    expect((await api(server, null, 'POST', '/auth/forgot', { email: 'personne@test.qc' })).status).toBe(204);

    expect((await api(server, null, 'POST', '/auth/forgot', { email })).status).toBe(204);
    const second = await waitForMail({ to: email, subject: /mot de passe/i, after: mail.id });
    now += 2 * 3600 * 1000; // a reset link lasts one hour
    try {
      const late = await api(server, null, 'POST', '/auth/reset', {
        token: tokenFrom(second.links, 'reset'),
        password: 'une-autre-phrase-solide',
      });
      expect(late.status).toBe(410);
    } finally {
      now = Date.now();
    }
  });
});

describe('a change of community reaches live connections', () => {
  it('reconnects a member removed from a community, who then only reads its proposal', async () => {
    const server = await createTestServer();
    try {
      const f = server.fixtures;
      const admin = await login(server, f.adminEmail);
      const member = await login(server, f.memberEmail);
      const created = await api<{ id: string }>(server, member, 'POST', '/proposals', {
        communityId: f.communityId,
        title: 'Proposition de Marc',
        theme: 'LOGEMENT',
      });
      expect(created.status).toBe(201);
      const fields = yjsClient(server, proposalFieldsDocName(created.body.id), member);
      await fields.synced();
      let closes = 0;
      fields.provider.on('connection-close', () => (closes += 1));

      const res = await api(server, admin, 'PUT', `/communities/${f.communityId}`, {
        name: 'Sécurité alimentaire',
        themes: [],
        memberIds: ['u-mem2'],
      });
      expect(res.status).toBe(200);
      await eventually(() => expect(closes).toBeGreaterThan(0), 1_000);
      // Reconnected as a commenter: the proposal now reads, it no longer writes.
      const detail = await api<{ role: string }>(server, member, 'GET', `/proposals/${created.body.id}`);
      expect(detail.body.role).toBe('commenter');
      fields.destroy();
    } finally {
      await server.close();
    }
  });
});

describe('deactivating a person on two instances', () => {
  let db: Database;
  let fixtures: Fixtures;
  const apps: App[] = [];

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    await db?.db.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  const start = async (prefix: string) => {
    const app = createApp({
      db,
      logger: silentLogger,
      collab: { unloadGraceMs: 300 },
      redis: { url: REDIS_URL, prefix },
      mail: { smtpUrl: TEST_SMTP_URL, from: 'Cocon <no-reply@cocon.test>' },
    });
    apps.push(app);
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    const port = (app.server.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}`,
      db,
      app,
      fixtures,
    } as TestServer;
  };

  it('closes their socket.io and /yjs connections on both instances within a second', async () => {
    ({ db, fixtures } = await createTestDatabase());
    const prefix = `cocon-test:${newId(8)}:`;
    const [a, b] = [await start(prefix), await start(prefix)];
    const admin = await login(a, fixtures.adminEmail);
    const member = await login(a, fixtures.memberEmail);
    const onA = {
      socket: await socketClient(a, member),
      doc: yjsClient(a, boardDocName(fixtures.boardId), member),
    };
    const onB = {
      socket: await socketClient(b, member),
      doc: yjsClient(b, boardDocName(fixtures.boardId), member),
    };
    await onA.doc.synced();
    await onB.doc.synced();
    const closed: string[] = [];
    for (const [name, side] of Object.entries({ a: onA, b: onB })) {
      side.socket.io.reconnection(false);
      side.socket.on('disconnect', () => closed.push(`${name}:socket`));
      side.doc.provider.shouldConnect = true;
      side.doc.provider.on('connection-close', () => closed.push(`${name}:yjs`));
    }

    const started = Date.now();
    const res = await api(a, admin, 'PUT', '/people/u-mem', {
      role: 'member',
      communityIds: [fixtures.communityId],
      partnerId: null,
      active: false,
    });
    expect(res.status).toBe(200);
    await eventually(() => {
      for (const what of ['a:socket', 'a:yjs', 'b:socket', 'b:yjs']) {
        if (!closed.includes(what)) throw new Error(`${what} still open (${closed.join(', ')})`);
      }
    }, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000 + 200);
    // Reconnecting is refused, and so is signing in again.
    expect((await api(b, member, 'GET', '/profile')).status).toBe(401);
    await expect(login(b, fixtures.memberEmail)).rejects.toThrow(/403/);
    onA.doc.destroy();
    onB.doc.destroy();
    onA.socket.disconnect();
    onB.socket.disconnect();
  });
});
