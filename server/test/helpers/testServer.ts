import type { AddressInfo } from 'node:net';
import { newId, boardDocName } from '@cocon/shared';
import { connectDatabase, type Database } from '../../src/db/mongo.js';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { initBoard } from '../../src/boards/boardMutations.js';
import { silentLogger } from '../../src/util/logger.js';

export const TEST_MONGODB_URL = process.env.TEST_MONGODB_URL ?? 'mongodb://127.0.0.1:27018/';
export const PASSWORD = 'correct horse battery staple';

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
      role: 'facilitator',
      createdAt: now,
    },
    { _id: 'u-mem', email: 'mem@test.qc', name: 'Marc Membre', passwordHash, role: 'member', createdAt: now },
    {
      _id: 'u-mem2',
      email: 'mem2@test.qc',
      name: 'Mia Membre',
      passwordHash,
      role: 'member',
      createdAt: now,
    },
    {
      _id: 'u-out',
      email: 'out@test.qc',
      name: 'Omar Externe',
      passwordHash,
      role: 'member',
      createdAt: now,
    },
  ]);
  await db.communities.insertOne({
    _id: 'cdp-a',
    organizationId: 'org',
    name: 'Sécurité alimentaire',
    themes: [],
  });
  await db.memberships.insertMany([
    { _id: 'm1', userId: 'u-mem', communityId: 'cdp-a', role: 'member' },
    { _id: 'm2', userId: 'u-mem2', communityId: 'cdp-a', role: 'member' },
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
  };
  await db.forums.insertMany([
    {
      _id: fixtures.forumId,
      organizationId: null,
      title: 'Forum A',
      description: '',
      joinCode: fixtures.joinCode,
      createdBy: 'u-fac',
      createdAt: now,
    },
    {
      _id: fixtures.otherForumId,
      organizationId: null,
      title: 'Forum B',
      description: '',
      joinCode: fixtures.otherJoinCode,
      createdBy: 'u-fac',
      createdAt: now,
    },
  ]);
  await db.boards.insertMany([
    {
      _id: fixtures.boardId,
      forumId: fixtures.forumId,
      title: 'Tableau A',
      communityId: null,
      order: 1,
      createdAt: now,
    },
    {
      _id: fixtures.otherBoardId,
      forumId: fixtures.otherForumId,
      title: 'Tableau B',
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

/** A real server on an ephemeral port against the real test database. */
export async function createTestServer(
  options: Partial<Omit<AppOptions, 'db' | 'logger'>> = {},
): Promise<TestServer> {
  const { db, fixtures } = await createTestDatabase();
  const start = async (port: number) => {
    const app = createApp({
      db,
      logger: silentLogger,
      collab: { unloadGraceMs: 200, ...options.collab },
      ...options,
    });
    await app.collab.withDocument(boardDocName(fixtures.boardId), (m) => initBoard(m.doc, 'Tableau A'));
    await app.collab.withDocument(boardDocName(fixtures.otherBoardId), (m) => initBoard(m.doc, 'Tableau B'));
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
