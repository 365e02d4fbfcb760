import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, type Ack } from '@cocon/shared';
import { createTestDatabase, startInstance, type Fixtures, type TestServer } from './helpers/testServer.js';
import {
  emit,
  emitOk,
  joinAsGuest,
  login,
  socketClient,
  type AppClientSocket,
  type Identity,
} from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import { SOCKET_EVENT_BUDGET } from '../src/realtime/socketServer.js';
import { HTTP_WRITE_BUDGET } from '../src/http/security.js';
import type { Database } from '../src/db/mongo.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = SOCKET_EVENT_BUDGET.burst;
const WRITES = HTTP_WRITE_BUDGET.burst;

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

/** Two instances sharing one database and one Redis, as behind a load balancer. */
describe('one person’s budgets across instances (issue 12 item 6)', () => {
  let db: Database;
  let fixtures: Fixtures;
  const servers: TestServer[] = [];
  const sockets: AppClientSocket[] = [];

  beforeEach(async () => {
    ({ db, fixtures } = await createTestDatabase());
    const prefix = `cocon-test:${newId(8)}:`;
    for (let i = 0; i < 2; i++)
      servers.push(await startInstance(db, fixtures, { redis: { url: REDIS_URL, prefix } }));
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
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
});

/** The instance's own Redis, to take it away. */
describe('person budgets while Redis is away (issue 12 item 6)', () => {
  let redis: ChildProcess;
  let db: Database;
  let fixtures: Fixtures;
  let server: TestServer;
  const port = 6440 + Math.floor(Math.random() * 50);

  beforeEach(async () => {
    ({ db, fixtures } = await createTestDatabase());
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    server = await startInstance(db, fixtures, {
      redis: { url: `redis://127.0.0.1:${port}`, prefix: `cocon-test:${newId(8)}:` },
    });
    await eventually(() => expect(server.app.cluster?.redis.status).toBe('ready'));
  });
  afterEach(async () => {
    redis.kill('SIGKILL');
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
    redis.kill('SIGKILL');
    await eventually(() => expect(server.app.cluster?.redis.status).not.toBe('ready'));
    const { accepted, limited } = await flood(two, EVENTS, fixtures.boardId);
    two.forEach((s) => s.close());
    expect(accepted).toBeGreaterThanOrEqual(EVENTS);
    expect(accepted).toBeLessThanOrEqual(EVENTS + 5);
    expect(limited).toBe(2 * EVENTS - accepted);
  });

  it('does not wait for a Redis that stopped answering: this instance decides after a short wait', async () => {
    const two = await guestSockets();
    redis.kill('SIGSTOP');
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
