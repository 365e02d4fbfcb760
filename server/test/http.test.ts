import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, ForumSummary, SessionInfo } from '@cocon/shared';
import { newId } from '@cocon/shared';
import { createTestServer, type TestServer } from './helpers/testServer.js';
import { emitOk, joinAsGuest, login, socketClient, type Identity } from './helpers/clients.js';

describe('the HTTP API', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await createTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const call = (path: string, init: RequestInit & { identity?: Identity; csrf?: boolean } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.identity) headers.cookie = init.identity.cookie;
    if (init.identity && init.csrf !== false) headers['x-csrf-token'] = init.identity.csrfToken;
    return fetch(`${server.url}/api${path}`, {
      ...init,
      headers: { ...headers, ...(init.headers as object) },
    });
  };

  it('reports health once the database answers', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('signs in with an httpOnly SameSite cookie and refuses wrong passwords', async () => {
    const wrong = await call('/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: server.fixtures.facilitatorEmail, password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: ApiError }).error.code).toBe('bad_credentials');
    const ok = await call('/auth/login', {
      method: 'POST',
      body: JSON.stringify({
        email: server.fixtures.facilitatorEmail.toUpperCase(),
        password: 'correct horse battery staple',
      }),
    });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = (await ok.json()) as SessionInfo;
    expect(session.user).toMatchObject({ role: 'facilitator', kind: 'account' });
    // The database keeps a hash of the token, never the token.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(await server.db.sessions.countDocuments({ _id: token })).toBe(0);
  });

  it('rate-limits repeated sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await call('/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email: 'brute@test.qc', password: `guess-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('answers 415 to a charset or content encoding it does not read, with or without a session', async () => {
    const fac = await login(server, server.fixtures.facilitatorEmail);
    for (const identity of [undefined, fac]) {
      const charset = await call('/forums', {
        method: 'POST',
        identity,
        headers: { 'content-type': 'application/json; charset=evil-1' },
        body: JSON.stringify({ title: 'Charset' }),
      });
      expect(charset.status).toBe(415);
      const encoding = await call('/forums', {
        method: 'POST',
        identity,
        headers: { 'content-encoding': 'compress' },
        body: JSON.stringify({ title: 'Encoding' }),
      });
      expect(encoding.status).toBe(415);
      expect(((await encoding.json()) as { error: ApiError }).error.code).toBe('invalid');
    }
    expect(await server.db.forums.countDocuments({ title: { $in: ['Charset', 'Encoding'] } })).toBe(0);
  });

  it('limits the changes one session makes, whatever they are (issue 12 item 6)', async () => {
    const fac = await login(server, server.fixtures.facilitatorEmail);
    const statuses = await Promise.all(
      Array.from({ length: 160 }, () =>
        call('/forums', { method: 'POST', identity: fac, body: JSON.stringify({}) }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(120);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(20);
    // Reading is not limited, and another person is not slowed down.
    expect((await call('/forums', { identity: fac })).status).toBe(200);
    const other = await login(server, server.fixtures.adminEmail);
    expect(
      (await call('/forums', { method: 'POST', identity: other, body: JSON.stringify({}) })).status,
    ).toBe(400);
  });

  it('lets a guest join with a code and a name, and refuses a wrong code', async () => {
    const bad = await call('/forums/join', {
      method: 'POST',
      body: JSON.stringify({ code: 'NOPE99', displayName: 'Léa' }),
    });
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as { error: ApiError }).error.code).toBe('bad_join_code');
    const guest = await joinAsGuest(server, server.fixtures.joinCode.toLowerCase(), 'Léa');
    const forums = (await (await call('/forums', { identity: guest })).json()) as ForumSummary[];
    expect(forums.map((f) => f.id)).toEqual([server.fixtures.forumId]);
    expect(forums[0]?.joinCode).toBeNull();
    const other = await call(`/forums/${server.fixtures.otherForumId}`, { identity: guest });
    expect(other.status).toBe(404);
  });

  it('requires the CSRF token on state-changing requests of a session', async () => {
    const fac = await login(server, server.fixtures.facilitatorEmail);
    const body = JSON.stringify({ title: 'Forum sans jeton' });
    const missing = await call('/forums', { method: 'POST', identity: fac, csrf: false, body });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: ApiError }).error.code).toBe('csrf');
    const crossSite = await call('/forums', {
      method: 'POST',
      identity: fac,
      body,
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(await server.db.forums.countDocuments({ title: 'Forum sans jeton' })).toBe(0);
  });

  it('lets facilitators create forums with boards, and no one else', async () => {
    const guest = await joinAsGuest(server, server.fixtures.joinCode, 'Léa');
    const member = await login(server, server.fixtures.memberEmail);
    const body = JSON.stringify({ title: 'Forum ouvert 2027', boards: ['Logement', 'Transport'] });
    expect((await call('/forums', { method: 'POST', identity: guest, body })).status).toBe(403);
    expect((await call('/forums', { method: 'POST', identity: member, body })).status).toBe(403);
    const fac = await login(server, server.fixtures.facilitatorEmail);
    const res = await call('/forums', { method: 'POST', identity: fac, body });
    expect(res.status).toBe(201);
    const forum = (await res.json()) as ForumSummary;
    expect(forum.joinCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(forum.boards.map((b) => b.title)).toEqual(['Logement', 'Transport']);
    const joined = await joinAsGuest(server, forum.joinCode!, 'Zoé');
    const board = await call(`/boards/${forum.boards[0]!.id}`, { identity: joined });
    expect(await board.json()).toMatchObject({ title: 'Logement', forumTitle: 'Forum ouvert 2027' });
  });

  it('answers an invalid body with every problem and creates nothing', async () => {
    const fac = await login(server, server.fixtures.facilitatorEmail);
    const res = await call('/forums', {
      method: 'POST',
      identity: fac,
      body: JSON.stringify({ title: '', boards: 'x' }),
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: Required<ApiError> };
    expect(error.code).toBe('invalid');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['boards', 'title']);
    const malformed = await call('/forums', { method: 'POST', identity: fac, body: '{"title": ' });
    expect(malformed.status).toBe(400);
    expect(await server.db.forums.countDocuments({ organizationId: server.fixtures.organizationId })).toBe(2);
  });

  it('exports a board as CSV and Markdown for facilitators only', async () => {
    const { boardId, joinCode } = server.fixtures;
    const guest = await joinAsGuest(server, joinCode, 'Léa');
    const socket = await socketClient(server, guest);
    await emitOk(socket, 'idea:post', {
      boardId,
      ideaId: newId(),
      text: '=HYPERLINK("x") des "guillemets", et virgules',
      anonymous: false,
    });
    await emitOk(socket, 'idea:post', {
      boardId,
      ideaId: newId(),
      text: 'Sécurité alimentaire',
      anonymous: false,
    });
    socket.close();
    expect((await call(`/boards/${boardId}/export?format=csv`, { identity: guest })).status).toBe(403);
    const fac = await login(server, server.fixtures.facilitatorEmail);
    const csv = await (await call(`/boards/${boardId}/export?format=csv`, { identity: fac })).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") des ""guillemets"", et virgules"`);
    const md = await (await call(`/boards/${boardId}/export?format=md`, { identity: fac })).text();
    expect(md).toContain('# Tableau A');
    expect(md).toContain('- Sécurité alimentaire (0 votes · Léa)');
    expect((await call(`/boards/${boardId}/export?format=pdf`, { identity: fac })).status).toBe(400);
  });
});
