import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import mammoth from 'mammoth';
import * as Y from 'yjs';
import {
  newBudgetLine,
  newObjective,
  proposalFieldsDocName,
  proposalMaps,
  type ApiError,
  type BallotView,
  type FundAuditEntry,
  type FundView,
  type PlanView,
  type ProposalDetail,
  type ResultsView,
  type RoundChangedPayload,
  type RoundView,
  type ScenarioView,
} from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import { api, emitOk, login, socketClient, type Identity } from './helpers/clients.js';
import { eventually } from './helpers/eventually.js';

type Err = { error: ApiError };

describe('the consolidated fund and its consultation', () => {
  let server: TestServer;
  let fac: Identity;
  let marc: Identity; // represents partner A (and writes proposals)
  let mia: Identity; // represents partner A too
  let omar: Identity; // represents partner B
  let projects: string[];
  let planId: string;

  /** An adopted proposal asking for `amounts` (dollars) in 2026 and 2027. */
  const adoptedProject = async (title: string, territory: string, amounts: [number, number]) => {
    const created = await api<ProposalDetail>(server, marc, 'POST', '/proposals', {
      communityId: server.fixtures.communityId,
      title,
      theme: 'TRANSPORT',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await server.app.collab.withDocument(proposalFieldsDocName(id), async (managed) => {
      const { fields, objectives, budget } = proposalMaps(managed.doc);
      managed.doc.transact(() => {
        (fields.get('territories') as Y.Map<true>).set(territory, true);
        objectives.push([
          newObjective({
            text: 'Objectif',
            actions: [{ text: `${title} — action 1` }, { text: `${title} — action 2` }],
          }),
        ]);
        budget.push([
          newBudgetLine({ label: 'An 1', amountRequested: amounts[0], year: 2026 }),
          newBudgetLine({ label: 'An 2', amountRequested: amounts[1], year: 2027 }),
        ]);
      });
      await managed.flush();
    });
    expect(
      (await api(server, marc, 'POST', `/proposals/${id}/transition`, { action: 'submit', reason: '' }))
        .status,
    ).toBe(200);
    expect(
      (await api(server, fac, 'POST', `/proposals/${id}/transition`, { action: 'adopt', reason: '' })).status,
    ).toBe(200);
    return id;
  };

  const fundSettings = (partnerA: string, partnerB: string) => ({
    title: 'Fonds régional',
    startYear: 2026,
    years: 3,
    contributions: [
      {
        id: 'a26',
        partnerId: partnerA,
        year: 2026,
        amountCents: 60_000_00,
        earmarkTheme: null,
        earmarkMrc: null,
      },
      {
        id: 'a27',
        partnerId: partnerA,
        year: 2027,
        amountCents: 60_000_00,
        earmarkTheme: null,
        earmarkMrc: null,
      },
      {
        id: 'b26',
        partnerId: partnerB,
        year: 2026,
        amountCents: 40_000_00,
        earmarkTheme: null,
        earmarkMrc: 'mrc-b',
      },
    ],
    themeEnvelopes: [],
    mrcFloors: [{ mrcId: 'mrc-b', amountCents: 10_000_00 }],
  });

  const openRound = async (fundId: string, method: 'points' | 'envelope' = 'points') => {
    const res = await api<RoundView>(server, fac, 'POST', `/funds/${fundId}/rounds`, {
      title: 'Consultation 2026',
      budgetCents: 100_000_00,
      projectIds: projects,
      rules: {
        method,
        pointsPerPartner: 100,
        minPerProjectCents: 5_000_00,
        maxPerProjectCents: 70_000_00,
        applyMrcFloors: true,
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  /** A ballot line body for a line nobody changed yet (baseRev 0). */
  const firstLine = (amount: number, opinion: 'consent' | 'objection' | null = null, reason = '') => ({
    amount,
    opinion,
    reason,
    baseRev: 0,
  });

  const setLine = (who: Identity, roundId: string, projectId: string, body: object) =>
    api<BallotView & Err>(server, who, 'PUT', `/rounds/${roundId}/ballot/lines/${projectId}`, body);

  let fund: FundView;
  beforeEach(async () => {
    server = await createTestServer();
    [fac, marc, mia, omar] = await Promise.all([
      login(server, server.fixtures.facilitatorEmail),
      login(server, server.fixtures.memberEmail),
      login(server, 'mem2@test.qc'),
      login(server, server.fixtures.outsiderEmail),
    ]);
    projects = [
      await adoptedProject('Navette', 'mrc-a', [40_000, 40_000]),
      await adoptedProject('Portrait', 'mrc-b', [20_000, 10_000]),
    ];
    const partnerA = (await api<{ id: string }>(server, fac, 'POST', '/partners', { name: 'Centraide' })).body
      .id;
    const partnerB = (await api<{ id: string }>(server, fac, 'POST', '/partners', { name: 'Fondation' })).body
      .id;
    for (const [partner, email] of [
      [partnerA, 'mem@test.qc'],
      [partnerA, 'mem2@test.qc'],
      [partnerB, 'out@test.qc'],
    ] as const) {
      expect((await api(server, fac, 'POST', `/partners/${partner}/representatives`, { email })).status).toBe(
        200,
      );
    }
    planId = (await server.db.planItems.findOne({ proposalId: projects[0]!, kind: 'action' }))!.planId;
    const saved = await api<FundView>(
      server,
      fac,
      'PUT',
      `/plans/${planId}/fund`,
      fundSettings(partnerA, partnerB),
    );
    expect(saved.status).toBe(200);
    fund = saved.body;
  });
  afterEach(async () => {
    await server.close();
  });

  it('two representatives of one partner edit its ballot at once: every change lands, the facilitator is told of each', async () => {
    const round = await openRound(fund.id);
    const facSocket = await socketClient(server, fac);
    const seen: RoundChangedPayload[] = [];
    facSocket.on('round:changed', (p) => seen.push(p));
    expect(await emitOk(facSocket, 'round:join', { roundId: round.id })).toEqual({
      facilitator: true,
      partnerId: null,
    });
    // A representative hears of their own partner's ballot only.
    const omarSocket = await socketClient(server, omar);
    const omarSaw: RoundChangedPayload[] = [];
    omarSocket.on('round:changed', (p) => omarSaw.push(p));
    const omarJoin = await emitOk(omarSocket, 'round:join', { roundId: round.id });
    expect(omarJoin.facilitator).toBe(false);
    expect(omarJoin.partnerId).not.toBeNull();

    // Ten changes each, on different lines, interleaved without waiting for each other.
    const typist = async (who: Identity, projectId: string, start: number) => {
      let rev = 0;
      for (let i = 1; i <= 10; i++) {
        const res = await setLine(who, round.id, projectId, {
          amount: start + i,
          opinion: 'consent',
          reason: '',
          baseRev: rev,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        rev = res.body.lines.find((l) => l.projectId === projectId)!.rev;
      }
    };
    await Promise.all([typist(marc, projects[0]!, 30), typist(mia, projects[1]!, 20)]);

    const ballot = (await api<BallotView>(server, omar, 'GET', `/rounds/${round.id}/ballot`)).body;
    expect(ballot.used).toBe(0); // partner B's ballot is its own
    const shared = (await api<BallotView>(server, mia, 'GET', `/rounds/${round.id}/ballot`)).body;
    expect(shared.lines.map((l) => [l.amount, l.rev])).toEqual([
      [40, 10],
      [30, 10],
    ]);
    expect(shared.lines[0]!.updatedByName).toBe('Marc Membre');
    expect(shared.lines[1]!.updatedByName).toBe('Mia Membre');
    await eventually(() => expect(seen.filter((p) => p.what === 'ballot')).toHaveLength(20));
    expect(omarSaw).toEqual([]);
    await setLine(omar, round.id, projects[0]!, firstLine(1));
    await eventually(() =>
      expect(omarSaw).toEqual([{ roundId: round.id, what: 'ballot', partnerId: omarJoin.partnerId }]),
    );
    omarSocket.disconnect();

    const results = (await api<ResultsView>(server, fac, 'GET', `/rounds/${round.id}/results`)).body;
    expect(results.projects.map((p) => p.total)).toEqual([41, 30]);
    expect(results.ballots).toBe(2);
    facSocket.disconnect();
  });

  it('refuses a ballot line that breaks a rule, saving nothing, and never overwrites a line changed meanwhile', async () => {
    const round = await openRound(fund.id);
    expect((await setLine(marc, round.id, projects[0]!, firstLine(80))).status).toBe(200);
    const before = (await api<BallotView>(server, marc, 'GET', `/rounds/${round.id}/ballot`)).body;

    const over = await setLine(mia, round.id, projects[1]!, firstLine(21));
    expect(over.status).toBe(400);
    expect(over.body.error.problem).toBe('over_limit');
    const noReason = await setLine(mia, round.id, projects[1]!, firstLine(5, 'objection', ' '));
    expect(noReason.body.error.problem).toBe('reason_required');
    const stale = await setLine(mia, round.id, projects[0]!, firstLine(10));
    expect(stale.status).toBe(409);
    expect(stale.body.error.problem).toBe('line_changed');
    expect(stale.body.error.line).toMatchObject({ amount: 80, rev: 1, updatedByName: 'Marc Membre' });
    const invalid = await setLine(mia, round.id, projects[1]!, { amount: -1, opinion: 'maybe', baseRev: 0 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid');

    expect((await api<BallotView>(server, marc, 'GET', `/rounds/${round.id}/ballot`)).body).toEqual(before);
    // Not a representative: no ballot. The facilitator is not a partner either.
    expect((await setLine(fac, round.id, projects[0]!, firstLine(1))).status).toBe(403);
    expect((await api(server, marc, 'GET', `/rounds/${round.id}/results`)).status).toBe(403);

    await api(server, fac, 'POST', `/rounds/${round.id}/close`);
    const closed = await setLine(marc, round.id, projects[1]!, firstLine(1));
    expect(closed.status).toBe(409);
    expect(closed.body.error.problem).toBe('round_not_open');
  });

  it('envelopes: each partner distributes its share of the budget by contribution', async () => {
    const round = await openRound(fund.id, 'envelope');
    // A contributed 120 000 $ of 160 000 $: 75 000 $ of the 100 000 $ budget; B 25 000 $.
    expect(round.partners.map((p) => [p.name, p.limit])).toEqual([
      ['Centraide', 75_000_00],
      ['Fondation', 25_000_00],
    ]);
    const tooMuch = await setLine(omar, round.id, projects[1]!, firstLine(25_000_01));
    expect(tooMuch.body.error.problem).toBe('over_limit');
    const aboveCap = await setLine(marc, round.id, projects[1]!, firstLine(30_000_01));
    expect(aboveCap.body.error.problem).toBe('above_cap');
  });

  it('closes, compares scenarios against the rules, decides, and the plan and its exports show the budgets', async () => {
    const round = await openRound(fund.id);
    await setLine(marc, round.id, projects[0]!, firstLine(70, 'consent'));
    await setLine(mia, round.id, projects[1]!, firstLine(30, 'objection', 'Déjà financé'));
    await setLine(omar, round.id, projects[1]!, firstLine(100, 'consent'));

    const live = (await api<ResultsView>(server, fac, 'GET', `/rounds/${round.id}/results`)).body;
    expect(live.projects.map((p) => p.total)).toEqual([70, 130]);
    expect(live.projects[1]!.objections).toEqual([
      { partnerId: expect.any(String), partnerName: 'Centraide', reason: 'Déjà financé' },
    ]);
    // Portrait is capped at its request (30 000 $), Navette gets the rest of the 100 000 $ within its 70 000 $ maximum.
    expect(live.projects.map((p) => p.allocatedCents)).toEqual([70_000_00, 30_000_00]);
    expect(live.matchesClosing).toBeNull();

    expect(
      (
        await api(server, fac, 'POST', `/rounds/${round.id}/decision`, {
          scenarioId: 'consultation',
          justification: 'x',
        })
      ).status,
    ).toBe(409);
    expect((await api<RoundView>(server, fac, 'POST', `/rounds/${round.id}/close`)).body.status).toBe(
      'closed',
    );
    const recomputed = (await api<ResultsView>(server, fac, 'GET', `/rounds/${round.id}/results`)).body;
    expect(recomputed.matchesClosing).toBe(true);
    expect(recomputed.projects).toEqual(live.projects);

    const custom = await api<ScenarioView>(server, fac, 'POST', `/rounds/${round.id}/scenarios`, {
      name: 'Tout à la navette',
      allocations: [
        { projectId: projects[0]!, cents: 100_000_00 },
        { projectId: projects[1]!, cents: 0 },
      ],
    });
    expect(custom.status).toBe(201);
    expect(custom.body.violations.map((v) => v.code).sort()).toEqual(['above_cap', 'floor_unmet']);
    const scenarios = (await api<ScenarioView[]>(server, fac, 'GET', `/rounds/${round.id}/scenarios`)).body;
    expect(scenarios.map((s) => s.kind)).toEqual(['consultation', 'equal_per_mrc', 'proportional', 'custom']);
    const consultation = scenarios[0]!;
    expect(consultation.violations).toEqual([]);
    expect(consultation.cashFlow.map((r) => [r.year, r.spendCents])).toEqual([
      [2026, 55_000_00],
      [2027, 45_000_00],
      [2028, 0],
    ]);
    const refused = await api<Err>(server, fac, 'POST', `/rounds/${round.id}/decision`, {
      scenarioId: custom.body.id,
      justification: 'Essai',
    });
    expect(refused.status).toBe(409);

    const decided = await api<RoundView>(server, fac, 'POST', `/rounds/${round.id}/decision`, {
      scenarioId: 'consultation',
      justification: 'Suit la consultation des partenaires.',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({
      scenarioKind: 'consultation',
      justification: 'Suit la consultation des partenaires.',
    });

    const plan = (await api<PlanView>(server, marc, 'GET', `/plans/${planId}`)).body;
    const actions = plan.themes.flatMap((t) => t.objectives.flatMap((o) => o.actions));
    const budgetOf = (proposalId: string) =>
      actions.filter((a) => a.proposalId === proposalId).map((a) => a.budget);
    expect(budgetOf(projects[0]!)).toEqual([35_000, 35_000]);
    expect(budgetOf(projects[1]!)).toEqual([15_000, 15_000]);
    const csv = await (
      await fetch(`${server.url}/api/plans/${planId}/export?format=csv`, { headers: { cookie: marc.cookie } })
    ).text();
    expect(csv).toContain('35000');
    const json = (await (
      await fetch(`${server.url}/api/plans/${planId}/export?format=json`, {
        headers: { cookie: marc.cookie },
      })
    ).json()) as {
      funding: {
        decisions: {
          justification: string;
          totalCents: number;
          allocations: { title: string; cents: number }[];
        }[];
      };
    };
    expect(json.funding.decisions).toEqual([
      expect.objectContaining({
        justification: 'Suit la consultation des partenaires.',
        totalCents: 100_000_00,
        allocations: [
          { proposalId: projects[0], title: 'Navette', cents: 70_000_00 },
          { proposalId: projects[1], title: 'Portrait', cents: 30_000_00 },
        ],
      }),
    ]);
    const docx = Buffer.from(
      await (
        await fetch(`${server.url}/api/plans/${planId}/export?format=docx`, {
          headers: { cookie: marc.cookie },
        })
      ).arrayBuffer(),
    );
    const { value: docxText } = await mammoth.extractRawText({ buffer: docx });
    // Québec typography: a no-break space before the colon.
    expect(docxText).toContain('Justification\u00a0: Suit la consultation des partenaires.');
    expect(docxText).toMatch(/Navette\u00a0: 70\s000,00\s\$/);

    // What the decision spends is no longer available to the next round.
    const after = (await api<FundView>(server, marc, 'GET', `/plans/${planId}/fund`)).body;
    expect(after.decidedByYear).toEqual([
      { year: 2026, cents: 55_000_00 },
      { year: 2027, cents: 45_000_00 },
      { year: 2028, cents: 0 },
    ]);
    const tooBig = await api<Err>(server, fac, 'POST', `/funds/${fund.id}/rounds`, {
      title: 'Encore',
      budgetCents: 60_000_01,
      projectIds: projects,
      rules: {
        method: 'points',
        pointsPerPartner: 10,
        minPerProjectCents: 0,
        maxPerProjectCents: null,
        applyMrcFloors: false,
      },
    });
    expect(tooBig.status).toBe(400);

    const audit = (await api<FundAuditEntry[]>(server, fac, 'GET', `/rounds/${round.id}/audit`)).body;
    expect(audit.map((e) => e.action)).toEqual([
      'round:decide',
      'round:scenario',
      'round:close',
      'ballot:line',
      'ballot:line',
      'ballot:line',
      'round:open',
    ]);
  });

  describe('a decision whose budgets failed midway (issue 12 item 14)', () => {
    const decideFailingMidway = async () => {
      const round = await openRound(fund.id);
      await setLine(marc, round.id, projects[0]!, firstLine(70, 'consent'));
      await setLine(omar, round.id, projects[1]!, firstLine(100, 'consent'));
      expect((await api(server, fac, 'POST', `/rounds/${round.id}/close`)).status).toBe(200);
      // The database goes away after the decision is recorded, before the plan's budgets are set.
      const budgets = vi
        .spyOn(server.app.plans, 'setFundedBudgets')
        .mockRejectedValueOnce(new Error('database unreachable'));
      const body = { scenarioId: 'consultation', justification: 'Suit la consultation.' };
      expect((await api(server, fac, 'POST', `/rounds/${round.id}/decision`, body)).status).toBe(500);
      budgets.mockRestore();
      const stored = await server.db.rounds.findOne({ _id: round.id });
      expect(stored).toMatchObject({ status: 'decided', decisionPending: true });
      return { round, body };
    };
    const budgetsOf = async () =>
      (await server.db.planItems.find({ planId, kind: 'action' }).toArray())
        .map((a) => a.budget ?? 0)
        .sort((a, b) => a - b);
    // The consultation scenario: 70 000 $ and 30 000 $, split over each project's two actions.
    const decided = [15_000, 15_000, 35_000, 35_000];

    it('is finished by its retry, and said once in the audit', async () => {
      const before = await budgetsOf();
      const { round, body } = await decideFailingMidway();
      expect(await budgetsOf()).toEqual(before);
      const retried = await api<RoundView>(server, fac, 'POST', `/rounds/${round.id}/decision`, body);
      expect(retried.status).toBe(200);
      expect(retried.body.status).toBe('decided');
      expect(await budgetsOf()).toEqual(decided);
      expect((await server.db.rounds.findOne({ _id: round.id }))?.decisionPending).toBe(false);
      const trail = await api<FundAuditEntry[]>(server, fac, 'GET', `/rounds/${round.id}/audit`);
      expect(trail.body.filter((e) => e.action === 'round:decide')).toHaveLength(1);
    });

    it('is finished at the next start when nobody retries it', async () => {
      const { round } = await decideFailingMidway();
      await server.restart();
      expect(await server.app.resumeInterrupted()).toEqual({ transitions: 0, decisions: 1 });
      expect(await budgetsOf()).toEqual(decided);
      expect((await server.db.rounds.findOne({ _id: round.id }))?.decisionPending).toBe(false);
    });
  });

  it('keeps the fund within its organisation, and a plan whose fund has a round cannot be deleted', async () => {
    const round = await openRound(fund.id);
    expect((await server.db.rounds.findOne({ _id: round.id }))?.organizationId).toBe(
      server.fixtures.organizationId,
    );
    const [facB, memB] = await Promise.all([
      login(server, server.fixtures.otherOrg.facilitatorEmail),
      login(server, server.fixtures.otherOrg.memberEmail),
    ]);
    expect((await api<unknown[]>(server, memB, 'GET', '/partners')).body).toEqual([]);
    expect((await api(server, memB, 'GET', `/plans/${planId}/fund`)).status).toBe(404);
    expect((await api(server, memB, 'GET', `/rounds/${round.id}`)).status).toBe(404);
    expect((await api(server, memB, 'GET', `/rounds/${round.id}/ballot`)).status).toBe(404);
    for (const path of ['results', 'scenarios', 'audit'])
      expect((await api(server, facB, 'GET', `/rounds/${round.id}/${path}`)).status).toBe(404);
    expect((await api(server, facB, 'POST', `/rounds/${round.id}/close`)).status).toBe(404);
    expect(
      (
        await api(server, facB, 'POST', `/partners/${fund.contributions[0]!.partnerId}/representatives`, {
          email: server.fixtures.otherOrg.memberEmail,
        })
      ).status,
    ).toBe(404);
    // A representative of org A's partner sees the round only while acting in org A.
    expect((await api<RoundView>(server, marc, 'GET', `/rounds/${round.id}`)).body.viewer.partnerId).toBe(
      fund.contributions[0]!.partnerId,
    );

    const refused = await api<Err>(server, fac, 'DELETE', `/plans/${planId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('in_use');
    expect(await server.db.plans.countDocuments({ _id: planId })).toBe(1);
  });

  it('validates fund settings and rounds at the boundary', async () => {
    const bad = await api<Err>(server, fac, 'PUT', `/plans/${planId}/fund`, {
      ...fundSettings('x', 'y'),
      contributions: [
        { id: 'c', partnerId: 'x', year: 2031, amountCents: 1.5, earmarkTheme: null, earmarkMrc: null },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues!.map((i) => i.path)).toEqual(['contributions.0.amountCents']);
    const outside = await api<Err>(server, fac, 'PUT', `/plans/${planId}/fund`, {
      ...fundSettings('x', 'y'),
      contributions: [
        { id: 'c', partnerId: 'x', year: 2031, amountCents: 1, earmarkTheme: null, earmarkMrc: null },
      ],
    });
    expect(outside.body.error.issues).toEqual([
      { path: 'contributions.0.year', message: 'outside the fund years' },
    ]);
    const unknownPartner = await api<Err>(
      server,
      fac,
      'PUT',
      `/plans/${planId}/fund`,
      fundSettings('nobody', 'none'),
    );
    expect(unknownPartner.status).toBe(400);
    expect((await api(server, marc, 'PUT', `/plans/${planId}/fund`, fundSettings('x', 'y'))).status).toBe(
      403,
    );

    const draft = await api<ProposalDetail>(server, marc, 'POST', '/proposals', {
      communityId: server.fixtures.communityId,
      title: 'Brouillon',
      theme: '',
    });
    const notAdopted = await api<Err>(server, fac, 'POST', `/funds/${fund.id}/rounds`, {
      title: 'R',
      budgetCents: 1_00,
      projectIds: [draft.body.id],
      rules: {
        method: 'points',
        pointsPerPartner: 10,
        minPerProjectCents: 0,
        maxPerProjectCents: null,
        applyMrcFloors: false,
      },
    });
    expect(notAdopted.status).toBe(400);
    expect(notAdopted.body.error.message).toMatch(/adopted/);
  });
});
