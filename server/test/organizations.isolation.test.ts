import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardDocName,
  clientEventSchemas,
  moderationDocName,
  newId,
  proposalFieldsDocName,
  proposalTextDocName,
  type ClientEventName,
  type ProposalDetail,
} from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import {
  api,
  emit,
  joinAsGuest,
  login,
  rawYjsSocket,
  socketClient,
  upgradeStatus,
  type Identity,
} from './helpers/clients.js';

/**
 * A person of organisation B, with a hand-crafted client, can list, open, join or change nothing
 * of organisation A: every /api route (enumerated from the router, so routes added later are
 * covered), every socket.io event and every kind of Yjs document.
 */
describe('organisations are isolated', () => {
  let server: TestServer;
  let adminA: Identity;
  let adminB: Identity;
  let facilitatorB: Identity;
  /** Ids of organisation A's things, by the route parameter that names them. */
  const idsOfA: Record<string, string> = {};
  const idOfCollection: Record<string, string> = {};
  /** Strings only organisation A's data contains: none may appear in what B reads. */
  let markersOfA: string[] = [];

  beforeAll(async () => {
    server = await createTestServer();
    const f = server.fixtures;
    adminA = await login(server, f.adminEmail);
    const facilitatorA = await login(server, f.facilitatorEmail);
    adminB = await login(server, f.otherOrg.adminEmail);
    facilitatorB = await login(server, f.otherOrg.facilitatorEmail);

    const ok = async <T>(p: Promise<{ status: number; body: T }>): Promise<T> => {
      const res = await p;
      if (res.status >= 300) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const proposal = await ok(
      api<ProposalDetail>(server, facilitatorA, 'POST', '/proposals', {
        communityId: f.communityId,
        title: 'Épiceries solidaires Alpha',
        theme: 'LOGEMENT',
      }),
    );
    const comment = await ok(
      api<{ id: string }>(server, facilitatorA, 'POST', `/proposals/${proposal.id}/comments`, {
        anchor: { kind: 'field', path: 'title' },
        text: 'Commentaire Alpha',
      }),
    );
    const version = await ok(
      api<{ id: string }>(server, facilitatorA, 'POST', `/proposals/${proposal.id}/versions`, {
        name: 'Version Alpha',
      }),
    );
    const plan = await ok(
      api<{ id: string }>(server, facilitatorA, 'POST', '/plans', {
        title: 'Plan Alpha',
        periodFrom: 2026,
        periodTo: 2027,
      }),
    );
    const partner = await ok(
      api<{ id: string }>(server, facilitatorA, 'POST', '/partners', { name: 'Partenaire Alpha' }),
    );
    const territory = await ok(
      api<{ id: string }>(server, adminA, 'POST', '/territories', { name: 'MRC Alpha', kind: 'mrc' }),
    );
    // Fund, round, scenario, plan item and invitation ids need not be complete records: a route
    // of B must refuse them before reading further.
    const now = new Date();
    const itemId = `item-${newId(8)}`;
    await server.db.planItems.insertOne({
      _id: itemId,
      planId: plan.id,
      kind: 'action',
      parentId: null,
      order: 1,
      text: 'Action Alpha',
      sourceKey: null,
      proposalId: null,
      updatedAt: now,
    });
    const invitationId = `inv-${newId(8)}`;
    await server.db.invitations.insertOne({
      _id: invitationId,
      organizationId: f.organizationId,
      email: 'alpha-invite@test.qc',
      role: 'member',
      communityIds: [],
      partnerId: null,
      tokenHash: newId(20),
      invitedBy: 'u-adm',
      invitedByName: 'Alice Admin',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 3600_000),
      acceptedAt: null,
      revokedAt: null,
    });
    const roundId =
      (await server.db.rounds.findOne({ organizationId: f.organizationId }))?._id ?? 'round-alpha';
    const fundId = (await server.db.funds.findOne({ organizationId: f.organizationId }))?._id ?? 'fund-alpha';

    Object.assign(idsOfA, {
      forumId: f.forumId,
      boardId: f.boardId,
      communityId: f.communityId,
      proposalId: proposal.id,
      commentId: comment.id,
      versionId: version.id,
      planId: plan.id,
      itemId,
      actionId: itemId,
      indicatorId: itemId,
      partnerId: partner.id,
      territoryId: territory.id,
      invitationId,
      userId: 'u-mem',
      roundId,
      fundId,
      scenarioId: 'scenario-alpha',
      milestoneId: 'milestone-alpha',
      measurementId: 'measure-alpha',
      noteId: 'note-alpha',
      entryId: 'entry-alpha',
      representativeId: 'u-mem',
      projectId: proposal.id,
    });
    // `:id` names a thing of the collection just before it in the path.
    Object.assign(idOfCollection, {
      territories: territory.id,
      communities: f.communityId,
      people: 'u-mem',
      invitations: invitationId,
    });
    markersOfA = [
      f.forumId,
      f.boardId,
      f.communityId,
      proposal.id,
      plan.id,
      partner.id,
      territory.id,
      'Forum A',
      'Table A',
      'Sécurité alimentaire',
      'Épiceries solidaires Alpha',
      'Plan Alpha',
      'Partenaire Alpha',
      'MRC Alpha',
      'alpha-invite@test.qc',
      'mem@test.qc',
    ];
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Everything stored about organisation A, to compare before and after B's attempts. */
  const snapshotOfA = async () => {
    const orgId = server.fixtures.organizationId;
    const byOrg = { organizationId: orgId };
    const plans = await server.db.plans.find(byOrg).toArray();
    const proposals = await server.db.proposals.find(byOrg).toArray();
    const ids = proposals.map((p) => p._id);
    const strip = <T extends object>(docs: T[]) =>
      JSON.stringify(docs.map((d) => ({ ...d, projectedAt: undefined, projectionRev: undefined })));
    return [
      strip(await server.db.organizations.find({ _id: orgId }).toArray()),
      strip(await server.db.forums.find(byOrg).toArray()),
      strip(await server.db.boards.find(byOrg).toArray()),
      strip(await server.db.communities.find(byOrg).toArray()),
      strip(await server.db.territories.find(byOrg).toArray()),
      strip(await server.db.memberships.find(byOrg).toArray()),
      strip(await server.db.orgMembers.find(byOrg).toArray()),
      strip(await server.db.invitations.find(byOrg).toArray()),
      strip(await server.db.partners.find(byOrg).toArray()),
      strip(await server.db.funds.find(byOrg).toArray()),
      strip(await server.db.rounds.find(byOrg).toArray()),
      strip(plans),
      strip(await server.db.planItems.find({ planId: { $in: plans.map((p) => p._id) } }).toArray()),
      strip(proposals.map((p) => ({ ...p, fields: undefined, text: undefined, searchText: undefined }))),
      strip(await server.db.proposalComments.find({ proposalId: { $in: ids } }).toArray()),
      strip(
        (await server.db.proposalVersions.find({ proposalId: { $in: ids } }).toArray()).map((v) => ({
          id: v._id,
          name: v.name,
        })),
      ),
      String(await server.db.audit.countDocuments(byOrg)),
      String(await server.db.sessions.countDocuments({ organizationId: orgId })),
    ];
  };

  /**
   * Bodies that pass validation, so that the refusal is the organisation's: a route sampled here
   * (or one without a body) must answer 403 or 404 for A's thing, not 400. Routes of the fund whose
   * bodies are long (settings, rounds, ballots, scenarios, decisions) are not sampled: for them
   * any refusal passes, and fund.test.ts checks their organisation bounds with real bodies.
   */
  // Ids of organisation A's fixtures (server/test/helpers/testServer.ts): 'org', 'cdp-a'.
  const samples: Record<string, unknown> = {
    'POST /proposals/:proposalId/transition': { action: 'submit', reason: '' },
    'POST /proposals/:proposalId/versions': { name: 'Intrusion' },
    'POST /proposals/:proposalId/comments': { anchor: { kind: 'field', path: 'title' }, text: 'Intrusion' },
    'POST /proposals/:proposalId/comments/:commentId/replies': { text: 'Intrusion' },
    'POST /proposals/:proposalId/comments/:commentId/resolve': { resolved: true },
    'PUT /territories/:id': { name: 'Intrusion', kind: 'ville' },
    'PUT /communities/:id': { name: 'Intrusion', themes: [], memberIds: [] },
    'PUT /people/:id': { role: 'reader', communityIds: [], partnerId: null, active: false },
    'POST /session/organization': { organizationId: 'org' },
    'POST /proposals': { communityId: 'cdp-a', title: 'Intrusion', theme: 'LOGEMENT' },
    'POST /forums/:forumId/boards': { title: 'Intrusion', communityId: null },
    'POST /proposals/:proposalId/share': {},
    'POST /proposals/:proposalId/versions/:versionId/restore': {},
    'POST /partners/:partnerId/representatives': { email: 'mem@test.qc' },
    'PATCH /plans/:planId': { title: 'Intrusion' },
    'PATCH /plans/:planId/actions/:actionId': { status: 'done' },
    'POST /plans/:planId/actions/:actionId/milestones': {
      date: '2026-05-01',
      label: 'Intrusion',
      done: false,
    },
    'POST /plans/:planId/indicators/:indicatorId/measurements': { date: '2026-05-01', value: 1, note: '' },
    'POST /plans/:planId/indicators/:indicatorId/notes': { date: '2026-05-01', text: 'Intrusion' },
    'PATCH /plans/:planId/actions/:actionId/milestones/:milestoneId': { done: true },
    'POST /rounds/:roundId/close': {},
    'POST /rounds/:roundId/reopen': {},
  };
  const bodyFor = (method: string, path: string): unknown =>
    method === 'GET' || method === 'DELETE' ? undefined : (samples[`${method} ${path}`] ?? {});
  const sampled = (method: string, path: string) =>
    method === 'GET' || method === 'DELETE' || `${method} ${path}` in samples;

  const fill = (path: string): string =>
    path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      // Tokens of e-mailed links are not organisation ids: those routes are public by design.
      if (name === 'token') return 'x'.repeat(43);
      const id = name === 'id' ? idOfCollection[path.split('/').at(-2) ?? ''] : idsOfA[name];
      if (!id) throw new Error(`no id of organisation A for route parameter :${name} (in ${path})`);
      return id;
    });

  it('refuses every /api route of organisation A to an admin of organisation B', async () => {
    const before = await snapshotOfA();
    const routes = server.app.routes;
    expect(routes.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    const people = { admin: adminB, facilitator: facilitatorB };
    for (const route of routes) {
      const hasParams = route.path.includes(':');
      for (const who of ['admin', 'facilitator'] as const) {
        // Routes such as logout end the session: sign in again for the next one.
        if ((await api<{ user: unknown }>(server, people[who], 'GET', '/session')).body.user === null) {
          const f = server.fixtures.otherOrg;
          people[who] = await login(server, who === 'admin' ? f.adminEmail : f.facilitatorEmail);
        }
        const identity = people[who];
        const res = await api<unknown>(
          server,
          identity,
          route.method,
          // Exports need their format, or they stop at the query's validation.
          fill(route.path) +
            (route.path.endsWith('/export')
              ? route.path.startsWith('/proposals')
                ? '?format=pdf'
                : '?format=csv'
              : ''),
          bodyFor(route.method, route.path),
        );
        const text = JSON.stringify(res.body ?? '');
        const leaked = markersOfA.filter((m) => text.includes(m));
        if (leaked.length > 0) leaks.push(`${route.method} ${route.path} showed ${leaked.join(', ')}`);
        if (res.status >= 500) leaks.push(`${route.method} ${route.path} answered ${res.status}`);
        // A route that names one of A's things must refuse it, never succeed; with a valid body,
        // the refusal is the organisation's (403 forbidden, 404 not found), not a 400.
        const publicByDesign = route.path.includes(':token');
        if (hasParams && !publicByDesign) {
          const refused = sampled(route.method, route.path)
            ? [403, 404].includes(res.status)
            : res.status >= 400;
          if (!refused) leaks.push(`${route.method} ${route.path} answered ${res.status} for A's thing`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshotOfA()).toEqual(before);
  });

  it('refuses every Yjs document kind of organisation A', async () => {
    const f = server.fixtures;
    const proposalId = idsOfA.proposalId!;
    const docs = [
      boardDocName(f.boardId),
      moderationDocName(f.boardId),
      proposalTextDocName(proposalId),
      proposalFieldsDocName(proposalId),
    ];
    adminB = await login(server, f.otherOrg.adminEmail);
    facilitatorB = await login(server, f.otherOrg.facilitatorEmail);
    const guestB = await joinAsGuest(server, f.otherOrg.joinCode, 'Invité B');
    for (const identity of [adminB, facilitatorB, guestB]) {
      for (const doc of docs) {
        const status = await upgradeStatus(rawYjsSocket(server, doc, identity));
        expect([403, 404], `${doc}`).toContain(status);
      }
    }
  });

  it('refuses every socket.io event on organisation A', async () => {
    const f = server.fixtures;
    adminB = await login(server, f.otherOrg.adminEmail);
    const socket = await socketClient(server, adminB);
    const ids = { boardId: f.boardId, ideaId: newId(), groupId: newId(), commentId: newId() };
    const payloads: Record<ClientEventName, unknown> = {
      'board:join': { boardId: ids.boardId },
      'board:leave': { boardId: ids.boardId },
      'proposal:join': { proposalId: idsOfA.proposalId },
      'proposal:leave': { proposalId: idsOfA.proposalId },
      'plan:join': { planId: idsOfA.planId },
      'plan:leave': { planId: idsOfA.planId },
      'round:join': { roundId: idsOfA.roundId },
      'round:leave': { roundId: idsOfA.roundId },
      'idea:post': { boardId: ids.boardId, ideaId: ids.ideaId, text: 'Intrusion', anonymous: false },
      'idea:edit': { boardId: ids.boardId, ideaId: ids.ideaId, text: 'Intrusion' },
      'idea:delete': { boardId: ids.boardId, ideaId: ids.ideaId },
      'idea:react': { boardId: ids.boardId, ideaId: ids.ideaId, reaction: 'like', on: true },
      'idea:vote': { boardId: ids.boardId, ideaId: ids.ideaId, delta: 1 },
      'idea:group': { boardId: ids.boardId, ideaId: ids.ideaId, groupId: null },
      'comment:add': {
        boardId: ids.boardId,
        ideaId: ids.ideaId,
        commentId: ids.commentId,
        text: 'Intrusion',
      },
      'comment:delete': { boardId: ids.boardId, ideaId: ids.ideaId, commentId: ids.commentId },
      'mod:hide': { boardId: ids.boardId, ideaId: ids.ideaId, reason: 'Intrusion' },
      'mod:restore': { boardId: ids.boardId, ideaId: ids.ideaId },
      'mod:approve': { boardId: ids.boardId, ideaIds: [ids.ideaId] },
      'ideas:hide': { boardId: ids.boardId, ideaIds: [ids.ideaId], reason: 'Intrusion' },
      'ideas:group': { boardId: ids.boardId, ideaIds: [ids.ideaId], groupId: null },
      'participant:remove': { boardId: ids.boardId, ideaId: ids.ideaId },
      'board:reveal': { boardId: ids.boardId, what: 'ideas' },
      'board:mine': { boardId: ids.boardId },
      'board:settings': { boardId: ids.boardId, locked: true },
      'board:timer': { boardId: ids.boardId, action: 'clear' },
      'board:spotlight': { boardId: ids.boardId, ideaId: null },
      'group:create': { boardId: ids.boardId, groupId: ids.groupId, name: 'Intrusion' },
      'group:rename': { boardId: ids.boardId, groupId: ids.groupId, name: 'Intrusion' },
      'group:delete': { boardId: ids.boardId, groupId: ids.groupId },
    } as Record<ClientEventName, unknown>;
    const events = Object.keys(clientEventSchemas) as ClientEventName[];
    const missing = events.filter((e) => !(e in payloads));
    expect(missing, 'every event needs a payload aimed at organisation A').toEqual([]);
    // Each payload is valid, so a refusal is the organisation's, not the schema's.
    const malformed = events.filter((e) => !clientEventSchemas[e].safeParse(payloads[e]).success);
    expect(malformed).toEqual([]);
    const accepted: string[] = [];
    for (const event of events) {
      if (event.endsWith(':leave')) continue; // leaving a room one is not in is harmless
      const ack = await emit(socket, event, payloads[event] as never);
      if (ack.ok) accepted.push(event);
      else expect(['not_found', 'forbidden'], `${event}: ${ack.error.code}`).toContain(ack.error.code);
    }
    socket.disconnect();
    expect(accepted).toEqual([]);
  });
});
