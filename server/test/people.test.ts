import type { App } from '../src/app.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  boardDocName,
  newId,
  proposalFieldsDocName,
  type InvitationView,
  type SessionInfo,
} from '@cocon/shared';
import {
  PASSWORD,
  createTestDatabase,
  createTestServer,
  startInstance,
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

describe('what an invitation link alone cannot do', () => {
  let server: TestServer;
  let adminB: Identity;
  beforeAll(async () => {
    server = await createTestServer();
    adminB = await login(server, server.fixtures.otherOrg.adminEmail);
  });
  afterAll(async () => {
    await server?.close();
  });

  const inviteFromB = async (email: string, role = 'member') => {
    const res = await api<InvitationView>(server, adminB, 'POST', '/invitations', { email, role });
    expect(res.status).toBe(201);
    const mail = await waitForMail({ to: email, subject: /Table B/ });
    return { invitation: res.body, token: tokenFrom(mail.links, 'invitation') };
  };

  it('never opens an existing account: its password (or its own session) is needed', async () => {
    const email = server.fixtures.facilitatorEmail;
    const { token } = await inviteFromB(email);
    const preview = await api<{ hasAccount: boolean }>(server, null, 'GET', `/invitations/preview/${token}`);
    expect(preview.body.hasAccount).toBe(true);
    expect((await api(server, null, 'POST', '/invitations/accept', { token })).status).toBe(401);
    const wrong = await api(server, null, 'POST', '/invitations/accept', {
      token,
      password: 'pas le bon mot',
    });
    expect(wrong.status).toBe(401);
    const right = await api<SessionInfo>(server, null, 'POST', '/invitations/accept', {
      token,
      password: PASSWORD,
    });
    expect(right.status).toBe(200);
    expect(right.body.user?.organization?.slug).toBe('org-b');
  });

  it('does not bring back a person an admin deactivated', async () => {
    const email = server.fixtures.otherOrg.memberEmail;
    const pending = await inviteFromB(email, 'facilitator');
    const res = await api(server, adminB, 'PUT', '/people/u-memb', {
      role: 'member',
      communityIds: [],
      active: false,
    });
    expect(res.status).toBe(200);
    // The pending invitation was revoked with the deactivation...
    const again = await api(server, null, 'POST', '/invitations/accept', {
      token: pending.token,
      password: PASSWORD,
    });
    expect(again.status).toBe(410);
    // ...and a new one cannot turn the person back on either.
    const fresh = await inviteFromB(email, 'facilitator');
    const accepted = await api(server, null, 'POST', '/invitations/accept', {
      token: fresh.token,
      password: PASSWORD,
    });
    expect(accepted.status).toBe(403);
    expect((await server.db.orgMembers.findOne({ _id: 'org-b:u-memb' }))?.active).toBe(false);
  });

  it('keeps partner representatives per organisation: another organisation cannot unlink them', async () => {
    const f = server.fixtures;
    const facA = await login(server, f.facilitatorEmail);
    const partner = await api<{ id: string }>(server, facA, 'POST', '/partners', { name: 'Centraide A' });
    const linked = await api<{ representatives: { email: string }[] }>(
      server,
      facA,
      'POST',
      `/partners/${partner.body.id}/representatives`,
      { email: f.memberEmail },
    );
    expect(linked.body.representatives.map((r) => r.email)).toEqual([f.memberEmail]);
    // Marc is in organisation B too; B's admin edits him there.
    await server.db.orgMembers.insertOne({
      _id: `${f.otherOrg.id}:u-mem`,
      organizationId: f.otherOrg.id,
      userId: 'u-mem',
      role: 'member',
      active: true,
      createdAt: new Date(),
    });
    const people = await api<{ id: string; partnerId: string | null }[]>(server, adminB, 'GET', '/people');
    expect(people.body.find((p) => p.id === 'u-mem')?.partnerId).toBeNull();
    const edited = await api(server, adminB, 'PUT', '/people/u-mem', {
      role: 'reader',
      communityIds: [],
      active: true,
    });
    expect(edited.status).toBe(200);
    const after = await api<{ id: string; representatives: { email: string }[] }[]>(
      server,
      facA,
      'GET',
      '/partners',
    );
    const mine = after.body.find((p) => p.id === partner.body.id);
    expect(mine?.representatives.map((r) => r.email)).toEqual([f.memberEmail]);
  });

  it('refuses another organisation’s territory on a plan action', async () => {
    const f = server.fixtures;
    const facA = await login(server, f.facilitatorEmail);
    const territoryB = await api<{ id: string }>(server, adminB, 'POST', '/territories', {
      name: 'Pontiac',
      kind: 'mrc',
    });
    const plan = await api<{ id: string }>(server, facA, 'POST', '/plans', {
      title: 'Plan A',
      periodFrom: 2026,
      periodTo: 2026,
    });
    const actionId = `action-${newId(6).replace(/[^A-Za-z0-9]/g, 'x')}`;
    await server.db.planItems.insertOne({
      _id: actionId,
      planId: plan.body.id,
      kind: 'action',
      parentId: null,
      order: 1,
      text: 'Action A',
      sourceKey: null,
      proposalId: null,
      updatedAt: new Date(),
    });
    const res = await api(server, facA, 'PATCH', `/plans/${plan.body.id}/actions/${actionId}`, {
      territoryIds: [territoryB.body.id],
    });
    expect(res.status).toBe(400);
    expect((await api(server, adminB, 'DELETE', `/territories/${territoryB.body.id}`)).status).toBe(204);
  });
});

describe('sign-in limits', () => {
  it('count attempts sent all at once, and asking for reset links never locks the owner out', async () => {
    const server = await createTestServer();
    try {
      const email = server.fixtures.memberEmail;
      const attempts = await Promise.all(
        Array.from({ length: 20 }, () =>
          api(server, null, 'POST', '/auth/login', { email, password: 'pas le bon mot de passe' }),
        ),
      );
      const statuses = attempts.map((a) => a.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);

      const other = server.fixtures.otherOrg.memberEmail;
      for (let i = 0; i < 10; i += 1) await api(server, null, 'POST', '/auth/forgot', { email: other });
      await login(server, other);
    } finally {
      await server.close();
    }
  });
});

describe('creating a body when its first admin cannot be told', () => {
  it('leaves nothing behind, so that creating it again works', async () => {
    // A mail server that is not there.
    const server = await createTestServer({
      mail: { smtpUrl: 'smtp://127.0.0.1:9', from: 'Cocon <x@cocon.test>' },
    });
    try {
      await server.db.users.updateOne({ _id: 'u-adm' }, { $set: { platformOperator: true } });
      const operator = await login(server, server.fixtures.adminEmail);
      const body = {
        organization: { name: 'Table de Laval', region: 'Laval', slug: 'table-laval' },
        adminEmail: 'coordination@laval.test',
      };
      const first = await api(server, operator, 'POST', '/organizations', body);
      expect(first.status).toBe(503);
      expect(await server.db.organizations.countDocuments({ slug: 'table-laval' })).toBe(0);
      // Still refused for the same reason, not for an address taken by a body nobody can enter.
      expect((await api(server, operator, 'POST', '/organizations', body)).status).toBe(503);
    } finally {
      await server.close();
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

describe('a person in two organisations', () => {
  it('switches between them, and joining a forum of the other keeps the account and acts there', async () => {
    const server = await createTestServer();
    try {
      const f = server.fixtures;
      await server.db.orgMembers.insertOne({
        _id: `${f.otherOrg.id}:u-mem`,
        organizationId: f.otherOrg.id,
        userId: 'u-mem',
        role: 'member',
        active: true,
        createdAt: new Date(),
      });
      const marc = await login(server, f.memberEmail);
      const mine = await api<{ slug: string; role: string }[]>(server, marc, 'GET', '/organizations');
      expect(mine.body.map((o) => o.slug).sort()).toEqual(['org-a', 'org-b']);
      const forumsOf = async () =>
        (await api<{ id: string }[]>(server, marc, 'GET', '/forums')).body.map((forum) => forum.id);
      expect(await forumsOf()).not.toContain(f.otherOrg.forumId);

      const joined = await api<{ session: SessionInfo }>(server, marc, 'POST', '/forums/join', {
        code: f.otherOrg.joinCode,
        displayName: 'Marc',
      });
      expect(joined.status).toBe(200);
      expect(joined.body.session.user).toMatchObject({ kind: 'account', organization: { slug: 'org-b' } });
      expect(await forumsOf()).toEqual([f.otherOrg.forumId]);

      const back = await api<SessionInfo>(server, marc, 'POST', '/session/organization', {
        organizationId: f.organizationId,
      });
      expect(back.body.user?.organization?.slug).toBe('org-a');
      expect(await forumsOf()).not.toContain(f.otherOrg.forumId);
      // Not a member of a third one: refused.
      const elsewhere = await api(server, marc, 'POST', '/session/organization', {
        organizationId: 'nowhere',
      });
      expect(elsewhere.status).toBe(404);
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
    const server = await startInstance(db, fixtures, { redis: { url: REDIS_URL, prefix } });
    apps.push(server.app);
    return server;
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
    // Reconnecting is refused, and so is signing in again.
    expect((await api(b, member, 'GET', '/profile')).status).toBe(401);
    await expect(login(b, fixtures.memberEmail)).rejects.toThrow(/403/);
    onA.doc.destroy();
    onB.doc.destroy();
    onA.socket.disconnect();
    onB.socket.disconnect();
  });
});
