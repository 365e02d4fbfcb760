import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { boardDocName, newId, readBoard } from '@cocon/shared';
import { createTestDatabase, TEST_MONGODB_URL, type TestServer } from './helpers/testServer.js';
import { emit, joinAsGuest, socketClient, yjsClient } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The real server process, as `npm start` runs it. */
function startServer(port: number, dbName: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URL: TEST_MONGODB_URL,
      MONGODB_DB: dbName,
      QUIET: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe('a server killed with SIGKILL during active editing', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('keeps everything written more than one second before the kill', async () => {
    const { db, fixtures, dbName } = await createTestDatabase();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = { url, wsUrl: `ws://127.0.0.1:${port}` } as TestServer;
    const waitHealthy = () =>
      eventually(async () => expect((await fetch(`${url}/api/health`)).status).toBe(200), 30_000, 100);

    const first = startServer(port, dbName);
    children.push(first);
    await waitHealthy();
    const guest = await joinAsGuest(server, fixtures.joinCode, 'Ana');
    const socket = await socketClient(server, guest);
    socket.io.opts.reconnection = false;

    // Post continuously; remember when each idea was acknowledged.
    const acked = new Map<string, number>();
    let posting = true;
    const poster = (async () => {
      let i = 0;
      while (posting) {
        const ideaId = newId();
        const ack = await Promise.race([
          emit(socket, 'idea:post', {
            boardId: fixtures.boardId,
            ideaId,
            text: `Idée ${i++}`,
            anonymous: false,
          }),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 500)),
        ]);
        if (ack?.ok) acked.set(ideaId, Date.now());
      }
    })();
    await eventually(() => expect(acked.size).toBeGreaterThan(60), 20_000);
    const killedAt = Date.now();
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    posting = false;
    await poster;
    socket.close();

    const second = startServer(port, dbName);
    children.push(second);
    await waitHealthy();
    const reader = yjsClient(server, boardDocName(fixtures.boardId), guest);
    await reader.synced();
    const present = new Set(readBoard(reader.doc, null).ideas.map((i) => i.id));
    const required = [...acked].filter(([, at]) => at < killedAt - 1000).map(([id]) => id);
    const missing = required.filter((id) => !present.has(id));
    expect(required.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
    reader.destroy();
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
    await db.db.dropDatabase();
    await db.close();
  }, 90_000);
});
