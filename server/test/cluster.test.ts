import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardDocName,
  newId,
  readBoard,
  proposalFieldsDocName,
  proposalMaps,
  newObjective,
  type ProposalDetail,
} from '@cocon/shared';
import { createApp, type App } from '../src/app.js';
import { createTestDatabase, startInstance, type Fixtures } from './helpers/testServer.js';
import {
  api,
  emitOk,
  joinAsGuest,
  login,
  rawYjsSocket,
  socketClient,
  upgradeStatus,
  yjsClient,
  type Identity,
} from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import { consoleLogger, silentLogger } from '../src/util/logger.js';
import type { Database } from '../src/db/mongo.js';
import type { TestServer } from './helpers/testServer.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Instance {
  app: App;
  server: TestServer;
}

/** Two (or more) instances sharing one database and one Redis, as behind a load balancer. */
describe('several instances through Redis', () => {
  let db: Database;
  let fixtures: Fixtures;
  let prefix: string;
  const instances: Instance[] = [];
  const cleanups: (() => void)[] = [];

  const start = async (redisUrl = REDIS_URL): Promise<Instance> => {
    const server = await startInstance(db, fixtures, {
      logger: process.env.DEBUG_CLUSTER ? consoleLogger() : silentLogger,
      redis: { url: redisUrl, prefix },
    });
    const app = server.app;
    const instance = { app, server };
    instances.push(instance);
    return instance;
  };

  beforeEach(async () => {
    ({ db, fixtures } = await createTestDatabase());
    prefix = `cocon-test:${newId(8)}:`;
  });
  afterEach(async () => {
    cleanups.splice(0).forEach((fn) => fn());
    for (const i of instances.splice(0)) await i.app.close().catch(() => undefined);
    await db.db.dropDatabase().catch(() => undefined);
    await db.close();
  });

  it('shows an idea posted on one instance to a participant connected to the other', async () => {
    const [a, b] = [await start(), await start()];
    const ana = await joinAsGuest(a.server, fixtures.joinCode, 'Ana');
    const ben = await joinAsGuest(b.server, fixtures.joinCode, 'Ben');
    const benDoc = yjsClient(b.server, boardDocName(fixtures.boardId), ben);
    cleanups.push(benDoc.destroy);
    await benDoc.synced();
    const anaSocket = await socketClient(a.server, ana);
    cleanups.push(() => anaSocket.close());
    await emitOk(anaSocket, 'idea:post', {
      boardId: fixtures.boardId,
      ideaId: newId(),
      text: 'Par l’instance A',
      anonymous: false,
    });
    await eventually(() =>
      expect(readBoard(benDoc.doc, null).ideas.map((i) => i.text)).toEqual(['Par l’instance A']),
    );
  });

  it('anti-entropy stays quiet once instances agree, deletions included (issue 12 item 12)', async () => {
    const [a, b] = [await start(), await start()];
    const ana = await joinAsGuest(a.server, fixtures.joinCode, 'Ana');
    const ben = await joinAsGuest(b.server, fixtures.joinCode, 'Ben');
    const benDoc = yjsClient(b.server, boardDocName(fixtures.boardId), ben);
    cleanups.push(benDoc.destroy);
    await benDoc.synced();
    const anaSocket = await socketClient(a.server, ana);
    cleanups.push(() => anaSocket.close());
    const kept = newId();
    const deleted = newId();
    for (const ideaId of [kept, deleted]) {
      await emitOk(anaSocket, 'idea:post', {
        boardId: fixtures.boardId,
        ideaId,
        text: ideaId,
        anonymous: false,
      });
    }
    await emitOk(anaSocket, 'idea:delete', { boardId: fixtures.boardId, ideaId: deleted });
    await eventually(() => expect(readBoard(benDoc.doc, null).ideas.map((i) => i.id)).toEqual([kept]));

    const relays = [a.app.cluster!.relay, b.app.cluster!.relay];
    const before = relays.map((r) => ({ ...r.stats }));
    for (const relay of relays) relay.resyncAll();
    // Each hears the other's request (and the request that answers it) and has nothing to send.
    await eventually(() =>
      relays.forEach((r, i) =>
        expect(r.stats.syncRequestsHeard).toBeGreaterThanOrEqual(before[i]!.syncRequestsHeard + 2),
      ),
    );
    expect(relays.map((r) => r.stats.syncRepliesSent)).toEqual(before.map((s) => s.syncRepliesSent));
  });

  it('refuses a session on every instance once it logs out on one, though another had it cached', async () => {
    const [a, b] = [await start(), await start()];
    const ana = await joinAsGuest(a.server, fixtures.joinCode, 'Ana');
    const docName = boardDocName(fixtures.boardId);
    // B reads the session once and keeps it (for a minute by default).
    expect(await upgradeStatus(rawYjsSocket(b.server, docName, ana))).toBe(101);
    expect((await api(a.server, ana, 'POST', '/auth/logout')).status).toBe(204);
    await eventually(async () => expect(await upgradeStatus(rawYjsSocket(b.server, docName, ana))).toBe(401));
  });

  it('counts presence across instances through the socket.io adapter', async () => {
    const [a, b] = [await start(), await start()];
    const ana = await socketClient(a.server, await joinAsGuest(a.server, fixtures.joinCode, 'Ana'));
    const ben = await socketClient(b.server, await joinAsGuest(b.server, fixtures.joinCode, 'Ben'));
    cleanups.push(
      () => ana.close(),
      () => ben.close(),
    );
    const counts: number[] = [];
    ana.on('presence', (p) => counts.push(p.count));
    await emitOk(ana, 'board:join', { boardId: fixtures.boardId });
    await emitOk(ben, 'board:join', { boardId: fixtures.boardId });
    await eventually(() => expect(counts.at(-1)).toBe(2), 10_000);
  });

  it('merges co-writers on different instances and stores the document once', async () => {
    const [a, b] = [await start(), await start()];
    const marcA = await login(a.server, fixtures.memberEmail);
    const proposal = (
      await api<ProposalDetail>(a.server, marcA, 'POST', '/proposals', {
        communityId: fixtures.communityId,
        title: 'Frigos',
      })
    ).body;
    const miaB = await login(b.server, 'mem2@test.qc');
    const onA = yjsClient(a.server, proposalFieldsDocName(proposal.id), marcA);
    const onB = yjsClient(b.server, proposalFieldsDocName(proposal.id), miaB);
    cleanups.push(onA.destroy, onB.destroy);
    await Promise.all([onA.synced(), onB.synced()]);
    proposalMaps(onA.doc).objectives.push([newObjective({ text: 'Objectif' })]);
    await eventually(() => expect(proposalMaps(onB.doc).objectives.length).toBe(1));
    const textA = proposalMaps(onA.doc).objectives.get(0).get('text') as Y.Text;
    const textB = proposalMaps(onB.doc).objectives.get(0).get('text') as Y.Text;
    textA.insert(0, 'Notre ');
    textB.insert(textB.length, ' commun');
    await eventually(() => {
      expect(textA.toString()).toBe('Notre Objectif commun');
      expect(textB.toString()).toBe('Notre Objectif commun');
    });
    // One instance holds the lease and writes; both documents are the same once stored.
    const writers = [a, b].filter((i) => i.app.cluster?.leases.holds(proposalFieldsDocName(proposal.id)));
    expect(writers).toHaveLength(1);
    onA.destroy();
    onB.destroy();
    for (const i of instances.splice(0)) await i.app.close();
    const fresh = await start();
    const reader = yjsClient(
      fresh.server,
      proposalFieldsDocName(proposal.id),
      await login(fresh.server, fixtures.memberEmail),
    );
    cleanups.push(reader.destroy);
    await reader.synced();
    await eventually(() =>
      expect(
        (proposalMaps(reader.doc).objectives.get(0)?.get('text') as Y.Text | undefined)?.toString(),
      ).toBe('Notre Objectif commun'),
    );
  });

  it('keeps every idea when the writing instance dies: its clients go on through the other', async () => {
    const [a, b] = [await start(), await start()];
    const ana = await joinAsGuest(a.server, fixtures.joinCode, 'Ana');
    const anaSocket = await socketClient(a.server, ana);
    cleanups.push(() => anaSocket.close());
    // People are connected to both instances, as behind a load balancer.
    const onA = yjsClient(a.server, boardDocName(fixtures.boardId), ana);
    const watcher = yjsClient(b.server, boardDocName(fixtures.boardId), ana);
    cleanups.push(onA.destroy, watcher.destroy);
    await Promise.all([onA.synced(), watcher.synced()]);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const ideaId = newId();
      ids.push(ideaId);
      await emitOk(anaSocket, 'idea:post', {
        boardId: fixtures.boardId,
        ideaId,
        text: `Idée ${i}`,
        anonymous: false,
      });
    }
    await eventually(() => expect(readBoard(watcher.doc, null).ideas).toHaveLength(10));
    const writer = [a, b].find((i) => i.app.cluster?.leases.holds(boardDocName(fixtures.boardId)))!;
    const survivor = writer === a ? b : a;
    // The writer dies without storing anything more.
    writer.app.crash();
    instances.splice(instances.indexOf(writer), 1);
    // Its clients reconnect to the survivor and go on.
    const again = await socketClient(survivor.server, ana);
    cleanups.push(() => again.close());
    const after = newId();
    ids.push(after);
    await emitOk(again, 'idea:post', {
      boardId: fixtures.boardId,
      ideaId: after,
      text: 'Après la panne',
      anonymous: false,
    });
    // The survivor takes the lease over (after its time to live) and stores what it holds.
    await eventually(
      () => expect(survivor.app.cluster?.leases.holds(boardDocName(fixtures.boardId))).toBe(true),
      25_000,
      200,
    );
    await eventually(async () => {
      const stored = await survivor.app.collab.readStored(boardDocName(fixtures.boardId));
      expect(
        readBoard(stored, null)
          .ideas.map((i) => i.id)
          .sort(),
      ).toEqual([...ids].sort());
    }, 10_000);
  }, 40_000);
});

describe('Redis going away', () => {
  let redis: ChildProcess;
  let db: Database;
  let fixtures: Fixtures;
  const port = 6390 + Math.floor(Math.random() * 50);
  const startRedis = async () => {
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await new Promise((r) => setTimeout(r, 300));
  };
  beforeEach(async () => {
    ({ db, fixtures } = await createTestDatabase());
    await startRedis();
  });
  afterEach(async () => {
    redis.kill('SIGKILL');
    await db.db.dropDatabase().catch(() => undefined);
    await db.close();
  });

  it('lets each instance serve its own clients while Redis is down, and catches up when it returns', async () => {
    const apps: App[] = [];
    const servers: TestServer[] = [];
    for (let i = 0; i < 2; i++) {
      const app = createApp({
        db,
        logger: silentLogger,
        collab: { unloadGraceMs: 300 },
        redis: { url: `redis://127.0.0.1:${port}`, prefix: 'cocon-outage:' },
      });
      await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
      const p = (app.server.address() as AddressInfo).port;
      apps.push(app);
      servers.push({
        url: `http://127.0.0.1:${p}`,
        wsUrl: `ws://127.0.0.1:${p}`,
        db,
        app,
        fixtures,
      } as TestServer);
    }
    const [sa, sb] = servers as [TestServer, TestServer];
    const ana: Identity = await joinAsGuest(sa, fixtures.joinCode, 'Ana');
    const docA = yjsClient(sa, boardDocName(fixtures.boardId), ana);
    const docB = yjsClient(sb, boardDocName(fixtures.boardId), ana);
    const socketA = await socketClient(sa, ana);
    await Promise.all([docA.synced(), docB.synced()]);

    redis.kill('SIGKILL');
    await eventually(async () =>
      expect(((await (await fetch(`${sa.url}/api/health`)).json()) as { status: string }).status).toBe(
        'degraded',
      ),
    );
    await emitOk(socketA, 'idea:post', {
      boardId: fixtures.boardId,
      ideaId: newId(),
      text: 'Pendant la panne',
      anonymous: false,
    });
    // Instance A's own clients see it at once.
    await eventually(() =>
      expect(readBoard(docA.doc, null).ideas.map((i) => i.text)).toEqual(['Pendant la panne']),
    );

    await startRedis();
    // Back: the instances resync and B's clients get the idea.
    await eventually(
      () => expect(readBoard(docB.doc, null).ideas.map((i) => i.text)).toEqual(['Pendant la panne']),
      15_000,
    );
    socketA.close();
    docA.destroy();
    docB.destroy();
    for (const app of apps) await app.close();
  }, 40_000);
});
