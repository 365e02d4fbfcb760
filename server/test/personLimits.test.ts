import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CLOSE_CODES, boardDocName, newId, proposalTextDocName, readBoard, type Ack } from '@cocon/shared';
import { createTestDatabase, startInstance, type Fixtures, type TestServer } from './helpers/testServer.js';
import {
  api,
  emit,
  emitOk,
  joinAsGuest,
  login,
  rawYjsSocket,
  socketClient,
  upgradeStatus,
  yjsClient,
  type AppClientSocket,
  type Identity,
} from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import { OwnRedis } from './helpers/ownRedis.js';
import { SOCKET_EVENT_BUDGET } from '../src/realtime/socketServer.js';
import { HTTP_WRITE_BUDGET } from '../src/http/security.js';
import { YJS_SYNC_REQUEST_BUDGET, YJS_UPGRADE_BUDGET } from '../src/collab/yjsTransport.js';
import type { Database } from '../src/db/mongo.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = SOCKET_EVENT_BUDGET.burst;
const WRITES = HTTP_WRITE_BUDGET.burst;
const UPGRADES = YJS_UPGRADE_BUDGET.burst;
const SYNC_REQUESTS = YJS_SYNC_REQUEST_BUDGET.burst;
/** Sync requests a connection may send at once before its own bucket closes it. */
const STEP_ONES_PER_CONNECTION = 4;

/** Sends `count` events at once on each socket; answers how many were accepted and refused. */
async function flood(sockets: AppClientSocket[], count: number, boardId: string) {
  const acks: Ack<unknown>[] = await Promise.all(
    sockets.flatMap((socket) =>
      Array.from({ length: count }, () =>
        emit(socket, 'idea:post', { boardId, ideaId: newId(), text: 'Encore', anonymous: false }),
      ),
    ),
  );
  return {
    accepted: acks.filter((a) => a.ok).length,
    limited: acks.filter((a) => !a.ok && a.error.code === 'rate_limited').length,
  };
}

/** `count` state-changing requests at once on each server; answers their statuses. */
function writeFlood(servers: TestServer[], identity: Identity, count: number): Promise<number[]> {
  return Promise.all(
    servers.flatMap((server) =>
      Array.from({ length: count }, () =>
        fetch(`${server.url}/api/forums`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: identity.cookie,
            'x-csrf-token': identity.csrfToken,
          },
          body: '{}',
        }).then((r) => r.status),
      ),
    ),
  );
}

/** A y-websocket sync request (step 1) from a client that has nothing yet. */
function stepOne(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(encoder);
}

/**
 * Opens `connections` raw /yjs sockets on each server and sends `perConnection` sync requests on
 * each at once; answers how many were answered (step 2) and how each socket ended.
 */
async function syncFlood(
  servers: TestServer[],
  identity: Identity,
  docName: string,
  connections: number,
  perConnection: number,
) {
  const opened = await Promise.all(
    servers.flatMap((server) =>
      Array.from({ length: connections }, async () => {
        const ws = rawYjsSocket(server, docName, identity);
        const state = { answers: 0, closeCode: null as number | null };
        ws.on('message', (data: ArrayBuffer | Buffer) => {
          const decoder = decoding.createDecoder(new Uint8Array(data as ArrayBuffer));
          if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1) state.answers += 1;
        });
        ws.on('close', (code) => (state.closeCode = code));
        await new Promise<void>((resolve, reject) => {
          ws.on('open', () => resolve());
          ws.on('error', reject);
        });
        return { ws, state };
      }),
    ),
  );
  for (const { ws } of opened) for (let i = 0; i < perConnection; i++) ws.send(stepOne());
  // Every request is settled: answered, or its connection closed.
  await eventually(() => {
    for (const { state } of opened) {
      if (state.closeCode === null) expect(state.answers).toBe(perConnection);
    }
  });
  for (const { ws } of opened) ws.close();
  return {
    answered: opened.reduce((sum, { state }) => sum + state.answers, 0),
    closeCodes: opened.map(({ state }) => state.closeCode).filter((code) => code !== null),
  };
}

/** Two instances sharing one database and one Redis, as behind a load balancer. */
describe('one person’s budgets across instances (issue 12 item 6)', () => {
  let db: Database;
  let fixtures: Fixtures;
  const servers: TestServer[] = [];
  const sockets: AppClientSocket[] = [];
  const clients: { destroy(): void }[] = [];

  beforeEach(async () => {
    ({ db, fixtures } = await createTestDatabase());
    const prefix = `cocon-test:${newId(8)}:`;
    for (let i = 0; i < 2; i++)
      servers.push(await startInstance(db, fixtures, { redis: { url: REDIS_URL, prefix } }));
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.close().catch(() => undefined);
    await db.db.dropDatabase().catch(() => undefined);
    await db.close();
  });

  it('gives a guest one event budget, however their sockets are spread over the instances', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const carl = await joinAsGuest(a, fixtures.joinCode, 'Carl');
    sockets.push(...(await Promise.all([a, a, b, b].map((server) => socketClient(server, carl)))));
    // 4 x 40 events at once, half through each instance: one person's budget is a burst of 40.
    const { accepted, limited } = await flood(sockets, EVENTS, fixtures.boardId);
    expect(accepted).toBeGreaterThanOrEqual(EVENTS);
    expect(accepted).toBeLessThanOrEqual(EVENTS + 5);
    expect(limited).toBe(4 * EVENTS - accepted);
    // Another person, on either instance, is not slowed down.
    const dora = await joinAsGuest(b, fixtures.joinCode, 'Dora');
    for (const server of [a, b]) {
      const socket = await socketClient(server, dora);
      sockets.push(socket);
      await emitOk(socket, 'idea:post', {
        boardId: fixtures.boardId,
        ideaId: newId(),
        text: 'Moi aussi',
        anonymous: false,
      });
    }
  });

  it('gives a session one budget of HTTP writes across the instances', async () => {
    const fac = await login(servers[0]!, fixtures.facilitatorEmail);
    // 2 x 100 invalid forums at once (400 when counted, 429 beyond the budget of 120).
    const statuses = await writeFlood(servers, fac, 100);
    const counted = statuses.filter((s) => s === 400).length;
    expect(counted).toBeGreaterThanOrEqual(WRITES);
    expect(counted).toBeLessThanOrEqual(WRITES + 5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - counted);
  });

  it('gives a guest one budget of /yjs connections, however they open them over the instances', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const carl = await joinAsGuest(a, fixtures.joinCode, 'Carl');
    const docName = boardDocName(fixtures.boardId);
    // 2 x 20 upgrades at once, fewer than one instance's budget each: one person's budget is 30.
    const statuses = await Promise.all(
      [a, b].flatMap((server) =>
        Array.from({ length: 20 }, () => upgradeStatus(rawYjsSocket(server, docName, carl))),
      ),
    );
    const accepted = statuses.filter((s) => s === 101).length;
    expect(accepted).toBeGreaterThanOrEqual(UPGRADES);
    expect(accepted).toBeLessThanOrEqual(UPGRADES + 2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - accepted);
    // Another person, on either instance, is not held back.
    const dora = await joinAsGuest(b, fixtures.joinCode, 'Dora');
    for (const server of [a, b]) expect(await upgradeStatus(rawYjsSocket(server, docName, dora))).toBe(101);
  });

  it('gives a guest one budget of sync requests across the instances; documents still flow', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const carl = await joinAsGuest(a, fixtures.joinCode, 'Carl');
    const board = boardDocName(fixtures.boardId);
    // A tab Carl opened before: its one sync request is part of his budget.
    const tab = yjsClient(b, board, carl);
    clients.push(tab);
    await tab.synced();
    // 7 connections on each instance, 4 sync requests on each at once (within each connection's
    // and each instance's buckets): 56 requests, of which one person's budget answers 29 more.
    const { answered, closeCodes } = await syncFlood(servers, carl, board, 7, STEP_ONES_PER_CONNECTION);
    expect(answered).toBeGreaterThanOrEqual(SYNC_REQUESTS - 1);
    expect(answered).toBeLessThanOrEqual(SYNC_REQUESTS + 4);
    // Refused as one connection's flood is: that connection is closed (4429), nothing else.
    expect(closeCodes.length).toBeGreaterThanOrEqual(Math.ceil((56 - answered) / STEP_ONES_PER_CONNECTION));
    expect(new Set(closeCodes)).toEqual(new Set([CLOSE_CODES.rateLimited]));

    // Updates go on: two writers of a proposal, one on each instance, and Carl's earlier tab.
    const marc = await login(a, fixtures.memberEmail);
    const mia = await login(b, 'mem2@test.qc');
    const created = await api<{ id: string }>(a, marc, 'POST', '/proposals', {
      communityId: fixtures.communityId,
      title: 'Après l’averse',
      theme: 'LOGEMENT',
    });
    const text = proposalTextDocName(created.body.id);
    const marcDoc = yjsClient(a, text, marc);
    const miaDoc = yjsClient(b, text, mia);
    clients.push(marcDoc, miaDoc);
    await Promise.all([marcDoc.synced(), miaDoc.synced()]);
    marcDoc.doc.getMap('probe').set('marc', 'de A');
    miaDoc.doc.getMap('probe').set('mia', 'de B');
    for (const { doc } of [marcDoc, miaDoc]) {
      await eventually(() => expect(doc.getMap('probe').toJSON()).toEqual({ marc: 'de A', mia: 'de B' }));
    }
    const dora = await joinAsGuest(a, fixtures.joinCode, 'Dora');
    const socket = await socketClient(a, dora);
    sockets.push(socket);
    await emitOk(socket, 'idea:post', {
      boardId: fixtures.boardId,
      ideaId: newId(),
      text: 'Toujours reçu',
      anonymous: false,
    });
    await eventually(() =>
      expect(readBoard(tab.doc, null).ideas.map((i) => i.text)).toEqual(['Toujours reçu']),
    );
    expect(tab.provider.wsconnected).toBe(true);
  });
});

/** The instance's own Redis, to take it away. */
describe('person budgets while Redis is away (issue 12 item 6)', () => {
  let redis: OwnRedis;
  let db: Database;
  let fixtures: Fixtures;
  let server: TestServer;

  beforeEach(async () => {
    ({ db, fixtures } = await createTestDatabase());
    redis = await OwnRedis.onFreePort();
    await redis.start();
    server = await startInstance(db, fixtures, {
      redis: { url: redis.url, prefix: `cocon-test:${newId(8)}:` },
    });
    await eventually(() => expect(server.app.cluster?.redis.status).toBe('ready'));
  });
  afterEach(async () => {
    await redis.stop();
    await server.close().catch(() => undefined);
    await db.db.dropDatabase().catch(() => undefined);
    await db.close();
  });

  /** Joins the board (loading its document while Redis is there) with two sockets of one guest. */
  const guestSockets = async (): Promise<AppClientSocket[]> => {
    const eve = await joinAsGuest(server, fixtures.joinCode, 'Eve');
    const two = await Promise.all([socketClient(server, eve), socketClient(server, eve)]);
    for (const socket of two) await emitOk(socket, 'board:join', { boardId: fixtures.boardId });
    return two;
  };

  it('falls back to this instance’s budget when Redis is down: still limited, still answered', async () => {
    const two = await guestSockets();
    await redis.stop();
    await eventually(() => expect(server.app.cluster?.redis.status).not.toBe('ready'));
    const { accepted, limited } = await flood(two, EVENTS, fixtures.boardId);
    two.forEach((s) => s.close());
    expect(accepted).toBeGreaterThanOrEqual(EVENTS);
    expect(accepted).toBeLessThanOrEqual(EVENTS + 5);
    expect(limited).toBe(2 * EVENTS - accepted);
  });

  it('does not wait for a Redis that stopped answering: this instance decides after a short wait', async () => {
    const two = await guestSockets();
    redis.pause();
    const started = Date.now();
    const { accepted, limited } = await flood(two, EVENTS, fixtures.boardId);
    const elapsed = Date.now() - started;
    two.forEach((s) => s.close());
    expect(elapsed).toBeLessThan(3_000);
    expect(accepted).toBeGreaterThanOrEqual(EVENTS);
    expect(accepted).toBeLessThanOrEqual(EVENTS + 5);
    expect(limited).toBe(2 * EVENTS - accepted);
  });
});
