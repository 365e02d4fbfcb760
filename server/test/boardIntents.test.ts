import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardDocName, moderationDocName, moderationMap, newId, readBoard } from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import { emit, emitOk, joinAsGuest, login, socketClient, type AppClientSocket } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';

/** Hand-crafted clients: every rule holds on the server, whatever the client sends. */
describe('board intents from hand-crafted clients', () => {
  let server: TestServer;
  let ana: AppClientSocket;
  let ben: AppClientSocket;
  let fac: AppClientSocket;
  let boardId: string;
  const board = () => server.app.collab.withDocument(boardDocName(boardId), (m) => readBoard(m.doc, null));

  beforeEach(async () => {
    server = await createTestServer();
    boardId = server.fixtures.boardId;
    ana = await socketClient(server, await joinAsGuest(server, server.fixtures.joinCode, 'Ana'));
    ben = await socketClient(server, await joinAsGuest(server, server.fixtures.joinCode, 'Ben'));
    fac = await socketClient(server, await login(server, server.fixtures.facilitatorEmail));
  });
  afterEach(async () => {
    for (const s of [ana, ben, fac]) s.close();
    await server.close();
  });

  const post = async (socket: AppClientSocket, text: string) => {
    const ideaId = newId();
    await emitOk(socket, 'idea:post', { boardId, ideaId, text, anonymous: false });
    return ideaId;
  };

  it('keys people on a board by a pseudonym, and anonymous ideas by keys of their own', async () => {
    const join = await emitOk(ana, 'board:join', { boardId });
    expect(join.userId).toMatch(/^p_/);
    const named = await post(ana, 'Signée');
    const anonymousId = newId();
    await emitOk(fac, 'board:settings', { boardId, allowAnonymous: true });
    await emitOk(ana, 'idea:post', { boardId, ideaId: anonymousId, text: 'Anonyme', anonymous: true });
    const ideas = (await board()).ideas;
    const signed = ideas.find((i) => i.id === named)!;
    const secret = ideas.find((i) => i.id === anonymousId)!;
    expect(signed.authorId).toBe(join.userId);
    expect(secret.authorName).toBeNull();
    expect(secret.authorId).not.toBe(join.userId);
    // The board document holds no account or session id, so nothing links the two.
    const guestId = (await emitOk(ana, 'board:join', { boardId })).userId;
    expect(JSON.stringify(ideas)).not.toContain('g_');
    // The author still owns it: they can edit it, and a new join tells them it is theirs.
    await emitOk(ana, 'idea:edit', { boardId, ideaId: anonymousId, text: 'Anonyme, précisée' });
    expect(await emit(ben, 'idea:edit', { boardId, ideaId: anonymousId, text: 'Non' })).toMatchObject({
      ok: false,
    });
    expect((await emitOk(ana, 'board:join', { boardId })).ownAnonymousIdeaIds).toEqual([anonymousId]);
    expect(guestId).toBe(join.userId);
  });

  it('limits a person, not a connection: more sockets give no more events (issue 12 item 6)', async () => {
    const carl = await joinAsGuest(server, server.fixtures.joinCode, 'Carl');
    const sockets = await Promise.all(Array.from({ length: 5 }, () => socketClient(server, carl)));
    try {
      // 5 x 40 events at once: the person's budget is a burst of 40 (and 10 a second after).
      const acks = await Promise.all(
        sockets.flatMap((socket) =>
          Array.from({ length: 40 }, () =>
            emit(socket, 'idea:post', { boardId, ideaId: newId(), text: 'Encore', anonymous: false }),
          ),
        ),
      );
      const accepted = acks.filter((a) => a.ok).length;
      expect(accepted).toBeGreaterThanOrEqual(40);
      expect(accepted).toBeLessThan(60);
      expect(acks.filter((a) => !a.ok && a.error.code === 'rate_limited').length).toBe(200 - accepted);
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it('gives a guest back their identity when their device rejoins: their pseudonym (so their dots) and own ideas (issue 12 item 8)', async () => {
    /** Joins with the given cookies; answers the session cookie, the device cookie and the identity. */
    const join = async (cookies: string[]) => {
      const res = await fetch(`${server.url}/api/forums/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies.join('; ') },
        body: JSON.stringify({ code: server.fixtures.joinCode, displayName: 'Dora' }),
      });
      expect(res.status).toBe(200);
      const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
      const session = set.find((c) => c.startsWith('cocon_session='))!;
      const device =
        set.find((c) => c.startsWith('cocon_device=')) ?? cookies.find((c) => c.startsWith('cocon_device='))!;
      const body = (await res.json()) as { session: { csrfToken: string; user: { id: string } } };
      return {
        device,
        identity: { cookie: session, csrfToken: body.session.csrfToken, userId: body.session.user.id },
      };
    };
    const first = await join([]);
    const dora = await socketClient(server, first.identity);
    const { userId } = await emitOk(dora, 'board:join', { boardId });
    const ideaId = await post(dora, 'Une idée de Dora');
    dora.close();
    await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: first.identity.cookie, 'x-csrf-token': first.identity.csrfToken },
    });

    // Same device: same pseudonym, and the idea is still hers to edit.
    const again = await join([first.device]);
    expect(again.identity.userId).toBe(first.identity.userId);
    const doraAgain = await socketClient(server, again.identity);
    expect((await emitOk(doraAgain, 'board:join', { boardId })).userId).toBe(userId);
    await emitOk(doraAgain, 'idea:edit', { boardId, ideaId, text: 'Une idée de Dora, précisée' });
    doraAgain.close();

    // Another device with the same name is someone else.
    const other = await join([]);
    expect(other.identity.userId).not.toBe(first.identity.userId);
    const stranger = await socketClient(server, other.identity);
    const refused = await emit(stranger, 'idea:edit', { boardId, ideaId, text: 'Pas à moi' });
    expect(refused.ok).toBe(false);
    stranger.close();
  });

  it('answers board:join with the role on the board', async () => {
    expect((await emitOk(ana, 'board:join', { boardId })).role).toBe('participant');
    expect((await emitOk(fac, 'board:join', { boardId })).role).toBe('facilitator');
    const other = await emit(ana, 'board:join', { boardId: server.fixtures.otherBoardId });
    expect(other.ok).toBe(false);
  });

  it("refuses to edit or delete another participant's idea", async () => {
    const ideaId = await post(ana, 'Idée d’Ana');
    const edit = await emit(ben, 'idea:edit', { boardId, ideaId, text: 'Piraté' });
    const remove = await emit(ben, 'idea:delete', { boardId, ideaId });
    expect(edit).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(remove).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await board()).ideas.map((i) => i.text)).toEqual(['Idée d’Ana']);
    await emitOk(ana, 'idea:edit', { boardId, ideaId, text: 'Idée d’Ana, précisée' });
    expect((await board()).ideas[0]?.text).toBe('Idée d’Ana, précisée');
  });

  it('refuses a reused idea id from someone else, and accepts a retried post once', async () => {
    const ideaId = await post(ana, 'Première');
    const retry = await emit(ana, 'idea:post', { boardId, ideaId, text: 'Première', anonymous: false });
    const stolen = await emit(ben, 'idea:post', { boardId, ideaId, text: 'Autre', anonymous: false });
    expect(retry.ok).toBe(true);
    expect(stolen).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await board()).ideas).toHaveLength(1);
  });

  it('keeps each participant within their dots during the vote phase', async () => {
    const first = await post(ana, 'Une');
    const second = await post(ana, 'Deux');
    expect(await emit(ben, 'idea:vote', { boardId, ideaId: first, delta: 1 })).toMatchObject({
      ok: false,
      error: { code: 'wrong_phase' },
    });
    await emitOk(fac, 'board:settings', { boardId, phase: 'vote', dotsPerParticipant: 3 });
    await emitOk(ben, 'idea:vote', { boardId, ideaId: first, delta: 1 });
    await emitOk(ben, 'idea:vote', { boardId, ideaId: first, delta: 1 });
    expect((await emitOk(ben, 'idea:vote', { boardId, ideaId: second, delta: 1 })).dotsLeft).toBe(0);
    expect(await emit(ben, 'idea:vote', { boardId, ideaId: second, delta: 1 })).toMatchObject({
      ok: false,
      error: { code: 'no_dots_left' },
    });
    // Concurrent extra votes cannot slip past the count either.
    const burst = await Promise.all(
      [1, 2, 3].map(() => emit(ben, 'idea:vote', { boardId, ideaId: first, delta: 1 })),
    );
    expect(burst.every((a) => !a.ok)).toBe(true);
    const votes = (await board()).ideas.map((i) => i.votes);
    expect(votes).toEqual([2, 1]);
    expect(await emit(ben, 'idea:vote', { boardId, ideaId: second, delta: -1 })).toMatchObject({ ok: true });
    expect(await emit(ben, 'idea:vote', { boardId, ideaId: second, delta: -1 })).toMatchObject({ ok: false });
  });

  it('refuses posts, comments and reactions on a locked board, except from facilitators', async () => {
    const ideaId = await post(ana, 'Avant le verrou');
    await emitOk(fac, 'board:settings', { boardId, locked: true });
    for (const ack of [
      await emit(ana, 'idea:post', { boardId, ideaId: newId(), text: 'Après', anonymous: false }),
      await emit(ana, 'comment:add', { boardId, ideaId, commentId: newId(), text: 'Commentaire' }),
      await emit(ana, 'idea:react', { boardId, ideaId, reaction: 'like', on: true }),
    ]) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'board_locked' } });
    }
    await emitOk(fac, 'idea:post', {
      boardId,
      ideaId: newId(),
      text: 'Note de l’animation',
      anonymous: false,
    });
    expect((await board()).ideas).toHaveLength(2);
  });

  it('refuses every facilitator action from a participant', async () => {
    const ideaId = await post(ana, 'Idée');
    const attempts = [
      await emit(ben, 'mod:hide', { boardId, ideaId, reason: 'Je n’aime pas' }),
      await emit(ben, 'board:settings', { boardId, phase: 'closed' }),
      await emit(ben, 'board:timer', { boardId, action: 'start', seconds: 60 }),
      await emit(ben, 'board:spotlight', { boardId, ideaId }),
      await emit(ben, 'group:create', { boardId, groupId: newId(), name: 'Mon groupe' }),
      await emit(ben, 'idea:group', { boardId, ideaId, groupId: null }),
    ];
    for (const ack of attempts) expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const view = await board();
    expect(view.meta.phase).toBe('collect');
    expect(view.meta.timer).toBeNull();
    expect(view.groups).toEqual([]);
  });

  it('refuses a guest acting on a board of another forum', async () => {
    const ack = await emit(ana, 'idea:post', {
      boardId: server.fixtures.otherBoardId,
      ideaId: newId(),
      text: 'Intrusion',
      anonymous: false,
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers invalid payloads with a clear error and changes nothing', async () => {
    const tooLong = await emit(ana, 'idea:post', {
      boardId,
      ideaId: newId(),
      text: 'x'.repeat(501),
      anonymous: false,
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!tooLong.ok) expect(tooLong.error.issues?.[0]?.path).toBe('text');
    const extra = await emit(ana, 'idea:post', {
      boardId,
      ideaId: newId(),
      text: 'ok',
      anonymous: false,
      authorId: 'someone-else',
    } as never);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const garbage = await emit(ana, 'idea:vote', 'not an object' as never);
    expect(garbage).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect((await board()).ideas).toHaveLength(0);
  });

  it('hides an idea from participants with a reason, keeps it for facilitators, and logs it', async () => {
    const ideaId = await post(ana, 'Propos déplacé');
    await emitOk(ben, 'comment:add', { boardId, ideaId, commentId: newId(), text: 'Je réponds' });
    await emitOk(fac, 'mod:hide', { boardId, ideaId, reason: 'Hors sujet' });

    const publicIdea = (await board()).ideas[0]!;
    expect(publicIdea).toMatchObject({ hidden: true, text: '', comments: [] });
    const hidden = await server.app.collab.withDocument(moderationDocName(boardId), (m) =>
      moderationMap(m.doc).get(ideaId),
    );
    expect(hidden).toMatchObject({
      text: 'Propos déplacé',
      reason: 'Hors sujet',
      hiddenByName: 'Fanny Animatrice',
    });
    expect(hidden?.comments.map((c) => c.text)).toEqual(['Je réponds']);
    // Participants can no longer touch it.
    expect(await emit(ben, 'idea:react', { boardId, ideaId, reaction: 'like', on: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const audit = await server.db.audit.find({ targetId: boardId, action: 'mod:hide' }).toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorName: 'Fanny Animatrice',
      details: { ideaId, reason: 'Hors sujet' },
    });

    await emitOk(fac, 'mod:restore', { boardId, ideaId });
    const restored = (await board()).ideas[0]!;
    expect(restored).toMatchObject({ hidden: false, text: 'Propos déplacé' });
    expect(restored.comments.map((c) => c.text)).toEqual(['Je réponds']);
    await eventually(async () =>
      expect(await server.db.audit.countDocuments({ targetId: boardId, action: 'mod:restore' })).toBe(1),
    );
  });

  it('groups ideas into clusters and ungroups them when a cluster is deleted', async () => {
    const ideaId = await post(ana, 'À regrouper');
    const groupId = newId();
    await emitOk(fac, 'group:create', { boardId, groupId, name: 'Mobilité' });
    await emitOk(fac, 'idea:group', { boardId, ideaId, groupId });
    expect((await board()).ideas[0]?.groupId).toBe(groupId);
    await emitOk(fac, 'group:delete', { boardId, groupId });
    const view = await board();
    expect(view.groups).toEqual([]);
    expect(view.ideas[0]?.groupId).toBeNull();
  });

  it('counts the people present on a board', async () => {
    const counts: number[] = [];
    fac.on('presence', (p) => counts.push(p.count));
    await emitOk(fac, 'board:join', { boardId });
    await emitOk(ana, 'board:join', { boardId });
    await emitOk(ben, 'board:join', { boardId });
    await eventually(() => expect(counts.at(-1)).toBe(3));
    ben.close();
    await eventually(() => expect(counts.at(-1)).toBe(2));
  });
});
