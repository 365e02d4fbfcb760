import type { AddressInfo } from 'node:net';
import { newId, boardDocName, type AccountRole } from '@cocon/shared';
import { connectDatabase, type Database } from '../../src/db/mongo.js';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { initBoard } from '../../src/boards/boardMutations.js';
import { silentLogger } from '../../src/util/logger.js';

export const TEST_MONGODB_URL = process.env.TEST_MONGODB_URL ?? 'mongodb://127.0.0.1:27018/';
export const PASSWORD = 'correct horse battery staple';
/** The mail catcher that `npm test` starts (scripts/test.mjs); tests read mail from its API. */
export const TEST_SMTP_URL = process.env.TEST_SMTP_URL ?? 'smtp://127.0.0.1:1025';

export interface Fixtures {
  facilitatorEmail: string;
  memberEmail: string;
  forumId: string;
  joinCode: string;
  boardId: string;
  otherForumId: string;
  otherJoinCode: string;
  otherBoardId: string;
  communityId: string;
  outsiderEmail: string;
  adminEmail: string;
  /** The organisation of all the above. */
  organizationId: string;
  /** A second organisation, to check that nothing crosses between them. */
  otherOrg: {
    id: string;
    slug: string;
    adminEmail: string;
    facilitatorEmail: string;
    memberEmail: string;
    communityId: string;
    forumId: string;
    joinCode: string;
    boardId: string;
  };
}

/** A fresh database per call, with two forums, one board each, a facilitator and a member. */
export async function createTestDatabase(): Promise<{ db: Database; fixtures: Fixtures; dbName: string }> {
  const dbName = `cocon_test_${Date.now()}_${newId(6).replace(/[^A-Za-z0-9]/g, 'x')}`;
  const db = await connectDatabase(TEST_MONGODB_URL, dbName);
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date();
  await db.users.insertMany([
    {
      _id: 'u-fac',
      email: 'fac@test.qc',
      name: 'Fanny Animatrice',
      passwordHash,
      createdAt: now,
    },
    { _id: 'u-mem', email: 'mem@test.qc', name: 'Marc Membre', passwordHash, createdAt: now },
    { _id: 'u-facb', email: 'facb@test.qc', name: 'Béatrice Animatrice', passwordHash, createdAt: now },
    { _id: 'u-adm', email: 'adm@test.qc', name: 'Alice Admin', passwordHash, createdAt: now },
    { _id: 'u-admb', email: 'admb@test.qc', name: 'Benoît Admin', passwordHash, createdAt: now },
    { _id: 'u-memb', email: 'memb@test.qc', name: 'Bruno Membre', passwordHash, createdAt: now },
    {
      _id: 'u-mem2',
      email: 'mem2@test.qc',
      name: 'Mia Membre',
      passwordHash,
      createdAt: now,
    },
    {
      _id: 'u-out',
      email: 'out@test.qc',
      name: 'Omar Externe',
      passwordHash,
      createdAt: now,
    },
  ]);
  await db.organizations.insertMany([
    {
      _id: 'org',
      slug: 'org-a',
      name: 'Table A',
      region: 'Montérégie',
      themes: ['LOGEMENT'],
      createdAt: now,
    },
    {
      _id: 'org-b',
      slug: 'org-b',
      name: 'Table B',
      region: 'Outaouais',
      themes: ['TRANSPORT'],
      createdAt: now,
    },
  ]);
  const member = (organizationId: string, userId: string, role: AccountRole) => ({
    _id: `${organizationId}:${userId}`,
    organizationId,
    userId,
    role,
    active: true,
    createdAt: now,
  });
  await db.orgMembers.insertMany([
    member('org', 'u-fac', 'facilitator'),
    member('org', 'u-mem', 'member'),
    member('org', 'u-mem2', 'member'),
    member('org', 'u-out', 'member'),
    member('org', 'u-adm', 'admin'),
    member('org-b', 'u-facb', 'facilitator'),
    member('org-b', 'u-admb', 'admin'),
    member('org-b', 'u-memb', 'member'),
  ]);
  await db.communities.insertMany([
    { _id: 'cdp-a', organizationId: 'org', name: 'Sécurité alimentaire', themes: [] },
    { _id: 'cdp-b', organizationId: 'org-b', name: 'Transport', themes: ['TRANSPORT'] },
  ]);
  await db.memberships.insertMany([
    { _id: 'm1', organizationId: 'org', userId: 'u-mem', communityId: 'cdp-a', role: 'member' },
    { _id: 'm2', organizationId: 'org', userId: 'u-mem2', communityId: 'cdp-a', role: 'member' },
    { _id: 'm3', organizationId: 'org-b', userId: 'u-memb', communityId: 'cdp-b', role: 'member' },
  ]);
  const fixtures: Fixtures = {
    facilitatorEmail: 'fac@test.qc',
    memberEmail: 'mem@test.qc',
    forumId: 'forum-a1',
    joinCode: 'TESTA1',
    boardId: 'board-a1',
    otherForumId: 'forum-b1',
    otherJoinCode: 'TESTB1',
    otherBoardId: 'board-b1',
    communityId: 'cdp-a',
    outsiderEmail: 'out@test.qc',
    adminEmail: 'adm@test.qc',
    organizationId: 'org',
    otherOrg: {
      id: 'org-b',
      slug: 'org-b',
      adminEmail: 'admb@test.qc',
      facilitatorEmail: 'facb@test.qc',
      memberEmail: 'memb@test.qc',
      communityId: 'cdp-b',
      forumId: 'forum-org-b',
      joinCode: 'TESTOB',
      boardId: 'board-org-b',
    },
  };
  await db.forums.insertMany([
    {
      _id: fixtures.forumId,
      organizationId: 'org',
      title: 'Forum A',
      description: '',
      joinCode: fixtures.joinCode,
      createdBy: 'u-fac',
      createdAt: now,
    },
    {
      _id: fixtures.otherForumId,
      organizationId: 'org',
      title: 'Forum B',
      description: '',
      joinCode: fixtures.otherJoinCode,
      createdBy: 'u-fac',
      createdAt: now,
    },
    {
      _id: fixtures.otherOrg.forumId,
      organizationId: 'org-b',
      title: 'Forum de l’autre table',
      description: '',
      joinCode: fixtures.otherOrg.joinCode,
      createdBy: 'u-facb',
      createdAt: now,
    },
  ]);
  await db.boards.insertMany([
    {
      _id: fixtures.boardId,
      organizationId: 'org',
      forumId: fixtures.forumId,
      title: 'Tableau A',
      communityId: null,
      order: 1,
      createdAt: now,
    },
    {
      _id: fixtures.otherBoardId,
      organizationId: 'org',
      forumId: fixtures.otherForumId,
      title: 'Tableau B',
      communityId: null,
      order: 1,
      createdAt: now,
    },
    {
      _id: fixtures.otherOrg.boardId,
      organizationId: 'org-b',
      forumId: fixtures.otherOrg.forumId,
      title: 'Tableau de l’autre table',
      communityId: null,
      order: 1,
      createdAt: now,
    },
  ]);
  return { db, fixtures, dbName };
}

export interface TestServer {
  url: string;
  wsUrl: string;
  db: Database;
  app: App;
  fixtures: Fixtures;
  /** Closes the app (storing documents) and starts a new one on the same database and port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One more instance of the app on an existing test database, listening on an ephemeral port:
 * several-instance tests start two with the same Redis prefix. Closing it closes the app only.
 */
export async function startInstance(
  db: Database,
  fixtures: Fixtures,
  options: Partial<Omit<AppOptions, 'db'>> = {},
): Promise<TestServer> {
  const app = createApp({
    db,
    logger: silentLogger,
    mail: { smtpUrl: TEST_SMTP_URL, from: 'Cocon <no-reply@cocon.test>' },
    ...options,
    collab: { unloadGraceMs: 300, ...options.collab },
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    db,
    app,
    fixtures,
    restart: () => Promise.reject(new Error('an instance is not restarted; start another')),
    close: () => app.close(),
  };
}

/** A real server on an ephemeral port against the real test database. */
export async function createTestServer(
  options: Partial<Omit<AppOptions, 'db' | 'logger'>> = {},
): Promise<TestServer> {
  const { db, fixtures } = await createTestDatabase();
  const start = async (port: number) => {
    const app = createApp({
      db,
      logger: silentLogger,
      mail: { smtpUrl: TEST_SMTP_URL, from: 'Cocon <no-reply@cocon.test>' },
      publicUrl: 'http://cocon.test',
      ...options,
      collab: { unloadGraceMs: 200, ...options.collab },
    });
    await app.collab.withDocument(boardDocName(fixtures.boardId), (m) => initBoard(m.doc, 'Tableau A'));
    await app.collab.withDocument(boardDocName(fixtures.otherBoardId), (m) => initBoard(m.doc, 'Tableau B'));
    await app.collab.withDocument(boardDocName(fixtures.otherOrg.boardId), (m) =>
      initBoard(m.doc, 'Tableau de l’autre table'),
    );
    await new Promise<void>((resolve) => app.server.listen(port, '127.0.0.1', resolve));
    return app;
  };
  let app = await start(0);
  const port = (app.server.address() as AddressInfo).port;
  const server: TestServer = {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    db,
    get app() {
      return app;
    },
    fixtures,
    async restart() {
      await app.close();
      app = await start(port);
    },
    async close() {
      await app.close();
      await db.db.dropDatabase().catch(() => undefined);
      await db.close();
    },
  };
  return server;
}
