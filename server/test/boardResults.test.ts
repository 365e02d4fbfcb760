import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import { emitOk, joinAsGuest, login, socketClient, type Identity } from './helpers/clients.js';

const standardFontDataUrl =
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
    'standard_fonts',
  ) + '/';

describe('the results export of a board', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await createTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const download = (identity: Identity, query: string, boardId = server.fixtures.boardId) =>
    fetch(`${server.url}/api/boards/${boardId}/results/export${query}`, {
      headers: { cookie: identity.cookie },
    });

  /** Four ideas, one cluster, a vote, reactions and comments; one idea hidden by moderation. */
  async function runABoard() {
    const { boardId, joinCode } = server.fixtures;
    const fac = await login(server, server.fixtures.facilitatorEmail);
    const lea = await joinAsGuest(server, joinCode, 'Léa');
    const noe = await joinAsGuest(server, joinCode, 'Noé');
    const facSocket = await socketClient(server, fac);
    const leaSocket = await socketClient(server, lea);
    const noeSocket = await socketClient(server, noe);
    const ideas = {
      transport: newId(),
      gardens: newId(),
      formula: newId(),
      offTopic: newId(),
    };
    const post = (socket: typeof leaSocket, ideaId: string, text: string) =>
      emitOk(socket, 'idea:post', { boardId, ideaId, text, anonymous: false });
    await post(leaSocket, ideas.transport, 'Transport collectif le soir');
    await post(noeSocket, ideas.gardens, 'Jardins communautaires près des écoles');
    await post(leaSocket, ideas.formula, '=HYPERLINK("http://x") cliquez');
    await post(noeSocket, ideas.offTopic, 'Billets de hockey à vendre');
    const { groupId } = await emitOk(facSocket, 'group:create', {
      boardId,
      groupId: newId(),
      name: 'Mobilité',
    });
    await emitOk(facSocket, 'idea:group', { boardId, ideaId: ideas.transport, groupId });
    await emitOk(facSocket, 'mod:hide', { boardId, ideaId: ideas.offTopic, reason: 'Hors sujet' });
    // Gardens and the formula tie on dots: gardens has more reactions.
    await emitOk(leaSocket, 'idea:react', { boardId, ideaId: ideas.gardens, reaction: 'like', on: true });
    await emitOk(noeSocket, 'comment:add', {
      boardId,
      ideaId: ideas.formula,
      commentId: newId(),
      text: 'Pourquoi pas',
    });
    await emitOk(facSocket, 'board:settings', { boardId, phase: 'vote', dotsPerParticipant: 3 });
    for (const socket of [leaSocket, noeSocket]) {
      await emitOk(socket, 'idea:vote', { boardId, ideaId: ideas.transport, delta: 1 });
    }
    await emitOk(leaSocket, 'idea:vote', { boardId, ideaId: ideas.transport, delta: 1 });
    await emitOk(noeSocket, 'idea:vote', { boardId, ideaId: ideas.gardens, delta: 1 });
    await emitOk(leaSocket, 'idea:vote', { boardId, ideaId: ideas.formula, delta: 1 });
    for (const socket of [facSocket, leaSocket, noeSocket]) socket.close();
    return { fac, lea };
  }

  it('ranks every visible idea across clusters in a spreadsheet-safe CSV with the board, date and counts', async () => {
    const { fac } = await runABoard();
    const res = await download(fac, '?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('tableau-a-resultats.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A BOM, so that Excel reads the accents.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.trimEnd().split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'Résultats,Tableau A',
      'Forum,Forum A',
      expect.stringMatching(/^Exporté le,"?\d{1,2} \p{L}+ 20\d\d/u),
      'Idées,3',
      'Points,5',
      'Réactions,1',
      'Commentaires,1',
      'Regroupements,1',
    ]);
    expect(lines[9]).toBe(
      'rang,idée,regroupement,points,réactions,J’appuie,J’adore,Éclairant,J’ai une question,commentaires,auteur',
    );
    expect(lines.slice(10)).toEqual([
      '1,Transport collectif le soir,Mobilité,3,0,0,0,0,0,0,Léa',
      '2,Jardins communautaires près des écoles,Sans regroupement,1,1,1,0,0,0,0,Noé',
      // A spreadsheet would run this cell as a formula: it stays text.
      `3,"'=HYPERLINK(""http://x"") cliquez",Sans regroupement,1,0,0,0,0,0,1,Léa`,
    ]);
    expect(csv).not.toContain('hockey');
  });

  it('makes a PDF with the same ranking, the board, the forum and the counts', async () => {
    const { fac } = await runABoard();
    const res = await download(fac, '?format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await getDocument({
      data: new Uint8Array(await res.arrayBuffer()),
      standardFontDataUrl,
    }).promise;
    const content = await (await pdf.getPage(1)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text).toContain('Résultats : Tableau A');
    expect(text).toContain('Forum A');
    expect(text).toMatch(/Exporté le \d{1,2} \p{L}+ 20\d\d/u);
    expect(text).toContain('Idées : 3 · Points : 5 · Réactions : 1 · Commentaires : 1');
    const order = ['Transport collectif le soir', 'Jardins communautaires', '=HYPERLINK'].map((t) =>
      text.indexOf(t),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('hockey');
  });

  it('counts the dots placed while totals are hidden, once, before and after the reveal', async () => {
    const { boardId, joinCode } = server.fixtures;
    const fac = await login(server, server.fixtures.facilitatorEmail);
    const facSocket = await socketClient(server, fac);
    const guestSocket = await socketClient(server, await joinAsGuest(server, joinCode, 'Léa'));
    const [first, second] = [newId(), newId()];
    await emitOk(guestSocket, 'idea:post', { boardId, ideaId: first, text: 'Première', anonymous: false });
    await emitOk(guestSocket, 'idea:post', { boardId, ideaId: second, text: 'Seconde', anonymous: false });
    await emitOk(facSocket, 'board:settings', { boardId, phase: 'vote', votesHidden: true });
    await emitOk(guestSocket, 'idea:vote', { boardId, ideaId: second, delta: 1 });
    await emitOk(guestSocket, 'idea:vote', { boardId, ideaId: second, delta: 1 });
    await emitOk(facSocket, 'idea:vote', { boardId, ideaId: first, delta: 1 });
    const ranked = async () => {
      const lines = (await (await download(fac, '?format=csv')).text()).trimEnd().split('\n');
      return { points: lines.find((l) => l.startsWith('Points,')), rows: lines.slice(-2) };
    };
    const expected = {
      points: 'Points,3',
      rows: [
        '1,Seconde,Sans regroupement,2,0,0,0,0,0,0,Léa',
        '2,Première,Sans regroupement,1,0,0,0,0,0,0,Léa',
      ],
    };
    expect(await ranked()).toEqual(expected);
    await emitOk(facSocket, 'board:reveal', { boardId, what: 'votes' });
    expect(await ranked()).toEqual(expected);
    facSocket.close();
    guestSocket.close();
  });

  it('is for the facilitators of the board only', async () => {
    const { lea } = await runABoard();
    expect((await download(lea, '?format=csv')).status).toBe(403);
    const member = await login(server, server.fixtures.memberEmail);
    expect((await download(member, '?format=pdf')).status).toBe(403);
    const otherFacilitator = await login(server, server.fixtures.otherOrg.facilitatorEmail);
    expect((await download(otherFacilitator, '?format=csv')).status).toBe(404);
    const fac = await login(server, server.fixtures.facilitatorEmail);
    expect((await download(fac, '?format=md')).status).toBe(400);
    expect((await download(fac, '?format=csv', 'no-such-board')).status).toBe(404);
  });
});
