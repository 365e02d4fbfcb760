import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  boardDocName,
  newId,
  newBudgetLine,
  newObjective,
  proposalFieldsDocName,
  proposalMaps,
  proposalTextDocName,
  readBoard,
  readProposalFields,
  type ProposalDetail,
  type ProposalDiff,
  type ProposalSummary,
  type ProposalVersionSummary,
  type ProposalCommentView,
} from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import {
  api,
  emitOk,
  joinAsGuest,
  login,
  socketClient,
  yjsClient,
  type Identity,
} from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import { pdfPages } from './helpers/pdfText.js';
import mammoth from 'mammoth';

describe('co-written project proposals', () => {
  let server: TestServer;
  let fac: Identity;
  let marc: Identity;
  let mia: Identity;
  let omar: Identity;
  const cleanups: (() => void)[] = [];

  beforeEach(async () => {
    server = await createTestServer();
    [fac, marc, mia, omar] = await Promise.all([
      login(server, server.fixtures.facilitatorEmail),
      login(server, server.fixtures.memberEmail),
      login(server, 'mem2@test.qc'),
      login(server, server.fixtures.outsiderEmail),
    ]);
  });
  afterEach(async () => {
    cleanups.splice(0).forEach((fn) => fn());
    await server.close();
  });

  const create = async (who: Identity, title = 'Frigos communautaires', extra: object = {}) => {
    const res = await api<ProposalDetail>(server, who, 'POST', '/proposals', {
      communityId: server.fixtures.communityId,
      title,
      theme: 'SÉCURITÉ ALIMENTAIRE',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const open = (docName: string, who: Identity) => {
    const client = yjsClient(server, docName, who);
    cleanups.push(client.destroy);
    return client;
  };
  const transition = (who: Identity, id: string, action: string, reason = '') =>
    api<ProposalDetail>(server, who, 'POST', `/proposals/${id}/transition`, { action, reason });

  it('refuses a writer’s update that breaks the fields’ shape: nothing lands, everything still works', async () => {
    const proposal = await create(marc);
    const writer = open(proposalFieldsDocName(proposal.id), marc);
    const reader = open(proposalFieldsDocName(proposal.id), mia);
    await Promise.all([writer.synced(), reader.synced()]);
    let closedWith = 0;
    writer.provider.on('connection-close', (event: { code: number } | null) => {
      closedWith = event?.code ?? 0;
    });
    writer.provider.shouldConnect = false;
    // A hand-crafted client pushes the number 42 into objectives.
    writer.doc.getArray('objectives').push([42]);
    await eventually(() => expect(closedWith).toBe(4422));
    expect(server.app.yjs.stats.refusedInvalidUpdates).toBe(1);

    const onServer = await server.app.collab.withDocument(
      proposalFieldsDocName(proposal.id),
      (m) => m.doc.getArray('objectives').length,
    );
    expect(onServer).toBe(0);
    expect(reader.doc.getArray('objectives').length).toBe(0);
    // Versions, submission and adoption work as before.
    expect(
      (await api(server, marc, 'POST', `/proposals/${proposal.id}/versions`, { name: 'Après' })).status,
    ).toBe(201);
    expect((await transition(marc, proposal.id, 'submit')).body.status).toBe('submitted');
    expect((await transition(fac, proposal.id, 'adopt')).body.status).toBe('adopted');
  });

  it('lets two members edit the same specific objective at the same moment and converge', async () => {
    const proposal = await create(marc);
    const a = open(proposalFieldsDocName(proposal.id), marc);
    const b = open(proposalFieldsDocName(proposal.id), mia);
    await Promise.all([a.synced(), b.synced()]);
    proposalMaps(a.doc).objectives.push([newObjective({ text: 'Réduire le gaspillage' })]);
    await eventually(() => expect(proposalMaps(b.doc).objectives.length).toBe(1));

    // Both type into the same Y.Text in the same tick, before either sees the other.
    const textOf = (doc: Y.Doc) => proposalMaps(doc).objectives.get(0).get('text') as Y.Text;
    textOf(a.doc).insert(0, 'Ensemble, ');
    textOf(b.doc).insert(textOf(b.doc).length, ' alimentaire');
    const expected = 'Ensemble, Réduire le gaspillage alimentaire';
    await eventually(() => {
      expect(textOf(a.doc).toString()).toBe(expected);
      expect(textOf(b.doc).toString()).toBe(expected);
    });
    const onServer = await server.app.collab.withDocument(proposalFieldsDocName(proposal.id), (m) =>
      readProposalFields(m.doc),
    );
    expect(onServer.objectives[0]?.text).toBe(expected);
  });

  it('projects an edit into the proposals collection within two seconds', async () => {
    const proposal = await create(marc);
    const writer = open(proposalFieldsDocName(proposal.id), marc);
    await writer.synced();
    const editedAt = Date.now();
    const title = proposalMaps(writer.doc).fields.get('title') as Y.Text;
    title.insert(title.length, ' dans Roussillon');
    await eventually(async () => {
      const stored = await server.db.proposals.findOne({ _id: proposal.id });
      expect(stored?.fields.title).toBe('Frigos communautaires dans Roussillon');
    }, 2_000);
    expect(Date.now() - editedAt).toBeLessThan(2_000);
  });

  it('keeps projecting while people type, holding the other document instead of rereading it', async () => {
    const proposal = await create(marc);
    const writer = open(proposalFieldsDocName(proposal.id), marc);
    await writer.synced();
    const textName = proposalTextDocName(proposal.id);
    const storeReads: string[] = [];
    const readStored = server.app.collab.readStored.bind(server.app.collab);
    server.app.collab.readStored = (name: string) => {
      storeReads.push(name);
      return readStored(name);
    };
    const title = proposalMaps(writer.doc).fields.get('title') as Y.Text;
    // Three bursts of typing, each projected (the projection waits at most a second).
    for (const word of [' à', ' Salaberry', '-de-Valleyfield']) {
      title.insert(title.length, word);
      await eventually(async () => {
        const stored = await server.db.proposals.findOne({ _id: proposal.id });
        expect(stored?.fields.title).toBe(title.toString());
      }, 3_000);
    }
    expect(storeReads.filter((name) => name === textName)).toEqual([]);
    expect(server.app.collab.isLoaded(textName)).toBe(true);
  });

  it("refuses a commenter's update to the documents, but takes their comment", async () => {
    const proposal = await create(marc);
    const outsider = open(proposalFieldsDocName(proposal.id), omar);
    const member = open(proposalFieldsDocName(proposal.id), marc);
    await Promise.all([outsider.synced(), member.synced()]);
    const title = proposalMaps(outsider.doc).fields.get('title') as Y.Text;
    title.insert(0, 'PIRATÉ ');
    await eventually(() => expect(server.app.yjs.stats.droppedReadOnlyUpdates).toBeGreaterThan(0));
    expect((proposalMaps(member.doc).fields.get('title') as Y.Text).toString()).toBe('Frigos communautaires');

    const comment = await api<ProposalCommentView>(
      server,
      omar,
      'POST',
      `/proposals/${proposal.id}/comments`,
      {
        anchor: { kind: 'field', path: 'title' },
        text: 'Préciser le public visé ?',
      },
    );
    expect(comment.status).toBe(201);
    const reply = await api<ProposalCommentView>(
      server,
      marc,
      'POST',
      `/proposals/${proposal.id}/comments/${comment.body.id}/replies`,
      { text: 'Bonne idée' },
    );
    expect(reply.body.replies.map((r) => r.text)).toEqual(['Bonne idée']);
    const resolved = await api<ProposalCommentView>(
      server,
      marc,
      'POST',
      `/proposals/${proposal.id}/comments/${comment.body.id}/resolve`,
      { resolved: true },
    );
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: 'Marc Membre' });
  });

  it('lists exactly the changed fields in a version diff', async () => {
    const proposal = await create(marc);
    const writer = open(proposalFieldsDocName(proposal.id), marc);
    await writer.synced();
    const { objectives, fields } = proposalMaps(writer.doc);
    objectives.push([
      newObjective({
        id: 'obj-1',
        text: 'Réduire',
        actions: [{ id: 'act-1', text: 'Installer', timeline: '2026' }],
      }),
    ]);
    await eventually(async () =>
      expect(
        (
          await server.app.collab.withDocument(proposalFieldsDocName(proposal.id), (m) =>
            readProposalFields(m.doc),
          )
        ).objectives,
      ).toHaveLength(1),
    );
    const v1 = await api<ProposalVersionSummary>(server, marc, 'POST', `/proposals/${proposal.id}/versions`, {
      name: 'Version 1',
    });
    expect(v1.status).toBe(201);

    const timeline = objectives.get(0).get('actions') as Y.Array<Y.Map<unknown>>;
    const t = timeline.get(0).get('timeline') as Y.Text;
    t.delete(0, t.length);
    t.insert(0, '2026-2027');
    (fields.get('territories') as Y.Map<true>).set('mrc-roussillon', true);
    await eventually(async () =>
      expect(
        (
          await server.app.collab.withDocument(proposalFieldsDocName(proposal.id), (m) =>
            readProposalFields(m.doc),
          )
        ).territories,
      ).toEqual(['mrc-roussillon']),
    );
    const v2 = await api<ProposalVersionSummary>(server, marc, 'POST', `/proposals/${proposal.id}/versions`, {
      name: 'Version 2',
    });
    const diff = await api<ProposalDiff>(
      server,
      marc,
      'GET',
      `/proposals/${proposal.id}/diff?from=${v1.body.id}&to=${v2.body.id}`,
    );
    expect(diff.body.fields).toEqual([
      { path: 'territories', change: 'changed', before: '', after: 'mrc-roussillon' },
      {
        path: 'objectives.obj-1.actions.act-1.timeline',
        change: 'changed',
        before: '2026',
        after: '2026-2027',
      },
    ]);
    expect(diff.body.text).toEqual([]);

    // Restoring version 1 is a new edit that brings the old values back to everyone.
    expect(
      (await api(server, marc, 'POST', `/proposals/${proposal.id}/versions/${v1.body.id}/restore`)).status,
    ).toBe(204);
    await eventually(() =>
      expect(readProposalFields(writer.doc).objectives[0]?.actions[0]?.timeline).toBe('2026'),
    );
    expect(readProposalFields(writer.doc).territories).toEqual([]);
  });

  it('runs the review workflow, freezing text and fields from submission until changes are requested', async () => {
    const proposal = await create(marc);
    const writer = open(proposalFieldsDocName(proposal.id), marc);
    const writerText = open(proposalTextDocName(proposal.id), marc);
    await Promise.all([writer.synced(), writerText.synced()]);
    expect((await transition(marc, proposal.id, 'adopt')).status).toBe(403);
    const submitted = await transition(marc, proposal.id, 'submit');
    expect(submitted.body).toMatchObject({ status: 'submitted', contentFrozen: true });

    // Under review, the writer's open connections are read-only, the text's as the fields': what
    // the facilitators review is what was submitted.
    const droppedBefore = server.app.yjs.stats.droppedReadOnlyUpdates;
    (proposalMaps(writer.doc).fields.get('title') as Y.Text).insert(0, 'Pendant l’examen ');
    const context = writerText.doc.getXmlFragment('context');
    context.insert(0, [new Y.XmlText('Ajout pendant l’examen')]);
    await eventually(() =>
      expect(server.app.yjs.stats.droppedReadOnlyUpdates).toBeGreaterThanOrEqual(droppedBefore + 2),
    );
    const underReview = await server.app.collab.withDocument(proposalFieldsDocName(proposal.id), (m) =>
      readProposalFields(m.doc),
    );
    expect(underReview.title).toBe('Frigos communautaires');
    const textOnServer = await server.app.collab.withDocument(proposalTextDocName(proposal.id), (m) =>
      m.doc.getXmlFragment('context').toString(),
    );
    expect(textOnServer).not.toContain('Ajout pendant l’examen');
    // Put back as the server has it (the writer's copy diverged while refused).
    writer.destroy();
    writerText.destroy();

    expect((await transition(fac, proposal.id, 'request_changes')).status).toBe(400);
    expect(
      (await transition(fac, proposal.id, 'request_changes', 'Ajouter des indicateurs')).body,
    ).toMatchObject({ status: 'changes_requested', contentFrozen: false });
    // Sent back: the writers write again.
    const reviser = open(proposalFieldsDocName(proposal.id), marc);
    await reviser.synced();
    (proposalMaps(reviser.doc).fields.get('title') as Y.Text).insert(0, 'Révisé : ');
    await eventually(async () =>
      expect(
        await server.app.collab.withDocument(
          proposalFieldsDocName(proposal.id),
          (m) => readProposalFields(m.doc).title,
        ),
      ).toBe('Révisé : Frigos communautaires'),
    );
    expect((await transition(marc, proposal.id, 'submit')).body.status).toBe('submitted');
    const adopted = await transition(fac, proposal.id, 'adopt');
    expect(adopted.body).toMatchObject({ status: 'adopted', contentFrozen: true });

    // The writer's open connection is read-only again.
    const title = proposalMaps(reviser.doc).fields.get('title') as Y.Text;
    const dropped = server.app.yjs.stats.droppedReadOnlyUpdates;
    title.insert(0, 'Après adoption ');
    await eventually(() => expect(server.app.yjs.stats.droppedReadOnlyUpdates).toBeGreaterThan(dropped));
    const onServer = await server.app.collab.withDocument(proposalFieldsDocName(proposal.id), (m) =>
      readProposalFields(m.doc),
    );
    expect(onServer.title).toBe('Révisé : Frigos communautaires');

    const history = await api<{ action: string; actorName: string; details: { reason?: string } }[]>(
      server,
      marc,
      'GET',
      `/proposals/${proposal.id}/history`,
    );
    const actions = history.body.map((h) => h.action).reverse();
    expect(actions).toEqual([
      'proposal:create',
      'proposal:submit',
      'proposal:request_changes',
      'proposal:submit',
      'proposal:adopt',
    ]);
    const versions = await api<ProposalVersionSummary[]>(
      server,
      marc,
      'GET',
      `/proposals/${proposal.id}/versions`,
    );
    expect(versions.body.filter((v) => v.auto)).toHaveLength(4);
    expect((await transition(fac, proposal.id, 'reopen', 'Nouveau partenaire')).body.status).toBe('draft');
  });

  describe('an adoption whose roll-up failed midway (issue 12 item 14)', () => {
    const adoptFailingMidway = async () => {
      const proposal = await create(marc);
      await server.app.collab.withDocument(proposalFieldsDocName(proposal.id), async (managed) => {
        proposalMaps(managed.doc).objectives.push([
          newObjective({ text: 'Nourrir le quartier', actions: [{ text: 'Installer deux frigos' }] }),
        ]);
        await managed.flush();
      });
      expect((await transition(marc, proposal.id, 'submit')).body.status).toBe('submitted');
      // The database goes away after the status is set, before the plan receives the proposal.
      const rollUp = vi
        .spyOn(server.app.plans, 'rollUpAdopted')
        .mockRejectedValueOnce(new Error('database unreachable'));
      expect((await transition(fac, proposal.id, 'adopt')).status).toBe(500);
      rollUp.mockRestore();
      expect(await server.db.proposals.findOne({ _id: proposal.id })).toMatchObject({
        status: 'adopted',
        pendingTransition: { action: 'adopt', from: 'submitted', to: 'adopted' },
      });
      expect(await server.db.planItems.countDocuments({ proposalId: proposal.id })).toBe(0);
      return proposal;
    };
    const finished = async (id: string) => {
      expect(await server.db.planItems.countDocuments({ proposalId: id, kind: 'action' })).toBe(1);
      expect((await server.db.proposals.findOne({ _id: id }))?.pendingTransition).toBeNull();
      const versions = await api<ProposalVersionSummary[]>(server, marc, 'GET', `/proposals/${id}/versions`);
      expect(versions.body.filter((v) => v.auto).map((v) => v.status)).toEqual(['adopted', 'submitted']);
      const history = await api<{ action: string }[]>(server, marc, 'GET', `/proposals/${id}/history`);
      expect(history.body.filter((h) => h.action === 'proposal:adopt')).toHaveLength(1);
    };

    it('is finished by its retry: rolled up, versioned and audited once', async () => {
      const proposal = await adoptFailingMidway();
      const retried = await transition(fac, proposal.id, 'adopt');
      expect(retried.status).toBe(200);
      expect(retried.body.status).toBe('adopted');
      await finished(proposal.id);
    });

    it('is finished before any other change of the proposal, or at the next start', async () => {
      const first = await adoptFailingMidway();
      // Reopening finishes the adoption first, then reopens.
      expect((await transition(fac, first.id, 'reopen', 'Compléter')).body.status).toBe('draft');
      expect(await server.db.planItems.countDocuments({ proposalId: first.id, kind: 'action' })).toBe(1);
      const second = await adoptFailingMidway();
      await server.restart();
      expect(await server.app.resumeInterrupted()).toEqual({ transitions: 1, decisions: 0 });
      await finished(second.id);
    });
  });

  it('promotes a cluster of forum ideas, linking both ways', async () => {
    const { boardId, joinCode } = server.fixtures;
    const guest = await socketClient(server, await joinAsGuest(server, joinCode, 'Ana'));
    const facSocket = await socketClient(server, fac);
    cleanups.push(
      () => guest.close(),
      () => facSocket.close(),
    );
    const groupId = newId();
    await emitOk(facSocket, 'group:create', { boardId, groupId, name: 'Frigos' });
    const ideaIds = [newId(), newId(), newId()];
    for (const [i, ideaId] of ideaIds.entries()) {
      await emitOk(guest, 'idea:post', { boardId, ideaId, text: `Frigo ${i}`, anonymous: false });
      if (i < 2) await emitOk(facSocket, 'idea:group', { boardId, ideaId, groupId });
    }
    expect(
      (
        await api(server, marc, 'POST', '/proposals', {
          communityId: server.fixtures.communityId,
          title: 'x',
          source: { boardId, groupId },
        })
      ).status,
    ).toBe(403);
    const proposal = await create(fac, 'Réseau de frigos', { source: { boardId, groupId } });
    expect(proposal.sourceIdeas.map((s) => s.text)).toEqual(['Frigo 0', 'Frigo 1']);
    const board = await server.app.collab.withDocument(boardDocName(boardId), (m) => readBoard(m.doc, null));
    expect(board.ideas.map((i) => i.proposalIds)).toEqual([[proposal.id], [proposal.id], []]);
    const text = open(proposalTextDocName(proposal.id), marc);
    await text.synced();
    expect(text.doc.getXmlFragment('context').toString()).toContain('Frigo 1');
  });

  it('refuses to submit or adopt a proposal with an action that has no text, and changes nothing', async () => {
    const proposal = await create(marc);
    const writer = open(proposalFieldsDocName(proposal.id), marc);
    await writer.synced();
    proposalMaps(writer.doc).objectives.push([
      newObjective({
        text: 'Réduire l’insécurité alimentaire',
        actions: [{ text: 'Installer des frigos' }, {}],
      }),
    ]);
    const hasEmptyAction = () =>
      server.app.collab.withDocument(proposalFieldsDocName(proposal.id), (m) =>
        readProposalFields(m.doc).objectives.flatMap((o) => o.actions.map((a) => a.text)),
      );
    await eventually(async () => expect(await hasEmptyAction()).toEqual(['Installer des frigos', '']));

    const refused = await api<{ error: { code: string; issues: { path: string }[] } }>(
      server,
      marc,
      'POST',
      `/proposals/${proposal.id}/transition`,
      { action: 'submit', reason: '' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('incomplete');
    expect(refused.body.error.issues.map((i) => i.path)).toEqual(['objectives.0.actions.1.text']);
    expect((await server.db.proposals.findOne({ _id: proposal.id }))?.status).toBe('draft');

    // Described, it goes.
    const actions = (
      proposalMaps(writer.doc).objectives.get(0).get('actions') as Y.Array<Y.Map<unknown>>
    ).get(1);
    (actions.get('text') as Y.Text).insert(0, 'Former des bénévoles');
    await eventually(async () => expect((await hasEmptyAction())[1]).toBe('Former des bénévoles'));
    expect((await transition(marc, proposal.id, 'submit')).body.status).toBe('submitted');
  });

  it('prints one proposal as it reads now, as PDF and DOCX, for whoever may read it', async () => {
    const proposal = await create(marc);
    const writer = open(proposalFieldsDocName(proposal.id), marc);
    const text = open(proposalTextDocName(proposal.id), marc);
    await Promise.all([writer.synced(), text.synced()]);
    const maps = proposalMaps(writer.doc);
    (maps.fields.get('generalObjective') as Y.Text).insert(0, 'Réduire l’insécurité alimentaire');
    maps.objectives.push([
      newObjective({
        text: 'Rapprocher les denrées des familles',
        actions: [
          {
            text: 'Installer des frigos',
            timeline: '2026',
            indicators: [{ kind: 'quantitative', target: 5, unit: 'frigos', statement: 'Frigos en service' }],
          },
        ],
      }),
    ]);
    maps.budget.push([
      newBudgetLine({ label: 'Achat des frigos', amountRequested: 12500, year: 2026, cofinancing: [] }),
    ]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Les familles manquent de lieux de dépannage le soir.')]);
    text.doc.getXmlFragment('context').insert(0, [paragraph]);
    await eventually(async () =>
      expect(
        await server.app.collab.withDocument(
          proposalFieldsDocName(proposal.id),
          (m) => readProposalFields(m.doc).budget.length,
        ),
      ).toBe(1),
    );
    await eventually(async () =>
      expect(
        await server.app.collab.withDocument(proposalTextDocName(proposal.id), (m) =>
          m.doc.getXmlFragment('context').toString(),
        ),
      ).toContain('dépannage'),
    );

    const download = (who: Identity, format: string) =>
      fetch(`${server.url}/api/proposals/${proposal.id}/export?format=${format}`, {
        headers: { cookie: who.cookie },
      });
    const pdf = await download(omar, 'pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toMatch(/filename="?frigos-communautaires\.pdf"?$/);
    const pages = await pdfPages(new Uint8Array(await pdf.arrayBuffer()));
    expect(pages[0]!.size).toEqual([612, 792]);
    const all = pages.map((p) => p.text).join('\n');
    for (const expected of [
      'Frigos communautaires',
      'Statut : Brouillon',
      'Objectif général : Réduire l’insécurité alimentaire',
      'Contexte',
      'Les familles manquent de lieux de dépannage le soir.',
      '1. Rapprocher les denrées des familles',
      '1.1 Installer des frigos (échéancier : 2026)',
      'Indicateur : Frigos en service — cible : 5 frigos',
      'Budget demandé',
      'Achat des frigos',
      `Page 1 de ${pages.length}`,
    ])
      expect(all.replace(/\s+/g, ' ')).toContain(expected);
    expect(all.replace(/\s+/g, ' ')).toMatch(/Total 12 500,00 \$/);

    const docx = await download(marc, 'docx');
    expect(docx.status).toBe(200);
    const docxText = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(docxText).toContain('1.1 Installer des frigos');
    expect(docxText).toContain('Objectif général\u00a0: Réduire');

    // Another organisation does not learn it exists; a wrong format is a clear error.
    const otherOrg = await login(server, server.fixtures.otherOrg.memberEmail);
    expect((await download(otherOrg, 'pdf')).status).toBe(404);
    expect((await download(marc, 'odt')).status).toBe(400);
  });

  it('lists by community and status, and finds proposals ignoring case and accents', async () => {
    await create(marc, 'Sécurité alimentaire à l’école');
    const other = await create(marc, 'Transport collectif rural', { theme: 'TRANSPORT' });
    await transition(marc, other.id, 'submit');
    const search = await api<ProposalSummary[]>(server, omar, 'GET', '/proposals?q=securite%20ALIMENTAIRE');
    expect(search.body.map((p) => p.title)).toEqual(['Sécurité alimentaire à l’école']);
    const submitted = await api<ProposalSummary[]>(
      server,
      omar,
      'GET',
      `/proposals?status=submitted&communityId=${server.fixtures.communityId}`,
    );
    expect(submitted.body.map((p) => p.title)).toEqual(['Transport collectif rural']);
  });

  it('shares a proposal read-only by link', async () => {
    const proposal = await create(marc);
    const { body } = await api<{ shareToken: string }>(
      server,
      marc,
      'POST',
      `/proposals/${proposal.id}/share`,
    );
    expect((await api(server, null, 'GET', `/proposals/${proposal.id}`)).status).toBe(404);
    expect((await api(server, null, 'GET', `/proposals/${proposal.id}?share=wrong-token`)).status).toBe(404);
    const shared = await api<ProposalDetail>(
      server,
      null,
      'GET',
      `/proposals/${proposal.id}?share=${body.shareToken}`,
    );
    expect(shared.body).toMatchObject({ role: 'reader', shareToken: null });
  });
});
