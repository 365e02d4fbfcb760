import { afterEach, describe, expect, it } from 'vitest';
import {
  LIMITS,
  boardDocName,
  moderationDocName,
  moderationMap,
  newId,
  readBoard,
  readMeta,
} from '@cocon/shared';
import { createTestDatabase, startInstance, type Fixtures, type TestServer } from './helpers/testServer.js';
import {
  emit,
  emitOk,
  joinAsGuest,
  login,
  socketClient,
  yjsClient,
  type AppClientSocket,
} from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import type { Database } from '../src/db/mongo.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Facilitation at the room's scale (issue 13 item 5), on two instances sharing one database and Redis. */
describe('facilitation at scale, on two instances', () => {
  let db: Database;
  let fixtures: Fixtures;
  const servers: TestServer[] = [];
  const sockets: AppClientSocket[] = [];
  const closers: (() => void)[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const c of closers.splice(0)) c();
    for (const s of servers.splice(0)) await s.close().catch(() => undefined);
    await db?.db.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  const twoInstances = async (): Promise<[TestServer, TestServer]> => {
    ({ db, fixtures } = await createTestDatabase());
    const prefix = `cocon-test:${newId(8)}:`;
    for (let i = 0; i < 2; i++)
      servers.push(await startInstance(db, fixtures, { redis: { url: REDIS_URL, prefix } }));
    return [servers[0]!, servers[1]!];
  };
  const connect = async (server: TestServer, identity: Parameters<typeof socketClient>[1]) => {
    const socket = await socketClient(server, identity);
    sockets.push(socket);
    return socket;
  };
  const post = async (socket: AppClientSocket, boardId: string, text: string) => {
    const ideaId = newId();
    await emitOk(socket, 'idea:post', { boardId, ideaId, text, anonymous: false });
    return ideaId;
  };

  it('hides several ideas with one reason in one transaction, validated and for facilitators only', async () => {
    const [a] = await twoInstances();
    const boardId = fixtures.boardId;
    const ana = await connect(a, await joinAsGuest(a, fixtures.joinCode, 'Ana'));
    const fac = await connect(a, await login(a, fixtures.facilitatorEmail));
    const ids: string[] = [];
    for (const text of ['Une', 'Deux', 'Trois']) ids.push(await post(ana, boardId, text));

    // Validation: at least one id, at most LIMITS.bulkIdeasMax, a reason.
    const tooMany = Array.from({ length: LIMITS.bulkIdeasMax + 1 }, () => newId());
    for (const payload of [
      { boardId, ideaIds: [], reason: 'Hors sujet' },
      { boardId, ideaIds: tooMany, reason: 'Hors sujet' },
      { boardId, ideaIds: ids, reason: '  ' },
    ]) {
      const ack = await emit(fac, 'ideas:hide', payload);
      expect(ack.ok ? null : ack.error.code).toBe('invalid');
    }
    // Authorization: a guest cannot, whatever they send.
    const refused = await emit(ana, 'ideas:hide', { boardId, ideaIds: ids, reason: 'Hors sujet' });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    const moved = await emit(ana, 'ideas:group', { boardId, ideaIds: ids, groupId: null });
    expect(moved.ok ? null : moved.error.code).toBe('forbidden');

    // One transaction: the board document changes once (one update to every participant) and so
    // does the moderation document, for the two ideas.
    const reader = yjsClient(a, boardDocName(boardId), await joinAsGuest(a, fixtures.joinCode, 'Bea'));
    closers.push(() => reader.destroy());
    await reader.synced();
    const docs = await Promise.all(
      [boardDocName(boardId), moderationDocName(boardId)].map((n) => a.app.collab.acquire(n)),
    );
    const updates = [0, 0];
    const counters = docs.map((held, i) => {
      const count = () => (updates[i] = updates[i]! + 1);
      held.doc.on('update', count);
      return () => held.doc.off('update', count);
    });
    const result = await emitOk(fac, 'ideas:hide', {
      boardId,
      ideaIds: [ids[0]!, ids[1]!, ids[1]!, newId()],
      reason: 'Hors sujet',
    });
    for (const stop of counters) stop();
    for (const held of docs) a.app.collab.release(held);
    expect(updates).toEqual([1, 1]);
    expect(result.hidden.sort()).toEqual([ids[0]!, ids[1]!].sort());
    await eventually(() => {
      const hidden = readBoard(reader.doc, null).ideas.filter((i) => i.hidden);
      expect(hidden.map((i) => i.id).sort()).toEqual([ids[0]!, ids[1]!].sort());
    });
    const reasons = await a.app.collab.withDocument(moderationDocName(boardId), (m) =>
      [ids[0]!, ids[1]!].map((id) => moderationMap(m.doc).get(id)?.reason),
    );
    expect(reasons).toEqual(['Hors sujet', 'Hors sujet']);
    // The author learns why.
    const mine = await emitOk(ana, 'board:mine', { boardId });
    expect(mine.hidden.map((h) => h.reason)).toEqual(['Hors sujet', 'Hors sujet']);
    const audit = await db.audit.findOne({ action: 'ideas:hide', targetId: boardId });
    expect(audit?.details.reason).toBe('Hors sujet');
  });

  it('moves several ideas into a cluster in one transaction', async () => {
    const [a] = await twoInstances();
    const boardId = fixtures.boardId;
    const fac = await connect(a, await login(a, fixtures.facilitatorEmail));
    const ids = [await post(fac, boardId, 'Une'), await post(fac, boardId, 'Deux')];
    const groupId = newId();
    await emitOk(fac, 'group:create', { boardId, groupId, name: 'Transport' });
    const missing = await emit(fac, 'ideas:group', { boardId, ideaIds: ids, groupId: newId() });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    const doc = await a.app.collab.acquire(boardDocName(boardId));
    let updates = 0;
    const count = () => (updates += 1);
    doc.doc.on('update', count);
    expect((await emitOk(fac, 'ideas:group', { boardId, ideaIds: ids, groupId })).grouped).toEqual(ids);
    doc.doc.off('update', count);
    a.app.collab.release(doc);
    expect(updates).toBe(1);
    const view = await a.app.collab.withDocument(boardDocName(boardId), (m) => readBoard(m.doc, null));
    expect(view.ideas.filter((i) => ids.includes(i.id)).map((i) => i.groupId)).toEqual([groupId, groupId]);
  });

  it('holds the posting pace for a person across their connections on both instances', async () => {
    const [a, b] = await twoInstances();
    const boardId = fixtures.boardId;
    const fac = await connect(a, await login(a, fixtures.facilitatorEmail));
    const cleo = await joinAsGuest(a, fixtures.joinCode, 'Cléo');
    const onA = await connect(a, cleo);
    const onB = await connect(b, cleo);
    const dan = await connect(b, await joinAsGuest(b, fixtures.joinCode, 'Dan'));
    await emitOk(fac, 'board:settings', { boardId, postingPaceSeconds: 30 });
    // The setting reaches the other instance's copy of the board through Redis.
    await eventually(async () =>
      expect(
        await b.app.collab.withDocument(boardDocName(boardId), (m) => readMeta(m.doc).postingPaceSeconds),
      ).toBe(30),
    );

    const first = await post(onA, boardId, 'Première');
    // The same person through the other instance, and through a second connection: refused, with the wait.
    for (const socket of [onB, onA]) {
      const ack = await emit(socket, 'idea:post', {
        boardId,
        ideaId: newId(),
        text: 'Trop vite',
        anonymous: false,
      });
      expect(ack.ok).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe('rate_limited');
        expect(ack.error.retryAfterMs).toBeGreaterThan(25_000);
        expect(ack.error.retryAfterMs).toBeLessThanOrEqual(30_000);
      }
    }
    // Two at once on both instances: at most one passes (none here, the first holds the slot).
    // A retry of the post already accepted (the outbox replaying it) is answered as before.
    expect(
      (await emitOk(onB, 'idea:post', { boardId, ideaId: first, text: 'Première', anonymous: false })).ideaId,
    ).toBe(first);
    // Someone else is not slowed; facilitators are never paced.
    await post(dan, boardId, 'Autre personne');
    await post(fac, boardId, 'Animation');
    await post(fac, boardId, 'Animation encore');
    // Posts refused for another reason do not spend the pace.
    const eve = await joinAsGuest(a, fixtures.joinCode, 'Ève');
    const eveA = await connect(a, eve);
    const eveB = await connect(b, eve);
    await emitOk(fac, 'board:settings', { boardId, locked: true });
    const locked = await emit(eveA, 'idea:post', {
      boardId,
      ideaId: newId(),
      text: 'Verrouillé',
      anonymous: false,
    });
    expect(locked.ok ? null : locked.error.code).toBe('board_locked');
    await emitOk(fac, 'board:settings', { boardId, locked: false });
    const [x, y] = await Promise.all(
      [eveA, eveB].map((s) =>
        emit(s, 'idea:post', { boardId, ideaId: newId(), text: 'Ensemble', anonymous: false }),
      ),
    );
    expect([x!.ok, y!.ok].filter(Boolean)).toHaveLength(1);
    // Pace off: posting flows again.
    await emitOk(fac, 'board:settings', { boardId, postingPaceSeconds: 0 });
    await post(onB, boardId, 'Deuxième');
  });

  it('removes a participant: their connections end on both instances within a second and they cannot rejoin', async () => {
    const [a, b] = await twoInstances();
    const boardId = fixtures.boardId;
    await a.app.collab.withDocument(boardDocName(boardId), () => undefined);
    const join = async (cookies: string[]) => {
      const res = await fetch(`${a.url}/api/forums/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies.join('; ') },
        body: JSON.stringify({ code: fixtures.joinCode, displayName: 'Troll' }),
      });
      const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
      const body = (await res.json()) as {
        session?: { csrfToken: string; user: { id: string } };
        error?: { code: string };
      };
      return {
        status: res.status,
        body,
        device: set.find((c) => c.startsWith('cocon_device=')) ?? cookies[0]!,
        identity: body.session
          ? {
              cookie: set.find((c) => c.startsWith('cocon_session='))!,
              csrfToken: body.session.csrfToken,
              userId: body.session.user.id,
            }
          : null,
      };
    };
    const troll = await join([]);
    expect(troll.status).toBe(200);
    const fac = await connect(a, await login(a, fixtures.facilitatorEmail));
    const ana = await connect(b, await joinAsGuest(b, fixtures.joinCode, 'Ana'));
    const closed: string[] = [];
    for (const [i, server] of [a, b].entries()) {
      const socket = await connect(server, troll.identity!);
      socket.io.reconnection(false);
      socket.on('disconnect', () => closed.push(`${i}:socket`));
      const board = yjsClient(server, boardDocName(boardId), troll.identity!);
      closers.push(() => board.destroy());
      await board.synced();
      board.provider.on('connection-close', () => closed.push(`${i}:yjs`));
    }
    const spam = await post(sockets[sockets.length - 1]!, boardId, 'Pourriel');
    const anaIdea = await post(ana, boardId, 'Une vraie idée');

    // Guests cannot remove anyone.
    const refused = await emit(ana, 'participant:remove', { boardId, ideaId: spam });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    expect(closed).toEqual([]);

    // Every connection on both instances ends (how fast is the cluster's announcement: not timed here).
    expect((await emitOk(fac, 'participant:remove', { boardId, ideaId: spam })).sessionsEnded).toBe(1);
    await eventually(() => expect(closed.sort()).toEqual(['0:socket', '0:yjs', '1:socket', '1:yjs']));

    // The old session is refused everywhere; the same device is refused when it rejoins.
    for (const server of [a, b]) {
      const res = await fetch(`${server.url}/api/session`, { headers: { cookie: troll.identity!.cookie } });
      const info = (await res.json()) as { user: unknown };
      expect(info.user ?? null).toBeNull();
    }
    const again = await join([troll.device]);
    expect(again.status).toBe(403);
    expect(again.body.error?.code).toBe('removed_from_forum');
    // Ana is untouched, and the removal is in the audit log.
    expect(ana.connected).toBe(true);
    await emitOk(ana, 'idea:edit', { boardId, ideaId: anaIdea, text: 'Une vraie idée, précisée' });
    const audit = await db.audit.findOne({ action: 'participant:remove' });
    expect(audit?.details).toMatchObject({ boardId, ideaId: spam, sessionsEnded: 1 });
  });
});
