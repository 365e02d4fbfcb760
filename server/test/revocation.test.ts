import type { App } from '../src/app.js';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardDocName,
  newId,
  proposalFieldsDocName,
  proposalMaps,
  proposalTextDocName,
  type ProposalDetail,
} from '@cocon/shared';
import { createTestDatabase, startInstance, type Fixtures, type TestServer } from './helpers/testServer.js';
import { api, login, socketClient, yjsClient } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import type { Database } from '../src/db/mongo.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Access changes reach the live connections of every instance (issue 12, item 2). */
describe('a change of access, on two instances', () => {
  let db: Database;
  let fixtures: Fixtures;
  const apps: App[] = [];

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    await db?.db.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  const twoInstances = async (): Promise<[TestServer, TestServer]> => {
    ({ db, fixtures } = await createTestDatabase());
    const prefix = `cocon-test:${newId(8)}:`;
    const start = async () => {
      const server = await startInstance(db, fixtures, { redis: { url: REDIS_URL, prefix } });
      apps.push(server.app);
      return server;
    };
    const a = await start();
    await a.app.collab.withDocument(boardDocName(fixtures.boardId), () => undefined);
    return [a, await start()];
  };

  it('a logout on one instance ends the session’s socket.io and /yjs connections on both', async () => {
    const [a, b] = await twoInstances();
    const member = await login(a, fixtures.memberEmail);
    const closed: string[] = [];
    const sides = await Promise.all(
      [a, b].map(async (server, i) => {
        const socket = await socketClient(server, member);
        socket.io.reconnection(false);
        socket.on('disconnect', () => closed.push(`${i}:socket`));
        const board = yjsClient(server, boardDocName(fixtures.boardId), member);
        await board.synced();
        board.provider.on('connection-close', () => closed.push(`${i}:yjs`));
        return { socket, board };
      }),
    );
    expect((await api(a, member, 'POST', '/auth/logout')).status).toBe(204);
    await eventually(() => expect(closed.sort()).toEqual(['0:socket', '0:yjs', '1:socket', '1:yjs']), 1_000);
    for (const side of sides) {
      side.board.destroy();
      side.socket.disconnect();
    }
  });

  it('replacing a share link cuts the readers of the old one on every instance', async () => {
    const [a, b] = await twoInstances();
    const marc = await login(a, fixtures.memberEmail);
    const proposal = (
      await api<ProposalDetail>(a, marc, 'POST', '/proposals', {
        communityId: fixtures.communityId,
        title: 'Partagée',
        theme: 'LOGEMENT',
      })
    ).body;
    const first = (await api<{ shareToken: string }>(a, marc, 'POST', `/proposals/${proposal.id}/share`))
      .body;
    // A reader with the link, no account, connected to the other instance.
    const doc = new Y.Doc();
    const { WebsocketProvider } = await import('y-websocket');
    const WS = (await import('ws')).default;
    const reader = new WebsocketProvider(`${b.wsUrl}/yjs`, proposalTextDocName(proposal.id), doc, {
      WebSocketPolyfill: WS as unknown as typeof globalThis.WebSocket,
      params: { share: first.shareToken },
      disableBc: true,
      connect: true,
    });
    await eventually(() => expect(reader.synced).toBe(true));
    let closes = 0;
    reader.on('connection-close', () => (closes += 1));
    reader.shouldConnect = false;

    await api(a, marc, 'POST', `/proposals/${proposal.id}/share`);
    await eventually(() => expect(closes).toBeGreaterThan(0), 1_000);
    reader.destroy();
    doc.destroy();
  });

  it('adoption on one instance turns a writer connected to the other read-only', async () => {
    const [a, b] = await twoInstances();
    const marc = await login(a, fixtures.memberEmail);
    const fac = await login(a, fixtures.facilitatorEmail);
    const proposal = (
      await api<ProposalDetail>(a, marc, 'POST', '/proposals', {
        communityId: fixtures.communityId,
        title: 'Adoptée',
        theme: 'LOGEMENT',
      })
    ).body;
    const writer = yjsClient(b, proposalFieldsDocName(proposal.id), marc);
    await writer.synced();
    expect(
      (await api(a, marc, 'POST', `/proposals/${proposal.id}/transition`, { action: 'submit' })).status,
    ).toBe(200);
    expect(
      (await api(a, fac, 'POST', `/proposals/${proposal.id}/transition`, { action: 'adopt' })).status,
    ).toBe(200);

    // The writer keeps typing; instance B soon drops what they send.
    const title = proposalMaps(writer.doc).fields.get('title') as Y.Text;
    await eventually(async () => {
      const dropped = b.app.yjs.stats.droppedReadOnlyUpdates;
      title.insert(0, 'x');
      await eventually(() => expect(b.app.yjs.stats.droppedReadOnlyUpdates).toBeGreaterThan(dropped), 300);
    }, 2_000);
    writer.destroy();
  });
});
