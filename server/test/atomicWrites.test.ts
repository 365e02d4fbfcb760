import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanView, ProposalCommentView, ProposalDetail } from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import { api, login, type Identity } from './helpers/clients.js';

/**
 * FerretDB v1 applies a filtered update as a read then a write, so concurrent updates of one
 * document lose writes. These run many at once against the real test database: every write
 * must land, and a compare-and-set must have one winner.
 */
describe('concurrent writes to one document', () => {
  let server: TestServer;
  let fac: Identity;
  let marc: Identity;
  let proposalId: string;
  beforeEach(async () => {
    server = await createTestServer();
    fac = await login(server, server.fixtures.facilitatorEmail);
    marc = await login(server, server.fixtures.memberEmail);
    const created = await api<ProposalDetail>(server, marc, 'POST', '/proposals', {
      communityId: server.fixtures.communityId,
      title: 'Concurrence',
      theme: '',
    });
    proposalId = created.body.id;
  });
  afterEach(async () => {
    await server.close();
  });

  it('keeps every one of 40 simultaneous replies to one comment', async () => {
    const comment = await api<ProposalCommentView>(
      server,
      marc,
      'POST',
      `/proposals/${proposalId}/comments`,
      {
        anchor: { kind: 'field', path: 'title' },
        text: 'Fil',
      },
    );
    expect(comment.status).toBe(201);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api(
          server,
          i % 2 ? marc : fac,
          'POST',
          `/proposals/${proposalId}/comments/${comment.body.id}/replies`,
          {
            text: `réponse ${i}`,
          },
        ),
      ),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const stored = await server.db.proposalComments.findOne({ _id: comment.body.id });
    expect(stored!.replies).toHaveLength(40);
  });

  it('lets exactly one of 8 simultaneous reviewers adopt a proposal', async () => {
    await api(server, marc, 'POST', `/proposals/${proposalId}/transition`, { action: 'submit', reason: '' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api(server, fac, 'POST', `/proposals/${proposalId}/transition`, {
          action: i % 2 ? 'adopt' : 'decline',
          reason: 'motif',
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7);
  });

  it('keeps every one of 30 simultaneous measures of one indicator', async () => {
    await api(server, marc, 'POST', `/proposals/${proposalId}/transition`, { action: 'submit', reason: '' });
    await api(server, fac, 'POST', `/proposals/${proposalId}/transition`, { action: 'adopt', reason: '' });
    const plans = (await api<{ id: string }[]>(server, fac, 'GET', '/plans')).body;
    const indicator = await server.db.planItems.insertOne({
      _id: 'ind-1',
      planId: plans[0]!.id,
      kind: 'indicator',
      parentId: null,
      order: 1,
      text: 'Rencontres',
      sourceKey: null,
      proposalId: null,
      indicatorKind: 'quantitative',
      target: 100,
      unit: '',
      measurements: [],
      notes: [],
      updatedAt: new Date(),
    });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api(server, fac, 'POST', `/plans/${plans[0]!.id}/indicators/${indicator.insertedId}/measurements`, {
          date: '2026-05-01',
          value: i,
          note: '',
        }),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect((await server.db.planItems.findOne({ _id: 'ind-1' }))!.measurements).toHaveLength(30);
    expect((await api<PlanView>(server, fac, 'GET', `/plans/${plans[0]!.id}`)).status).toBe(200);
  });
});
