import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocName, boardMaps, readBoard } from '@cocon/shared';
import { MongoDocumentStore } from '../src/collab/documentStore.js';
import type { Database } from '../src/db/mongo.js';
import { createTestDatabase, startInstance, type TestServer } from './helpers/testServer.js';
import { joinAsGuest, yjsClient } from './helpers/clients.js';
import { oldBoard } from './helpers/oldBoard.js';

const oldShapeIdeas = (doc: Y.Doc) =>
  [...boardMaps(doc).ideas.values()].filter((v) => v instanceof Y.Map).length;

describe('a board stored in the old schema', () => {
  let db: Database;
  const instances: TestServer[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    cleanups.splice(0).forEach((fn) => fn());
    for (const instance of instances.splice(0)) await instance.close().catch(() => undefined);
    await db.db.dropDatabase().catch(() => undefined);
    await db.close();
  });

  it('is converted when the server loads it, and participants see the same board', async () => {
    const created = await createTestDatabase();
    db = created.db;
    const { fixtures } = created;
    const docName = boardDocName(fixtures.boardId);
    // Written by an earlier version: ideas as Y.Maps with their parts nested.
    const old = oldBoard();
    const expected = readBoard(old, null);
    await new MongoDocumentStore(db).appendUpdate(docName, 1, Y.encodeStateAsUpdate(old));

    const server = await startInstance(db, fixtures);
    instances.push(server);
    const guest = await joinAsGuest(server, fixtures.joinCode, 'Ana');
    const client = yjsClient(server, docName, guest);
    cleanups.push(client.destroy);
    await client.synced();
    expect(oldShapeIdeas(client.doc)).toBe(0);
    expect(readBoard(client.doc, null)).toEqual(expected);

    await server.close();
    instances.splice(0);

    // Stored converted: another start finds nothing to convert and shows the same board.
    const stored = new Y.Doc();
    const again = await startInstance(db, fixtures);
    instances.push(again);
    await again.app.collab.withDocument(docName, (managed) => {
      Y.applyUpdate(stored, Y.encodeStateAsUpdate(managed.doc));
    });
    expect(oldShapeIdeas(stored)).toBe(0);
    expect(readBoard(stored, null)).toEqual(expected);
    const reread = await again.app.collab.readStored(docName);
    expect(oldShapeIdeas(reread)).toBe(0);
    expect(readBoard(reread, null)).toEqual(expected);
  });
});
