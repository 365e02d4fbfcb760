import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardDocName, newId, readBoard } from '@cocon/shared';
import { createApp } from '../src/app.js';
import { connectDatabase } from '../src/db/mongo.js';
import { hashPassword } from '../src/auth/passwords.js';
import { silentLogger } from '../src/util/logger.js';
import { emitOk, joinAsGuest, socketClient, yjsClient } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import type { TestServer } from './helpers/testServer.js';

// The project's own database launcher (FerretDB, or mongod when on PATH): this test stops and
// restarts a database of its own, so the shared test database is not touched.
// @ts-expect-error plain ESM script without types
import { startDatabase } from '../../scripts/database.mjs';

interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

describe('MongoDB unreachable during editing', () => {
  it('keeps clients working, keeps their edits, writes them when the database is back', async () => {
    const port = 27100 + Math.floor(Math.random() * 400);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cocon-outage-db-'));
    let database = (await startDatabase({ port, dataDir })) as RunningDatabase;
    const db = await connectDatabase(database.url, 'cocon_outage');
    await hashPassword('unused-but-warms-scrypt');
    const now = new Date();
    await db.forums.insertOne({
      _id: 'f1',
      organizationId: 'org',
      title: 'F',
      description: '',
      joinCode: 'OUTAGE',
      createdBy: 'x',
      createdAt: now,
    });
    await db.boards.insertOne({
      _id: 'b1',
      organizationId: 'org',
      forumId: 'f1',
      title: 'B',
      communityId: null,
      order: 1,
      createdAt: now,
    });
    const app = createApp({
      db,
      logger: silentLogger,
      collab: { retryDelayMs: 200, unloadGraceMs: 60_000 },
      // Every cached session is due for a check: reconnecting must work on what the instance knew.
      sessionCache: { revalidateAfterMs: 0 },
    });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    const p = (app.server.address() as AddressInfo).port;
    const server = { url: `http://127.0.0.1:${p}`, wsUrl: `ws://127.0.0.1:${p}`, db, app } as TestServer;

    const ana = await joinAsGuest(server, 'OUTAGE', 'Ana');
    const socket = await socketClient(server, ana);
    const reader = yjsClient(server, boardDocName('b1'), ana);
    await reader.synced();
    await emitOk(socket, 'idea:post', {
      boardId: 'b1',
      ideaId: newId(),
      text: 'Avant la panne',
      anonymous: false,
    });

    await database.stop();
    await eventually(
      async () => expect((await fetch(`${server.url}/api/health`)).status).toBe(503),
      15_000,
      200,
    );
    // A load balancer's health check gets its answer within the ping's 2 s, database or not.
    const askedAt = Date.now();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(503);
    expect(Date.now() - askedAt).toBeLessThan(3_000);
    /** Posts through `via` and waits until `seenBy` holds the idea. */
    const postAndSee = async (via: typeof socket, seenBy: typeof reader, text: string) => {
      await emitOk(via, 'idea:post', { boardId: 'b1', ideaId: newId(), text, anonymous: false });
      await eventually(() => expect(readBoard(seenBy.doc, null).ideas.map((i) => i.text)).toContain(text));
    };
    // Editing goes on: the document is in memory, sessions and boards are cached or live.
    await postAndSee(socket, reader, 'Pendant la panne');
    // Ana's phone drops and comes back: both connections are opened again, without the database.
    const reconnectedAt = Date.now();
    const readerAgain = yjsClient(server, boardDocName('b1'), ana);
    await readerAgain.synced();
    const socketAgain = await socketClient(server, ana);
    expect(Date.now() - reconnectedAt).toBeLessThan(5_000);
    await postAndSee(socketAgain, readerAgain, 'Après la reconnexion');
    socketAgain.close();
    readerAgain.destroy();
    expect(((await (await fetch(`${server.url}/api/health`)).json()) as { status: string }).status).toBe(
      'degraded',
    );
    await new Promise((r) => setTimeout(r, 2_000));

    database = (await startDatabase({ port, dataDir })) as RunningDatabase;
    await eventually(
      async () => expect((await fetch(`${server.url}/api/health`)).status).toBe(200),
      30_000,
      200,
    );
    await eventually(
      async () => {
        const stored = await app.collab.readStored(boardDocName('b1'));
        expect(readBoard(stored, null).ideas.map((i) => i.text)).toEqual([
          'Avant la panne',
          'Pendant la panne',
          'Après la reconnexion',
        ]);
      },
      30_000,
      300,
    );

    socket.close();
    reader.destroy();
    await app.close();
    await db.close();
    await database.stop();
  }, 120_000);
});
