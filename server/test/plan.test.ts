import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import * as Y from 'yjs';
import {
  newAction,
  newObjective,
  newBudgetLine,
  proposalFieldsDocName,
  showGeneralObjective,
  proposalMaps,
  type PlanSummary,
  type PlanView,
  type ProposalDetail,
  type ProposalFieldsView,
} from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import { api, login, socketClient, emitOk, yjsClient, type Identity } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';
import type { ImportReport } from '../src/plan/planService.js';
import type { PlanItemDoc } from '../src/db/mongo.js';
import { unsetInventedStatuses } from '../src/plan/planStatusMigration.js';
import { pdfPages } from './helpers/pdfText.js';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seed = (name: string) => readFileSync(new URL(name, SEEDS), 'utf8');

describe('the integrated regional plan', () => {
  let server: TestServer;
  let fac: Identity;
  let marc: Identity;
  beforeEach(async () => {
    server = await createTestServer();
    fac = await login(server, server.fixtures.facilitatorEmail);
    marc = await login(server, server.fixtures.memberEmail);
  });
  afterEach(async () => {
    await server.close();
  });

  const importText = async (text: string, query = '') => {
    const res = await fetch(`${server.url}/api/plans/import${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        cookie: fac.cookie,
        'x-csrf-token': fac.csrfToken,
      },
      body: text,
    });
    return { status: res.status, body: (await res.json()) as ImportReport };
  };
  const download = async (planId: string, format: string) => {
    const res = await fetch(`${server.url}/api/plans/${planId}/export?format=${format}`, {
      headers: { cookie: marc.cookie },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it('dry-runs an import without writing, then imports the 2026 seed with accents intact', async () => {
    const text = seed('concertation-horizon-action-plan-2026.txt');
    const dry = await importText(text, '?dryRun=1');
    expect(dry.status).toBe(200);
    expect(dry.body.written).toBe(false);
    expect(await server.db.plans.countDocuments()).toBe(0);

    const imported = await importText(text);
    expect(imported.status).toBe(201);
    expect(imported.body.counts).toEqual(dry.body.counts);
    const plan = (await api<PlanView>(server, marc, 'GET', `/plans/${imported.body.planId}`)).body;
    expect(plan.themes.map((t) => t.title)).toContain('SÉCURITÉ ALIMENTAIRE');
    const json = JSON.parse((await download(plan.id, 'json')).toString('utf8')) as { plan: PlanView };
    const actions = json.plan.themes.flatMap((t) => t.objectives.flatMap((o) => o.actions));
    expect(json.plan.themes).toHaveLength(imported.body.counts.themes);
    expect(actions).toHaveLength(imported.body.counts.actions);
    expect(actions.flatMap((a) => a.indicators)).toHaveLength(imported.body.counts.indicators);
    expect(JSON.stringify(json)).toContain('Créer des boîtes à outils avec les données à jour');
  });

  it('exports as JSON every theme, objective, action, indicator and timeline of both seeds', async () => {
    for (const file of ['concertation-horizon-action-plan-2026.txt', 'mauricie-action-plan-2017-2020.txt']) {
      const imported = await importText(seed(file));
      expect(imported.body.unrecognized).toEqual([]);
      const { plan } = JSON.parse((await download(imported.body.planId!, 'json')).toString('utf8')) as {
        plan: PlanView;
      };
      const objectives = plan.themes.flatMap((t) => t.objectives);
      const actions = objectives.flatMap((o) => o.actions);
      // The parsers' counts are checked against the files themselves in server/src/plan/import/*.test.ts.
      expect({
        themes: plan.themes.length,
        objectives: objectives.length,
        actions: actions.length,
        indicators: actions.reduce((n, a) => n + a.indicators.length, 0),
        timelines: actions.filter((a) => a.timeline.trim() !== '').length,
      }).toEqual(imported.body.counts);
    }
  });

  it('refuses to write an import with unrecognized lines unless told to skip them', async () => {
    const broken = seed('concertation-horizon-action-plan-2026.txt').replace(
      'TRANSPORT\n',
      'TRANSPORT\nune ligne égarée\tavec\ttrop\tde\tcolonnes\tici\n',
    );
    const refused = await importText(broken);
    expect(refused.body.written).toBe(false);
    expect(refused.body.unrecognized.length).toBeGreaterThan(0);
    expect(await server.db.plans.countDocuments()).toBe(0);
    const skipped = await importText(broken, '?skipErrors=1');
    expect(skipped.body.written).toBe(true);
  });

  it('exports a DOCX holding every theme and a PDF with a page or more per theme', async () => {
    const imported = await importText(seed('mauricie-action-plan-2017-2020.txt'));
    const plan = (await api<PlanView>(server, marc, 'GET', `/plans/${imported.body.planId}`)).body;
    expect(plan.periodFrom).toBe(2017);
    const docx = await mammoth.extractRawText({ buffer: await download(plan.id, 'docx') });
    for (const theme of plan.themes) expect(docx.value).toContain(theme.title);

    const firstLines = (await pdfPages(await download(plan.id, 'pdf'))).map((page) => page.text);
    expect(firstLines.length).toBeGreaterThanOrEqual(plan.themes.length + 1);
    for (const theme of plan.themes)
      expect(firstLines.some((page) => page.startsWith(theme.title.replace(/[→⇒]/g, '-')))).toBe(true);
    const csv = (await download(plan.id, 'csv')).toString('utf8');
    expect(
      csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n').length,
    ).toBeGreaterThan(plan.themes.length);
  });

  it('sets the documents as a body circulates them: title page, contents, page numbers, Letter, fr-CA', async () => {
    const imported = await importText(seed('mauricie-action-plan-2017-2020.txt'));
    const plan = (await api<PlanView>(server, marc, 'GET', `/plans/${imported.body.planId}`)).body;
    const organization = (await server.db.organizations.findOne({ _id: server.fixtures.organizationId }))!;

    // Files are named after the plan, not its database id.
    const res = await fetch(`${server.url}/api/plans/${plan.id}/export?format=pdf`, {
      headers: { cookie: marc.cookie },
    });
    expect(res.headers.get('content-disposition')).toMatch(
      /filename="?plan-d-action-2017-2020-consortium-en-developpement-social-de-la-mauricie\.pdf"?$/,
    );
    expect(res.headers.get('content-disposition')).not.toContain(plan.id);

    const read = await pdfPages(new Uint8Array(await res.arrayBuffer()));
    // Letter: 612 × 792 points.
    for (const page of read) expect(page.size).toEqual([612, 792]);
    const pages = read.map((page) => page.text);
    // The title page: the plan, the body, the period, and a table of contents with page numbers.
    expect(pages[0]).toContain(plan.title);
    expect(pages[0]).toContain(organization.name);
    // (pdf.js reads the no-break space of « : » back as a plain one: checked in the DOCX below)
    expect(pages[0]).toMatch(/Période\s:\s2017–2020/);
    expect(pages[0]).toContain('Table des matières');
    for (const theme of plan.themes) {
      const page = pages.findIndex((text, i) => i > 0 && text.startsWith(theme.title.replace(/[→⇒]/g, '-')));
      expect(page).toBeGreaterThan(0);
      expect(pages[0]).toMatch(
        new RegExp(`${theme.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^]*?${page + 1}`),
      );
    }
    // Every other page: the running header and its number out of all.
    for (let p = 1; p < pages.length; p++) {
      expect(pages[p]).toContain(`Page ${p + 1} de ${pages.length}`);
      expect(pages[p]).toContain(`${organization.name} — ${plan.title}`);
    }
    // The orientations whose general objective repeats their title say it once; no empty line.
    const all = pages.join('\n');
    for (const theme of plan.themes.filter((t) => !showGeneralObjective(t)))
      expect(all).not.toContain(`Objectif général : ${theme.generalObjective}`);
    expect(all).not.toMatch(/Objectif général\s:\s*$/m);
    // Nobody has set a status: no status line under the actions.
    expect(all).not.toContain('Statut');

    // The DOCX: Letter pages, French (Canada), fixed column widths, a table of contents, page numbers.
    const zip = await JSZip.loadAsync(await download(plan.id, 'docx'));
    const documentXml = await zip.file('word/document.xml')!.async('string');
    const stylesXml = await zip.file('word/styles.xml')!.async('string');
    expect(documentXml).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    expect(stylesXml).toContain('w:val="fr-CA"');
    expect(documentXml).toMatch(/<w:instrText[^>]*>TOC [^<]*\\o &quot;1-1&quot;/);
    expect(documentXml).toMatch(/<w:tblLayout w:type="fixed"\/>/);
    expect(documentXml).toContain('<w:tblHeader/>');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/footer\d+\.xml$/.test(name))
        .map((name) => zip.file(name)!.async('string')),
    );
    expect(footers.join('')).toContain('NUMPAGES');
    const text = (await mammoth.extractRawText({ buffer: await download(plan.id, 'docx') })).value;
    expect(text).toContain(organization.name);
    // Québec typography: a no-break space before the colon, never a plain one.
    expect(text).toContain('Période\u00a0: 2017–2020');
    expect(text).not.toMatch(/ :/);
    expect(text).not.toContain('Statut');

    // The 2026 plan has a table longer than a page: where it runs on, its theme's name and its
    // header come first again.
    const horizon = await importText(seed('concertation-horizon-action-plan-2026.txt'));
    const themes = (await api<PlanView>(server, marc, 'GET', `/plans/${horizon.body.planId}`)).body.themes;
    const continued: string[] = [];
    for (const { text } of (await pdfPages(await download(horizon.body.planId!, 'pdf'))).slice(1)) {
      if (text.includes(' (suite) ')) continued.push(text);
      else expect(themes.some((t) => text.startsWith(`${t.title} `))).toBe(true);
    }
    expect(continued.length).toBeGreaterThan(0);
    for (const text of continued) expect(text).toMatch(/^.+ \(suite\)\s+Objectifs spécifiques/);
  });

  it('rolls an adopted proposal up into the plan and tells open plan views at once', async () => {
    const created = await api<PlanView>(server, fac, 'POST', '/plans', {
      title: 'Plan 2026',
      periodFrom: 2026,
      periodTo: new Date().getFullYear() + 1,
    });
    const planId = created.body.id;
    const viewer = await socketClient(server, marc);
    await emitOk(viewer, 'plan:join', { planId });
    const changes: string[] = [];
    viewer.on('plan:changed', (p) => changes.push(p.planId));

    const proposal = (
      await api<ProposalDetail>(server, marc, 'POST', '/proposals', {
        communityId: server.fixtures.communityId,
        title: 'Frigos',
        theme: 'SÉCURITÉ ALIMENTAIRE',
      })
    ).body;
    const writer = yjsClient(server, proposalFieldsDocName(proposal.id), marc);
    await writer.synced();
    const { objectives, budget } = proposalMaps(writer.doc);
    objectives.push([
      newObjective({
        text: 'Réduire le gaspillage',
        actions: [
          {
            text: 'Installer des frigos',
            timeline: 'Hiver 2026',
            indicators: [{ kind: 'quantitative', target: 5, unit: 'frigos' }],
          },
        ],
      }),
    ]);
    budget.push([newBudgetLine({ label: 'Achat', amountRequested: 12000 })]);
    await eventually(async () =>
      expect((await server.db.proposals.findOne({ _id: proposal.id }))?.fields.objectives).toHaveLength(1),
    );
    await api(server, marc, 'POST', `/proposals/${proposal.id}/transition`, { action: 'submit' });
    const adoptedAt = Date.now();
    await api(server, fac, 'POST', `/proposals/${proposal.id}/transition`, { action: 'adopt' });
    await eventually(() => expect(changes).toContain(planId), 2_000);
    expect(Date.now() - adoptedAt).toBeLessThan(2_000);

    const plan = (await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body;
    const theme = plan.themes.find((t) => t.title === 'SÉCURITÉ ALIMENTAIRE')!;
    const action = theme.objectives[0]!.actions[0]!;
    expect(action).toMatchObject({
      text: 'Installer des frigos',
      timeline: 'Hiver 2026',
      proposalId: proposal.id,
      budget: 12000,
    });
    expect(action.indicators[0]).toMatchObject({ target: 5, unit: 'frigos' });

    // Progress: a measure of 3 frigos out of 5 moves the action, its objective and the plan.
    await api(server, fac, 'PATCH', `/plans/${planId}/actions/${action.id}`, { status: 'in_progress' });
    await api(server, fac, 'POST', `/plans/${planId}/indicators/${action.indicators[0]!.id}/measurements`, {
      date: '2026-03-01',
      value: 3,
    });
    const after = (await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body;
    expect(after.progress).toBeCloseTo(0.6);
    // A mistyped measure can be taken back; the progress follows.
    await api(server, fac, 'POST', `/plans/${planId}/indicators/${action.indicators[0]!.id}/measurements`, {
      date: '2026-04-01',
      value: 50,
    });
    const typo = (
      await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)
    ).body.themes[0]!.objectives[0]!.actions[0]!.indicators[0]!.measurements.find((m) => m.value === 50)!;
    expect(
      (
        await api(
          server,
          marc,
          'DELETE',
          `/plans/${planId}/indicators/${action.indicators[0]!.id}/measurements/${typo.id}`,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api(
          server,
          fac,
          'DELETE',
          `/plans/${planId}/indicators/${action.indicators[0]!.id}/measurements/${typo.id}`,
        )
      ).status,
    ).toBe(204);
    expect((await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body.progress).toBeCloseTo(0.6);
    // Adopting again after a reopen replaces the items instead of duplicating them.
    await api(server, fac, 'POST', `/proposals/${proposal.id}/transition`, {
      action: 'reopen',
      reason: 'Ajustement',
    });
    await api(server, marc, 'POST', `/proposals/${proposal.id}/transition`, { action: 'submit' });
    await api(server, fac, 'POST', `/proposals/${proposal.id}/transition`, { action: 'adopt' });
    const again = (await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body;
    expect(again.themes.flatMap((t) => t.objectives)).toHaveLength(1);
    viewer.close();
    writer.destroy();
  });

  it('adopting again after a reopen updates the plan’s items in place: the plan’s own entries stay, the proposal’s changes follow', async () => {
    const year = new Date().getFullYear();
    const planId = (
      await api<PlanView>(server, fac, 'POST', '/plans', { title: 'Plan', periodFrom: year, periodTo: year })
    ).body.id;
    const proposal = (
      await api<ProposalDetail>(server, marc, 'POST', '/proposals', {
        communityId: server.fixtures.communityId,
        title: 'Frigos',
        theme: 'SÉCURITÉ ALIMENTAIRE',
      })
    ).body;
    const projected = async (check: (p: ProposalFieldsView) => void) =>
      eventually(async () => check((await server.db.proposals.findOne({ _id: proposal.id }))!.fields));
    const edit = async (change: (objectives: Y.Array<Y.Map<unknown>>) => void) => {
      const writer = yjsClient(server, proposalFieldsDocName(proposal.id), marc);
      await writer.synced();
      change(proposalMaps(writer.doc).objectives);
      return writer;
    };
    const first = await edit((objectives) =>
      objectives.push([
        newObjective({
          text: 'Réduire le gaspillage',
          actions: [
            {
              text: 'Installer des frigos',
              timeline: '2026',
              indicators: [{ kind: 'quantitative', target: 5, unit: 'frigos' }],
            },
            {
              text: 'Action abandonnée',
              timeline: '2026',
              indicators: [{ kind: 'qualitative', statement: 'Bilan' }],
            },
          ],
        }),
      ]),
    );
    await projected((f) => expect(f.objectives[0]?.actions).toHaveLength(2));
    first.destroy();
    const adopt = async () => {
      expect(
        (await api(server, marc, 'POST', `/proposals/${proposal.id}/transition`, { action: 'submit' }))
          .status,
      ).toBe(200);
      expect(
        (await api(server, fac, 'POST', `/proposals/${proposal.id}/transition`, { action: 'adopt', planId }))
          .status,
      ).toBe(200);
    };
    await adopt();
    const actionsOf = async () =>
      (await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body.themes.flatMap((t) =>
        t.objectives.flatMap((o) => o.actions),
      );
    const [kept, dropped] = await actionsOf();
    // The plan's own work on the action that stays.
    await api(server, fac, 'PATCH', `/plans/${planId}/actions/${kept!.id}`, {
      status: 'in_progress',
      weight: 2,
    });
    await api(server, fac, 'POST', `/plans/${planId}/actions/${kept!.id}/milestones`, {
      date: '2026-05-01',
      label: 'Premier frigo',
    });
    await api(server, fac, 'POST', `/plans/${planId}/indicators/${kept!.indicators[0]!.id}/measurements`, {
      date: '2026-06-01',
      value: 2,
    });

    // Reopened: the action's text changes, the other action goes, a new one comes.
    await api(server, fac, 'POST', `/proposals/${proposal.id}/transition`, {
      action: 'reopen',
      reason: 'Ajustement',
    });
    const second = await edit((objectives) => {
      const actions = objectives.get(0).get('actions') as Y.Array<Y.Map<unknown>>;
      const text = actions.get(0).get('text') as Y.Text;
      text.delete(0, text.length);
      text.insert(0, 'Installer des frigos communautaires');
      actions.delete(1);
      actions.push([newAction({ text: 'Former des bénévoles', timeline: '2027' })]);
    });
    await projected((f) =>
      expect(f.objectives[0]?.actions.map((a) => a.text)).toEqual([
        'Installer des frigos communautaires',
        'Former des bénévoles',
      ]),
    );
    second.destroy();
    await adopt();

    const after = await actionsOf();
    expect(after.map((a) => a.text)).toEqual(['Installer des frigos communautaires', 'Former des bénévoles']);
    expect(after[0]).toMatchObject({
      id: kept!.id,
      status: 'in_progress',
      weight: 2,
      budget: kept!.budget,
      territoryIds: kept!.territoryIds,
      milestones: [expect.objectContaining({ label: 'Premier frigo' })],
    });
    expect(after[0]!.indicators[0]).toMatchObject({
      id: kept!.indicators[0]!.id,
      target: 5,
      measurements: [expect.objectContaining({ value: 2 })],
    });
    // The dropped action and its indicator are gone from the plan.
    expect(
      await server.db.planItems.countDocuments({ _id: { $in: [dropped!.id, dropped!.indicators[0]!.id] } }),
    ).toBe(0);

    // Rolling the same proposal up once more changes nothing.
    const items = async () =>
      (await server.db.planItems.find({ planId }).toArray()).sort((a, b) => a._id.localeCompare(b._id));
    const before = await items();
    await server.app.plans.rollUpAdopted(proposal.id, { id: 'u-fac', name: 'Fanny Animatrice' }, planId);
    expect(await items()).toEqual(before);
  });

  it('removes an entry and ticks a milestone without losing what another writer did to the same action meanwhile', async () => {
    const year = new Date().getFullYear();
    const planId = (
      await api<PlanView>(server, fac, 'POST', '/plans', { title: 'Plan', periodFrom: year, periodTo: year })
    ).body.id;
    const base = { planId, sourceKey: null, proposalId: null, updatedAt: new Date() };
    await server.db.planItems.insertMany([
      { ...base, _id: 'th', kind: 'theme', parentId: null, order: 1, text: 'Thème' },
      { ...base, _id: 'ob', kind: 'objective', parentId: 'th', order: 1, text: 'Objectif' },
      { ...base, _id: 'ac', kind: 'action', parentId: 'ob', order: 1, text: 'Action', milestones: [] },
      {
        ...base,
        _id: 'in',
        kind: 'indicator',
        parentId: 'ac',
        order: 1,
        text: 'Indicateur',
        indicatorKind: 'quantitative',
        target: 10,
        unit: 'frigos',
        measurements: [],
        notes: [],
      },
    ]);
    for (const label of ['Un', 'Deux'])
      await api(server, fac, 'POST', `/plans/${planId}/actions/ac/milestones`, { date: '2026-05-01', label });
    await api(server, fac, 'POST', `/plans/${planId}/indicators/in/measurements`, {
      date: '2026-05-01',
      value: 1,
    });
    const stored = async () => (await server.db.planItems.findOne({ _id: 'ac' }))!;
    const [one, two] = (await stored()).milestones!;

    // Two facilitators tick two milestones of one action at once: both land.
    const ticked = await Promise.all(
      [one!, two!].map((m) =>
        api(server, fac, 'PATCH', `/plans/${planId}/actions/ac/milestones/${m.id}`, { done: true }),
      ),
    );
    expect(ticked.map((r) => r.status)).toEqual([204, 204]);
    expect((await stored()).milestones!.map((m) => m.done)).toEqual([true, true]);

    // Another instance writes between this one's read of the item and its write.
    const meanwhile = (itemId: string, write: () => Promise<unknown>) => {
      const items = server.db.planItems;
      const read = items.findOne.bind(items) as (filter: object) => Promise<PlanItemDoc | null>;
      const spy = vi.spyOn(items, 'findOne').mockImplementation((async (filter: object) => {
        const found = await read(filter);
        if (found?._id === itemId) {
          spy.mockRestore();
          await write();
        }
        return found;
      }) as never);
    };
    meanwhile('ac', () =>
      server.db.planItems.updateOne(
        { _id: 'ac', 'milestones.1.id': two!.id },
        { $set: { 'milestones.1.done': false } },
      ),
    );
    await api(server, fac, 'PATCH', `/plans/${planId}/actions/ac/milestones/${one!.id}`, { done: false });
    expect((await stored()).milestones!.map((m) => m.done)).toEqual([false, false]);

    meanwhile('ac', () =>
      server.db.planItems.updateOne(
        { _id: 'ac' },
        { $push: { milestones: { id: 'm-3', date: '2026-07-01', label: 'Trois', done: false } } },
      ),
    );
    expect(
      (await api(server, fac, 'DELETE', `/plans/${planId}/actions/ac/milestones/${one!.id}`)).status,
    ).toBe(204);
    expect((await stored()).milestones!.map((m) => m.label)).toEqual(['Deux', 'Trois']);

    const [measure] = (await server.db.planItems.findOne({ _id: 'in' }))!.measurements!;
    meanwhile('in', () =>
      server.db.planItems.updateOne(
        { _id: 'in' },
        { $push: { measurements: { id: 'x-2', date: '2026-06-01', value: 4, note: '' } } },
      ),
    );
    expect(
      (await api(server, fac, 'DELETE', `/plans/${planId}/indicators/in/measurements/${measure!.id}`)).status,
    ).toBe(204);
    expect((await server.db.planItems.findOne({ _id: 'in' }))!.measurements!.map((m) => m.value)).toEqual([
      4,
    ]);
  });

  it('adopts a proposal into the plan the facilitator chose, not the newest; refuses an archived or foreign one', async () => {
    const year = new Date().getFullYear();
    const chosen = (
      await api<PlanView>(server, fac, 'POST', '/plans', {
        title: 'Plan choisi',
        periodFrom: year,
        periodTo: year,
      })
    ).body;
    const newest = (
      await api<PlanView>(server, fac, 'POST', '/plans', {
        title: 'Plan récent',
        periodFrom: year,
        periodTo: year + 1,
      })
    ).body;
    const archived = (
      await api<PlanView>(server, fac, 'POST', '/plans', {
        title: 'Plan archivé',
        periodFrom: year,
        periodTo: year,
      })
    ).body;
    expect((await api(server, fac, 'PATCH', `/plans/${archived.id}`, { archived: true })).status).toBe(200);
    const facB = await login(server, server.fixtures.otherOrg.facilitatorEmail);
    const foreign = (
      await api<PlanView>(server, facB, 'POST', '/plans', {
        title: 'Plan de B',
        periodFrom: year,
        periodTo: year,
      })
    ).body;

    const submitted = async (title: string) => {
      const proposal = (
        await api<ProposalDetail>(server, marc, 'POST', '/proposals', {
          communityId: server.fixtures.communityId,
          title,
          theme: 'LOGEMENT',
        })
      ).body;
      const writer = yjsClient(server, proposalFieldsDocName(proposal.id), marc);
      await writer.synced();
      proposalMaps(writer.doc).objectives.push([
        newObjective({
          text: `Objectif ${title}`,
          actions: [{ text: `Action ${title}`, timeline: '2026', indicators: [] }],
        }),
      ]);
      await eventually(async () =>
        expect((await server.db.proposals.findOne({ _id: proposal.id }))?.fields.objectives).toHaveLength(1),
      );
      writer.destroy();
      expect(
        (await api(server, marc, 'POST', `/proposals/${proposal.id}/transition`, { action: 'submit' }))
          .status,
      ).toBe(200);
      return proposal.id;
    };

    const refused = await submitted('Refusée');
    const toArchived = await api(server, fac, 'POST', `/proposals/${refused}/transition`, {
      action: 'adopt',
      planId: archived.id,
    });
    expect(toArchived.status).toBe(409);
    const toForeign = await api(server, fac, 'POST', `/proposals/${refused}/transition`, {
      action: 'adopt',
      planId: foreign.id,
    });
    expect(toForeign.status).toBe(404);
    // Refused before the status moved: still submitted.
    expect((await server.db.proposals.findOne({ _id: refused }))?.status).toBe('submitted');

    const adopted = await submitted('Adoptée');
    const res = await api(server, fac, 'POST', `/proposals/${adopted}/transition`, {
      action: 'adopt',
      planId: chosen.id,
    });
    expect(res.status).toBe(200);
    const actionsOf = async (planId: string) =>
      (await server.db.planItems.find({ planId, kind: 'action' }).toArray()).map((i) => i.text);
    await eventually(async () => expect(await actionsOf(chosen.id)).toEqual(['Action Adoptée']));
    expect(await actionsOf(newest.id)).toEqual([]);
    expect(await actionsOf(foreign.id)).toEqual([]);
  });

  it('names an imported plan after its file’s title, typographic apostrophe and all', async () => {
    const text = seed('concertation-horizon-action-plan-2026.txt').replace(
      "Plan d'action 2026",
      'Plan d’action 2027',
    );
    const imported = await importText(text);
    expect(imported.status).toBe(201);
    expect(imported.body.title).toBe('Plan d’action 2027');
    const plan = (await api<PlanView>(server, marc, 'GET', `/plans/${imported.body.planId}`)).body;
    expect(plan.title).toBe('Plan d’action 2027');
    expect([plan.periodFrom, plan.periodTo]).toEqual([2027, 2027]);
  });

  it('keeps a plan within its organisation: another one neither lists, reads, changes nor exports it', async () => {
    const created = await api<PlanView>(server, fac, 'POST', '/plans', {
      title: 'Plan A',
      periodFrom: 2026,
      periodTo: 2026,
    });
    const planId = created.body.id;
    expect((await server.db.plans.findOne({ _id: planId }))?.organizationId).toBe(
      server.fixtures.organizationId,
    );
    const [facB, memB] = await Promise.all([
      login(server, server.fixtures.otherOrg.facilitatorEmail),
      login(server, server.fixtures.otherOrg.memberEmail),
    ]);
    expect((await api<PlanSummary[]>(server, memB, 'GET', '/plans')).body).toEqual([]);
    expect((await api(server, memB, 'GET', `/plans/${planId}`)).status).toBe(404);
    expect((await api(server, memB, 'GET', `/plans/${planId}/export?format=json`)).status).toBe(404);
    expect((await api(server, facB, 'PATCH', `/plans/${planId}`, { title: 'À moi' })).status).toBe(404);
    expect((await api(server, facB, 'DELETE', `/plans/${planId}`)).status).toBe(404);
    expect(
      (
        await api(server, facB, 'POST', '/plans', {
          title: 'B',
          periodFrom: 2026,
          periodTo: 2026,
          carryOverFrom: planId,
        })
      ).status,
    ).toBe(404);
    expect((await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body.title).toBe('Plan A');
  });

  it('renames, archives (out of the lists unless asked for), unarchives and deletes a plan', async () => {
    const planId = (
      await api<PlanView>(server, fac, 'POST', '/plans', {
        title: 'Brouillon',
        periodFrom: 2026,
        periodTo: 2026,
      })
    ).body.id;
    const titles = async (query = '') =>
      (await api<PlanSummary[]>(server, marc, 'GET', `/plans${query}`)).body.map((p) => p.title);
    expect((await api(server, marc, 'PATCH', `/plans/${planId}`, { title: 'Non' })).status).toBe(403);
    expect((await api(server, fac, 'PATCH', `/plans/${planId}`, { title: '' })).status).toBe(400);
    const renamed = await api<PlanView>(server, fac, 'PATCH', `/plans/${planId}`, {
      title: 'Plan d’action 2026',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('Plan d’action 2026');
    expect(await titles()).toEqual(['Plan d’action 2026']);

    await api(server, fac, 'PATCH', `/plans/${planId}`, { archived: true });
    expect(await titles()).toEqual([]);
    expect(await titles('?archived=1')).toEqual(['Plan d’action 2026']);
    expect((await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body.archived).toBe(true);
    await api(server, fac, 'PATCH', `/plans/${planId}`, { archived: false });
    expect(await titles()).toEqual(['Plan d’action 2026']);

    expect((await api(server, marc, 'DELETE', `/plans/${planId}`)).status).toBe(403);
    expect((await api(server, fac, 'DELETE', `/plans/${planId}`)).status).toBe(204);
    expect((await api(server, marc, 'GET', `/plans/${planId}`)).status).toBe(404);
    expect(await server.db.planItems.countDocuments({ planId })).toBe(0);
    const actions = (await server.db.audit.find({ targetId: planId }).toArray()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['plan:update', 'plan:delete']));
  });

  it('invents no progress: an imported plan has none until people set statuses, measures or milestones', async () => {
    const imported = await importText(seed('concertation-horizon-action-plan-2026.txt'));
    const planId = imported.body.planId!;
    const read = async () => (await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body;
    const plan = await read();
    const actions = plan.themes.flatMap((t) => t.objectives.flatMap((o) => o.actions));
    // "En continu" is a timeline, not half of the work: nobody has said anything yet.
    expect(actions.some((a) => /continu/i.test(a.timeline))).toBe(true);
    expect(new Set(actions.map((a) => a.status))).toEqual(new Set(['unset']));
    expect(plan.progress).toBeNull();
    expect(plan.themes.every((t) => t.progress === null)).toBe(true);

    // A status a person chose without anything measured gives no number either...
    const [first, second, third] = actions;
    await api(server, fac, 'PATCH', `/plans/${planId}/actions/${first!.id}`, { status: 'ongoing' });
    expect((await read()).progress).toBeNull();
    // ...but done is done, and the plan's progress is that of what is known.
    await api(server, fac, 'PATCH', `/plans/${planId}/actions/${second!.id}`, { status: 'done' });
    expect((await read()).progress).toBe(1);
    // Milestones a person entered count: one of two reached.
    for (const label of ['Lancement', 'Bilan'])
      await api(server, fac, 'POST', `/plans/${planId}/actions/${third!.id}/milestones`, {
        date: '2026-06-01',
        label,
      });
    const milestones = (await server.db.planItems.findOne({ _id: third!.id }))!.milestones!;
    await api(server, fac, 'PATCH', `/plans/${planId}/actions/${third!.id}/milestones/${milestones[0]!.id}`, {
      done: true,
    });
    const after = await read();
    const thirdAfter = after.themes
      .flatMap((t) => t.objectives.flatMap((o) => o.actions))
      .find((a) => a.id === third!.id);
    expect(thirdAfter?.progress).toBe(0.5);
    expect(after.progress).toBeCloseTo(0.75);
    // Nobody can set a status back to "not set".
    expect(
      (await api(server, fac, 'PATCH', `/plans/${planId}/actions/${first!.id}`, { status: 'unset' })).status,
    ).toBe(400);
  });

  it('unsets the statuses an earlier importer chose, keeping those a person chose', async () => {
    const imported = await importText(seed('concertation-horizon-action-plan-2026.txt'));
    const planId = imported.body.planId!;
    const ids = (await server.db.planItems.find({ planId, kind: 'action' }).toArray()).map((a) => a._id);
    // As the previous release stored them: "En continu" ongoing, the rest not started, no date.
    await server.db.planItems.updateMany({ planId, kind: 'action' }, { $set: { status: 'not_started' } });
    await server.db.planItems.updateOne({ _id: ids[0] }, { $set: { status: 'ongoing' } });
    // A person chose the second one's status (the audit log says so), then the previous release
    // stored it without a date.
    await api(server, fac, 'PATCH', `/plans/${planId}/actions/${ids[1]}`, { status: 'not_started' });
    await server.db.planItems.updateOne({ _id: ids[1] }, { $unset: { statusChosenAt: '' } });
    // One in progress: only a person sets that.
    await server.db.planItems.updateOne({ _id: ids[2] }, { $set: { status: 'in_progress' } });

    expect(await unsetInventedStatuses(server.db)).toEqual({ unset: ids.length - 2, kept: 1 });
    const status = async (id: string) => (await server.db.planItems.findOne({ _id: id }))!.status;
    expect(await status(ids[0]!)).toBe('unset');
    expect(await status(ids[1]!)).toBe('not_started');
    expect(await status(ids[2]!)).toBe('in_progress');
    expect((await server.db.planItems.findOne({ _id: ids[1] }))!.statusChosenAt).toBeInstanceOf(Date);
    // Once is enough: a second start finds nothing to do.
    expect(await unsetInventedStatuses(server.db)).toEqual({ unset: 0, kept: 0 });
  });

  it('imports a file again into its plan without duplicating it, keeping what people added', async () => {
    const text = seed('concertation-horizon-action-plan-2026.txt');
    const first = await importText(text);
    const planId = first.body.planId!;
    const count = () => server.db.planItems.countDocuments({ planId });
    const before = await count();
    const plan = (await api<PlanView>(server, fac, 'GET', `/plans/${planId}`)).body;
    const action = plan.themes[0]!.objectives[0]!.actions[0]!;
    await api(server, fac, 'PATCH', `/plans/${planId}/actions/${action.id}`, { status: 'in_progress' });

    const again = await importText(text, `?planId=${planId}`);
    expect(again.status).toBe(201);
    expect(await count()).toBe(before);
    const after = (await api<PlanView>(server, fac, 'GET', `/plans/${planId}`)).body;
    expect(after.themes.map((t) => t.objectives.map((o) => o.actions.map((a) => a.id)))).toEqual(
      plan.themes.map((t) => t.objectives.map((o) => o.actions.map((a) => a.id))),
    );
    expect(after.themes[0]!.objectives[0]!.actions[0]!.status).toBe('in_progress');
  });

  it('carries ongoing and unfinished actions over into next year’s plan', async () => {
    const imported = await importText(seed('concertation-horizon-action-plan-2026.txt'));
    const plan = (await api<PlanView>(server, fac, 'GET', `/plans/${imported.body.planId}`)).body;
    const actions = plan.themes.flatMap((t) => t.objectives.flatMap((o) => o.actions));
    const done = actions.find((a) => a.status !== 'ongoing')!;
    await api(server, fac, 'PATCH', `/plans/${plan.id}/actions/${done.id}`, { status: 'done' });
    const next = await api<PlanView>(server, fac, 'POST', '/plans', {
      title: 'Plan d’action 2027',
      periodFrom: 2027,
      periodTo: 2027,
      carryOverFrom: plan.id,
    });
    const carried = next.body.themes.flatMap((t) => t.objectives.flatMap((o) => o.actions));
    expect(carried).toHaveLength(actions.length - 1);
    expect(carried.map((a) => a.id)).not.toContain(done.id);
    expect(next.body.periodFrom).toBe(2027);
  });
});
