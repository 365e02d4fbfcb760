import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  LIMITS,
  boardDocName,
  moderationDocName,
  newId,
  proposalTextDocName,
  readBoard,
} from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
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

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)));
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
}

describe('the /yjs WebSocket endpoint', () => {
  let server: TestServer;
  let guest: Identity;
  beforeEach(async () => {
    server = await createTestServer();
    guest = await joinAsGuest(server, server.fixtures.joinCode, 'Ana');
  });
  afterEach(async () => {
    await server.close();
  });

  it('refuses an upgrade without a session before upgrading (401)', async () => {
    expect(await upgradeStatus(rawYjsSocket(server, boardDocName(server.fixtures.boardId), null))).toBe(401);
  });

  it('refuses a forged session cookie (401)', async () => {
    const forged = { ...guest, cookie: 'cocon_session=not-a-real-token' };
    expect(await upgradeStatus(rawYjsSocket(server, boardDocName(server.fixtures.boardId), forged))).toBe(
      401,
    );
  });

  it('refuses a session at once after its logout, though it was cached', async () => {
    const docName = boardDocName(server.fixtures.boardId);
    expect(await upgradeStatus(rawYjsSocket(server, docName, guest))).toBe(101);
    const logout = await api(server, guest, 'POST', '/auth/logout');
    expect(logout.status).toBe(204);
    expect(await upgradeStatus(rawYjsSocket(server, docName, guest))).toBe(401);
  });

  it("refuses a guest on another forum's board (403)", async () => {
    expect(await upgradeStatus(rawYjsSocket(server, boardDocName(server.fixtures.otherBoardId), guest))).toBe(
      403,
    );
  });

  it('refuses the moderation document to participants and opens it to facilitators', async () => {
    const name = moderationDocName(server.fixtures.boardId);
    expect(await upgradeStatus(rawYjsSocket(server, name, guest))).toBe(403);
    const facilitator = await login(server, server.fixtures.facilitatorEmail);
    expect(await upgradeStatus(rawYjsSocket(server, name, facilitator))).toBe(101);
  });

  it('refuses unknown document names (404) and cross-site origins (403)', async () => {
    expect(await upgradeStatus(rawYjsSocket(server, 'proposal:../../etc', guest))).toBe(404);
    const crossSite = new WebSocket(`${server.wsUrl}/yjs/${boardDocName(server.fixtures.boardId)}`, {
      headers: { cookie: guest.cookie },
      origin: 'https://evil.example',
    });
    expect(await upgradeStatus(crossSite)).toBe(403);
  });

  it('spares a few sync requests per connection, then closes one that floods them (issue 12 item 1)', async () => {
    const { boardId } = server.fixtures;
    const ws = rawYjsSocket(server, boardDocName(boardId), guest);
    // Listening before the socket opens: the greeting can come in the same packet as the upgrade.
    let answers = 0;
    ws.on('message', () => (answers += 1));
    const closed = closeCode(ws);
    await opened(ws);
    // The server greets first (its own sync request): the document is loaded.
    await eventually(() => expect(answers).toBeGreaterThan(0));
    answers = 0;
    const stepOne = () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
      return encoding.toUint8Array(encoder);
    };
    // Fewer than the connection's message budget: only the cost of sync requests is counted here.
    for (let i = 0; i < 100; i += 1) ws.send(stepOne());
    expect(await closed).toBe(CLOSE_CODES.rateLimited);
    // At most the four spared answers: the other 96 requests cost nothing.
    expect(answers).toBeLessThanOrEqual(4);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('limits a person’s new connections across all of them, so reconnecting in a loop buys nothing', async () => {
    const name = boardDocName(server.fixtures.boardId);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => upgradeStatus(rawYjsSocket(server, name, guest))),
    );
    const accepted = statuses.filter((s) => s === 101).length;
    expect(accepted).toBeGreaterThanOrEqual(30);
    expect(accepted).toBeLessThanOrEqual(32);
    expect(statuses.filter((s) => s === 429).length).toBe(40 - accepted);
    // Someone else is not held back.
    const other = await joinAsGuest(server, server.fixtures.joinCode, 'Béa');
    expect(await upgradeStatus(rawYjsSocket(server, name, other))).toBe(101);
  });

  it('closes only the connection that sends a malformed message', async () => {
    const { boardId } = server.fixtures;
    const bystander = yjsClient(server, boardDocName(boardId), guest);
    await bystander.synced();
    const attacker = rawYjsSocket(server, boardDocName(boardId), guest);
    await opened(attacker);
    const closed = closeCode(attacker);
    // A sync "update" whose payload is garbage.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02, 0x03]));
    attacker.send(encoding.toUint8Array(encoder));
    expect(await closed).toBe(CLOSE_CODES.malformed);

    // Same for a message type that does not exist, and for truncated bytes.
    for (const bytes of [[42, 1, 2], [0], [1, 0x80]]) {
      const ws = rawYjsSocket(server, boardDocName(boardId), guest);
      await opened(ws);
      const code = closeCode(ws);
      ws.send(new Uint8Array(bytes));
      expect(await code).toBe(CLOSE_CODES.malformed);
    }

    // The server and the other connection carry on.
    const socket = await socketClient(server, guest);
    await emitOk(socket, 'idea:post', { boardId, ideaId: newId(), text: 'Toujours là', anonymous: false });
    await eventually(() =>
      expect(readBoard(bystander.doc, null).ideas.map((i) => i.text)).toEqual(['Toujours là']),
    );
    expect(bystander.provider.wsconnected).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    socket.close();
    bystander.destroy();
  });

  /** A proposal's text document, where awareness is used (who edits where), and two of its writers. */
  const proposalWithWriters = async () => {
    const marc = await login(server, server.fixtures.memberEmail);
    const mia = await login(server, 'mem2@test.qc');
    const created = await api<{ id: string }>(server, marc, 'POST', '/proposals', {
      communityId: server.fixtures.communityId,
      title: 'Présence',
      theme: 'LOGEMENT',
    });
    return { name: proposalTextDocName(created.body.id), marc, mia };
  };
  const awarenessMessage = (clientId: number, state: object) => {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]));
    return encoding.toUint8Array(encoder);
  };

  it('holds each connection to one awareness client, under the name of its session', async () => {
    const { name, marc, mia } = await proposalWithWriters();
    const observer = yjsClient(server, name, mia);
    await observer.synced();
    const ws = rawYjsSocket(server, name, marc);
    await opened(ws);
    ws.send(awarenessMessage(1001, { user: { name: 'Fanny Animatrice', color: '#123456' } }));
    ws.send(awarenessMessage(2002, { user: { name: 'client 2002' } }));
    await eventually(() => expect(server.app.yjs.stats.droppedForeignAwareness).toBeGreaterThan(0));
    // Marc cannot pass himself off as the facilitator: he appears as himself.
    await eventually(() =>
      expect(observer.provider.awareness.getStates().get(1001)).toMatchObject({
        user: { name: 'Marc Membre', color: '#123456' },
      }),
    );
    expect(observer.provider.awareness.getStates().has(2002)).toBe(false);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
    observer.destroy();
  });

  it('keeps stock providers connected while they echo each other’s awareness', async () => {
    const { name, marc, mia } = await proposalWithWriters();
    const a = yjsClient(server, name, marc);
    const b = yjsClient(server, name, mia);
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    b.provider.awareness.setLocalStateField('user', { name: 'B' });
    await eventually(() => {
      expect(a.provider.awareness.getStates().get(b.doc.clientID)).toMatchObject({
        user: { name: 'Mia Membre' },
      });
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({
        user: { name: 'Marc Membre' },
      });
    });
    expect(server.app.yjs.stats.closedMalformed).toBe(0);
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    a.destroy();
    b.destroy();
  });

  it('drops awareness on boards, where nobody uses it, instead of relaying it to every reader', async () => {
    const name = boardDocName(server.fixtures.boardId);
    const observer = yjsClient(server, name, guest);
    await observer.synced();
    const ws = rawYjsSocket(server, name, guest);
    await opened(ws);
    for (let i = 0; i < 20; i += 1) ws.send(awarenessMessage(3003, { user: { name: 'x'.repeat(3000) }, i }));
    await eventually(() => expect(server.app.yjs.stats.droppedUnusedAwareness).toBeGreaterThanOrEqual(20));
    expect(observer.provider.awareness.getStates().has(3003)).toBe(false);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
    observer.destroy();
  });

  it('closes a connection whose frame passes the size bound', async () => {
    const ws = rawYjsSocket(server, boardDocName(server.fixtures.boardId), guest);
    await opened(ws);
    const closed = closeCode(ws);
    ws.send(new Uint8Array(LIMITS.yjsMessageMaxBytes + 1));
    expect(await closed).toBe(1009);
  });

  it('closes a connection that floods messages', async () => {
    const ws = rawYjsSocket(server, boardDocName(server.fixtures.boardId), guest);
    await opened(ws);
    const closed = closeCode(ws);
    const queryAwareness = new Uint8Array([3]);
    for (let i = 0; i < 1_000; i++) ws.send(queryAwareness);
    expect(await closed).toBe(CLOSE_CODES.rateLimited);
  });
});
