import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardDocName, guestNameKey, newId, readBoard, type JoinResult } from '@cocon/shared';
import { connectDatabase, type Database } from '../src/db/mongo.js';
import { createTestServer, startInstance, TEST_MONGODB_URL, type TestServer } from './helpers/testServer.js';
import { emitOk, login, socketClient, yjsClient, type Identity } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';

interface Joined {
  status: number;
  result: JoinResult;
  identity: Identity;
  /** The device cookie (`cocon_device=…`): send it again to rejoin as the same guest. */
  device: string;
}

/** Joins the fixture forum with `displayName`, from `device` (a new device when omitted). */
async function join(server: TestServer, displayName: string, device?: string): Promise<Joined> {
  const res = await fetch(`${server.url}/api/forums/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(device ? { cookie: device } : {}) },
    body: JSON.stringify({ code: server.fixtures.joinCode, displayName }),
  });
  const result = (await res.json()) as JoinResult;
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return {
    status: res.status,
    result,
    identity: {
      cookie: set.find((c) => c.startsWith('cocon_session=')) ?? '',
      csrfToken: result.session?.csrfToken ?? '',
      userId: result.session?.user?.id ?? '',
    },
    device: device ?? set.find((c) => c.startsWith('cocon_device='))!,
  };
}

const shown = (joined: Joined) => joined.result.session.user?.displayName;

describe('guests with one name in a forum (issue 12 item 8)', () => {
  let server: TestServer;
  const cleanups: (() => unknown)[] = [];
  beforeEach(async () => {
    server = await createTestServer();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await server.close();
  });

  it('gives the second person to choose "Marie" (case and accents aside) a number, tells them, and shows it on their ideas', async () => {
    const first = await join(server, 'Marie');
    const second = await join(server, 'marie');
    const third = await join(server, ' MARIÉ ');
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect([shown(first), shown(second), shown(third)]).toEqual(['Marie', 'marie (2)', 'MARIÉ (3)']);
    expect([first.result.nameChange, second.result.nameChange, third.result.nameChange]).toEqual([
      null,
      'taken',
      'taken',
    ]);
    expect(new Set([first, second, third].map((j) => j.identity.userId)).size).toBe(3);

    // Everyone, the facilitator included, reads two authors on the board.
    const { boardId } = server.fixtures;
    for (const [guest, text] of [
      [first, 'Des jardins collectifs'],
      [second, 'Une navette rurale'],
    ] as const) {
      const socket = await socketClient(server, guest.identity);
      cleanups.push(() => socket.close());
      await emitOk(socket, 'board:join', { boardId });
      await emitOk(socket, 'idea:post', { boardId, ideaId: newId(), text, anonymous: false });
    }
    const facilitator = yjsClient(
      server,
      boardDocName(boardId),
      await login(server, server.fixtures.facilitatorEmail),
    );
    cleanups.push(facilitator.destroy);
    await eventually(() =>
      expect(readBoard(facilitator.doc, null).ideas.map((i) => [i.text, i.authorName])).toEqual([
        ['Des jardins collectifs', 'Marie'],
        ['Une navette rurale', 'marie (2)'],
      ]),
    );
  });

  it('gives a guest back their name when their device rejoins, whatever case they type', async () => {
    const first = await join(server, 'Marie');
    const second = await join(server, 'Marie');
    expect(shown(second)).toBe('Marie (2)');

    const again = await join(server, 'Marie', second.device);
    expect(again.identity.userId).toBe(second.identity.userId);
    expect(shown(again)).toBe('Marie (2)');
    expect(again.result.nameChange).toBe('restored');

    const lower = await join(server, 'marie', second.device);
    expect(shown(lower)).toBe('Marie (2)');
    const firstAgain = await join(server, 'MARIE', first.device);
    expect(shown(firstAgain)).toBe('Marie');
    expect(firstAgain.result.nameChange).toBe('restored');
    expect((await join(server, 'Marie', first.device)).result.nameChange).toBeNull();

    // A new name from the same device is theirs too, and frees nothing: "Marie" stays taken.
    expect(shown(await join(server, 'Léa', first.device))).toBe('Léa');
    expect(shown(await join(server, 'Marie'))).toBe('Marie (3)');
  });

  it('never gives one name to two guests who join at the same moment, on two instances with their own connections', async () => {
    // A second instance with its own database client, as another server process would have.
    const otherDb: Database = await connectDatabase(TEST_MONGODB_URL, server.db.db.databaseName);
    const other = await startInstance(otherDb, server.fixtures);
    cleanups.push(
      () => other.close(),
      () => otherDb.close(),
    );
    const spellings = ['Zoé', 'zoe', 'ZOÉ', 'Zoe', ' zoé'];
    const joins = await Promise.all(
      Array.from({ length: 16 }, (_, i) => join(i % 2 ? other : server, spellings[i % spellings.length]!)),
    );
    expect(joins.map((j) => j.status)).toEqual(joins.map(() => 200));
    const names = joins.map((j) => shown(j)!);
    expect(new Set(names.map(guestNameKey)).size).toBe(16);
    expect(names.filter((n) => guestNameKey(n) === 'zoe')).toHaveLength(1);
    expect(joins.filter((j) => j.result.nameChange === 'taken')).toHaveLength(15);

    // One device tapping "join" twice at once is one guest with one name.
    const tapper = await join(server, 'Noé');
    const [a, b] = await Promise.all([
      join(server, 'Alix', tapper.device),
      join(other, 'alix', tapper.device),
    ]);
    expect(shown(a)).toBe(shown(b));
    expect(shown(a)).toMatch(/^alix$/i);
    expect(await server.db.guestNames.countDocuments({ askedKey: 'alix' })).toBe(1);
  });

  it('refuses a name with nothing visible in it', async () => {
    const res = await join(server, '\u200B \u202E');
    expect(res.status).toBe(400);
  });
});
