import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocName, newId, readBoard } from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import { emitOk, joinAsGuest, socketClient, yjsClient } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';

describe('live idea boards over y-websocket', () => {
  let server: TestServer;
  const cleanups: (() => void)[] = [];
  beforeEach(async () => {
    server = await createTestServer();
  });
  afterEach(async () => {
    cleanups.splice(0).forEach((fn) => fn());
    await server.close();
  });

  const ideaTexts = (doc: Y.Doc) => readBoard(doc, null).ideas.map((i) => i.text);

  it('shows each participant the ideas the other posts', async () => {
    const { boardId, joinCode } = server.fixtures;
    const ana = await joinAsGuest(server, joinCode, 'Ana');
    const ben = await joinAsGuest(server, joinCode, 'Ben');
    const anaDoc = yjsClient(server, boardDocName(boardId), ana);
    const benDoc = yjsClient(server, boardDocName(boardId), ben);
    const anaSocket = await socketClient(server, ana);
    const benSocket = await socketClient(server, ben);
    cleanups.push(
      anaDoc.destroy,
      benDoc.destroy,
      () => anaSocket.close(),
      () => benSocket.close(),
    );
    await Promise.all([anaDoc.synced(), benDoc.synced()]);

    await emitOk(anaSocket, 'idea:post', {
      boardId,
      ideaId: newId(),
      text: 'Des jardins collectifs',
      anonymous: false,
    });
    await eventually(() => expect(ideaTexts(benDoc.doc)).toEqual(['Des jardins collectifs']));
    await emitOk(benSocket, 'idea:post', {
      boardId,
      ideaId: newId(),
      text: 'Une navette rurale',
      anonymous: false,
    });
    await eventually(() =>
      expect(ideaTexts(anaDoc.doc)).toEqual(['Des jardins collectifs', 'Une navette rurale']),
    );
    expect(readBoard(benDoc.doc, null).ideas[0]?.authorName).toBe('Ana');
  });

  it('serves after a restart everything written before it', async () => {
    const { boardId, joinCode } = server.fixtures;
    const ana = await joinAsGuest(server, joinCode, 'Ana');
    const socket = await socketClient(server, ana);
    for (let i = 0; i < 20; i++) {
      await emitOk(socket, 'idea:post', { boardId, ideaId: newId(), text: `Idée ${i}`, anonymous: false });
    }
    socket.close();
    await server.restart();

    const reader = yjsClient(server, boardDocName(boardId), ana);
    cleanups.push(reader.destroy);
    await reader.synced();
    await eventually(() => expect(ideaTexts(reader.doc)).toHaveLength(20));
    expect(ideaTexts(reader.doc)[19]).toBe('Idée 19');
  });

  it('does not apply an update sent by a reader, and keeps the reader connected', async () => {
    const { boardId, joinCode } = server.fixtures;
    const ana = await joinAsGuest(server, joinCode, 'Ana');
    const ben = await joinAsGuest(server, joinCode, 'Ben');
    const forger = yjsClient(server, boardDocName(boardId), ana);
    const witness = yjsClient(server, boardDocName(boardId), ben);
    cleanups.push(forger.destroy, witness.destroy);
    await Promise.all([forger.synced(), witness.synced()]);

    // A hand-made write into the read-only board document.
    const forged = new Y.Map<unknown>();
    forged.set('id', 'forged-idea');
    forged.set('text', 'Je modifie le tableau directement');
    forger.doc.getMap('ideas').set('forged-idea', forged);

    await eventually(() => expect(server.app.yjs.stats.droppedReadOnlyUpdates).toBeGreaterThan(0));
    // The server's copy and the other participant never see it.
    const serverIdeas = await server.app.collab.withDocument(
      boardDocName(boardId),
      (m) => m.doc.getMap('ideas').size,
    );
    expect(serverIdeas).toBe(0);
    expect(witness.doc.getMap('ideas').size).toBe(0);
    expect(forger.provider.wsconnected).toBe(true);
  });
});
