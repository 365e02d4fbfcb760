import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardDocName,
  moderationDocName,
  newId,
  readBoard,
  readHeld,
  readHiddenVotes,
  type BoardMine,
} from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import {
  emit,
  emitOk,
  joinAsGuest,
  login,
  socketClient,
  yjsClient,
  type AppClientSocket,
  type Identity,
} from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';

/**
 * Content a facilitator has not released yet (private mode, hidden totals, pre-moderation) never
 * reaches another participant's copy of the board: checked on the bytes their /yjs connection
 * receives, not only on what their client would render.
 */
describe('content held until a facilitator releases it (issue 13 items 2, 3 and 5)', () => {
  let server: TestServer;
  let boardId: string;
  let anaId: Identity;
  let benId: Identity;
  let ana: AppClientSocket;
  let ben: AppClientSocket;
  let fac: AppClientSocket;
  let anaKey: string;
  let benKey: string;
  const cleanups: (() => void)[] = [];

  beforeEach(async () => {
    server = await createTestServer();
    boardId = server.fixtures.boardId;
    anaId = await joinAsGuest(server, server.fixtures.joinCode, 'Anaïs Privée');
    benId = await joinAsGuest(server, server.fixtures.joinCode, 'Benoît Voisin');
    ana = await socketClient(server, anaId);
    ben = await socketClient(server, benId);
    fac = await socketClient(server, await login(server, server.fixtures.facilitatorEmail));
    anaKey = (await emitOk(ana, 'board:join', { boardId })).userId;
    benKey = (await emitOk(ben, 'board:join', { boardId })).userId;
    await emitOk(fac, 'board:join', { boardId });
  });
  afterEach(async () => {
    cleanups.splice(0).forEach((fn) => fn());
    for (const s of [ana, ben, fac]) s.close();
    await server.close();
  });

  /** A participant's board document over /yjs, with every byte it receives kept. */
  const watch = async (identity: Identity) => {
    const client = yjsClient(server, boardDocName(boardId), identity);
    cleanups.push(client.destroy);
    const received: Uint8Array[] = [];
    client.doc.on('update', (update: Uint8Array) => received.push(update));
    await client.synced();
    return {
      doc: client.doc,
      /** Everything this reader ever received, as text (Yjs stores strings as UTF-8). */
      bytes: () =>
        Buffer.concat([...received, Y.encodeStateAsUpdate(client.doc)].map((u) => Buffer.from(u))).toString(
          'utf8',
        ),
      view: () => readBoard(client.doc, null),
    };
  };

  const post = async (socket: AppClientSocket, text: string, anonymous = false) => {
    const ideaId = newId();
    const result = await emitOk(socket, 'idea:post', { boardId, ideaId, text, anonymous });
    return { ideaId, held: result.held };
  };

  /** A facilitator's idea goes straight onto the board: once a reader has it, it has everything before. */
  const barrier = async (reader: { view: () => ReturnType<typeof readBoard> }) => {
    const marker = `Repère ${newId(6)}`;
    await post(fac, marker);
    await eventually(() => expect(reader.view().ideas.map((i) => i.text)).toContain(marker));
  };

  const mine = (socket: AppClientSocket): Promise<BoardMine> => emitOk(socket, 'board:mine', { boardId });

  it('private mode: another participant never receives an idea, its text or its author until the reveal, then gets them in posting order', async () => {
    const benView = await watch(benId);
    await emitOk(fac, 'board:settings', { boardId, privateMode: true });
    const first = await post(ana, 'Un jardin partagé derrière la bibliothèque');
    const second = await post(ana, 'Des paniers solidaires livrés à vélo');
    expect(first.held).toBe('private');
    await barrier(benView);

    // Ben's copy: the facilitator's marker only; not a byte of Ana's ideas, name or pseudonym.
    expect(benView.view().ideas.map((i) => i.id)).not.toContain(first.ideaId);
    for (const secret of ['jardin partagé', 'paniers solidaires', 'Anaïs', anaKey, first.ideaId]) {
      expect(benView.bytes()).not.toContain(secret);
    }
    // Ana reads her own through board:mine; Ben reads nothing of hers, nor can he act on it.
    expect((await mine(ana)).held.map((i) => [i.id, i.text, i.reason])).toEqual([
      [first.ideaId, 'Un jardin partagé derrière la bibliothèque', 'private'],
      [second.ideaId, 'Des paniers solidaires livrés à vélo', 'private'],
    ]);
    expect((await mine(ben)).held).toEqual([]);
    expect(await emit(ben, 'idea:edit', { boardId, ideaId: first.ideaId, text: 'Volée' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await emit(ben, 'idea:delete', { boardId, ideaId: first.ideaId })).toMatchObject({ ok: false });
    // Ana may still edit her held idea; a guest cannot reveal.
    await emitOk(ana, 'idea:edit', { boardId, ideaId: second.ideaId, text: 'Des paniers solidaires à vélo' });
    expect(await emit(ben, 'board:reveal', { boardId, what: 'ideas' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Facilitators see the held ideas in their moderation document.
    const held = await server.app.collab.withDocument(moderationDocName(boardId), (m) => readHeld(m.doc));
    expect(held.map((r) => r.id)).toEqual([first.ideaId, second.ideaId]);

    expect(await emitOk(fac, 'board:reveal', { boardId, what: 'ideas' })).toEqual({ revealed: 2 });
    await eventually(() => {
      const ideas = benView.view().ideas.filter((i) => i.id === first.ideaId || i.id === second.ideaId);
      expect(ideas.map((i) => [i.text, i.authorName, i.authorId])).toEqual([
        ['Un jardin partagé derrière la bibliothèque', 'Anaïs Privée', anaKey],
        ['Des paniers solidaires à vélo', 'Anaïs Privée', anaKey],
      ]);
    });
    expect(benView.view().meta.privateMode).toBe(false);
    expect((await mine(ana)).held).toEqual([]);
    // After the reveal, ideas go straight onto the board again.
    expect((await post(ben, 'Après le dévoilement')).held).toBeNull();
  });

  it('hidden totals: nobody else receives a dot until the reveal, and each person keeps their own dots', async () => {
    const idea = await post(fac, 'Une navette entre les villages');
    const other = await post(fac, 'Un frigo communautaire');
    // A dot placed while totals were live leaves the board when they are hidden.
    await emitOk(fac, 'board:settings', { boardId, phase: 'vote' });
    await emitOk(ben, 'idea:vote', { boardId, ideaId: other.ideaId, delta: 1 });
    const benView = await watch(benId);
    await emitOk(fac, 'board:settings', { boardId, votesHidden: true, dotsPerParticipant: 3 });
    await eventually(() => expect(benView.view().ideas.find((i) => i.id === other.ideaId)?.votes).toBe(0));

    const firstDot = await emitOk(ana, 'idea:vote', { boardId, ideaId: idea.ideaId, delta: 1 });
    expect(firstDot).toEqual({ dotsLeft: 2, onIdea: 1 });
    await emitOk(ana, 'idea:vote', { boardId, ideaId: idea.ideaId, delta: 1 });
    await emitOk(ana, 'idea:vote', { boardId, ideaId: other.ideaId, delta: 1 });
    expect(await emit(ana, 'idea:vote', { boardId, ideaId: other.ideaId, delta: 1 })).toMatchObject({
      ok: false,
      error: { code: 'no_dots_left' },
    });
    expect(await emitOk(ana, 'idea:vote', { boardId, ideaId: other.ideaId, delta: -1 })).toEqual({
      dotsLeft: 1,
      onIdea: 0,
    });
    // Ben's dot from before counts against his three.
    expect(await emitOk(ben, 'idea:vote', { boardId, ideaId: idea.ideaId, delta: 1 })).toEqual({
      dotsLeft: 1,
      onIdea: 1,
    });
    await barrier(benView);

    // No dot, and none of Ana's pseudonym (votes are keyed by it), in Ben's copy.
    expect(benView.view().ideas.map((i) => i.votes)).toEqual([0, 0, 0]);
    expect(benView.bytes()).not.toContain(anaKey);
    // Each reads their own; facilitators read the totals.
    expect((await mine(ana)).votes).toEqual({ [idea.ideaId]: 2 });
    expect((await mine(ben)).votes).toEqual({ [idea.ideaId]: 1, [other.ideaId]: 1 });
    const totals = await server.app.collab.withDocument(moderationDocName(boardId), (m) =>
      readHiddenVotes(m.doc),
    );
    expect(Object.fromEntries(totals.get(idea.ideaId) ?? [])).toEqual({ [anaKey]: 2, [benKey]: 1 });

    await emitOk(fac, 'board:reveal', { boardId, what: 'votes' });
    await eventually(() => {
      const ideas = benView.view().ideas;
      expect(ideas.find((i) => i.id === idea.ideaId)?.votes).toBe(3);
      expect(ideas.find((i) => i.id === other.ideaId)?.votes).toBe(1);
    });
    expect(readBoard(benView.doc, anaKey).ideas.find((i) => i.id === idea.ideaId)?.myVotes).toBe(2);
    expect((await mine(ana)).votes).toEqual({});
    expect(benView.view().meta.votesHidden).toBe(false);
  });

  it('pre-moderation: an idea waits for approval; approved it reaches everyone, refused its author is told why', async () => {
    const benView = await watch(benId);
    await emitOk(fac, 'board:settings', { boardId, premoderation: true, allowAnonymous: true });
    const good = await post(ana, 'Des ateliers de cuisine intergénérationnels');
    const bad = await post(ana, 'Un message hors sujet', true);
    expect([good.held, bad.held]).toEqual(['premoderation', 'premoderation']);
    await barrier(benView);
    for (const secret of ['ateliers de cuisine', 'hors sujet', 'Anaïs', good.ideaId, bad.ideaId]) {
      expect(benView.bytes()).not.toContain(secret);
    }
    expect((await mine(ana)).held.map((i) => [i.id, i.reason, i.anonymous])).toEqual([
      [good.ideaId, 'premoderation', false],
      [bad.ideaId, 'premoderation', true],
    ]);
    expect(await emit(ben, 'mod:approve', { boardId, ideaIds: [good.ideaId] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    expect(await emitOk(fac, 'mod:approve', { boardId, ideaIds: [good.ideaId, 'inconnue'] })).toEqual({
      approved: [good.ideaId],
    });
    await eventually(() =>
      expect(benView.view().ideas.find((i) => i.id === good.ideaId)).toMatchObject({
        text: 'Des ateliers de cuisine intergénérationnels',
        authorName: 'Anaïs Privée',
      }),
    );
    await emitOk(fac, 'mod:hide', { boardId, ideaId: bad.ideaId, reason: 'Hors du thème de la table' });
    await eventually(() =>
      expect(benView.view().ideas.find((i) => i.id === bad.ideaId)).toMatchObject({ hidden: true, text: '' }),
    );
    expect(benView.bytes()).not.toContain('hors sujet');
    expect(await mine(ana)).toMatchObject({
      held: [],
      hidden: [{ id: bad.ideaId, text: 'Un message hors sujet', reason: 'Hors du thème de la table' }],
    });
    expect((await mine(ben)).hidden).toEqual([]);
    // Restored, it goes onto the board like any hidden idea.
    await emitOk(fac, 'mod:restore', { boardId, ideaId: bad.ideaId });
    await eventually(() =>
      expect(benView.view().ideas.find((i) => i.id === bad.ideaId)?.text).toBe('Un message hors sujet'),
    );
  });

  it('keeps held ideas and hidden dots across a restart, and releases them after it', async () => {
    await emitOk(fac, 'board:settings', { boardId, privateMode: true, votesHidden: true });
    const idea = await post(ana, 'Une idée gardée pendant le redémarrage');
    const open = await post(fac, 'Une idée déjà publique');
    await emitOk(fac, 'board:settings', { boardId, phase: 'vote' });
    await emitOk(ben, 'idea:vote', { boardId, ideaId: open.ideaId, delta: 1 });
    for (const s of [ana, ben, fac]) s.close();
    await server.restart();

    ana = await socketClient(server, anaId);
    ben = await socketClient(server, benId);
    fac = await socketClient(server, await login(server, server.fixtures.facilitatorEmail));
    expect((await mine(ana)).held.map((i) => i.id)).toEqual([idea.ideaId]);
    expect((await mine(ben)).votes).toEqual({ [open.ideaId]: 1 });
    const benView = await watch(benId);
    expect(benView.bytes()).not.toContain('pendant le redémarrage');
    await emitOk(fac, 'board:reveal', { boardId, what: 'ideas' });
    await emitOk(fac, 'board:reveal', { boardId, what: 'votes' });
    await eventually(() => {
      const ideas = benView.view().ideas;
      expect(ideas.find((i) => i.id === idea.ideaId)?.text).toBe('Une idée gardée pendant le redémarrage');
      expect(ideas.find((i) => i.id === open.ideaId)?.votes).toBe(1);
    });
  });

  it('pre-moderation within private mode: an approved idea stays private until the reveal', async () => {
    const benView = await watch(benId);
    await emitOk(fac, 'board:settings', { boardId, premoderation: true, privateMode: true });
    const idea = await post(ana, 'Une halte-garderie pendant les rencontres');
    await emitOk(fac, 'mod:approve', { boardId, ideaIds: [idea.ideaId] });
    expect((await mine(ana)).held.map((i) => i.reason)).toEqual(['private']);
    await barrier(benView);
    expect(benView.bytes()).not.toContain('halte-garderie');
    await emitOk(fac, 'board:settings', { boardId, privateMode: false });
    await eventually(() =>
      expect(benView.view().ideas.map((i) => i.text)).toContain('Une halte-garderie pendant les rencontres'),
    );
  });
});
