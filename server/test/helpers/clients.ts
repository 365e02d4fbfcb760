import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientEventName,
  ClientEventPayload,
  ClientEventResults,
  ClientToServerEvents,
  ServerToClientEvents,
  SessionInfo,
  JoinResult,
} from '@cocon/shared';
import { PASSWORD, type TestServer } from './testServer.js';
import { eventually } from './eventually.js';

export interface Identity {
  cookie: string;
  csrfToken: string;
  userId: string;
}

function cookieFrom(res: Response): string {
  const header = res.headers.get('set-cookie');
  if (!header) throw new Error('no cookie set');
  return header.split(';')[0]!;
}

export async function login(server: TestServer, email: string, password = PASSWORD): Promise<Identity> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const info = (await res.json()) as SessionInfo;
  return { cookie: cookieFrom(res), csrfToken: info.csrfToken!, userId: info.user!.id };
}

export async function joinAsGuest(server: TestServer, code: string, displayName: string): Promise<Identity> {
  const res = await fetch(`${server.url}/api/forums/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, displayName }),
  });
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  const result = (await res.json()) as JoinResult;
  return { cookie: cookieFrom(res), csrfToken: result.session.csrfToken!, userId: result.session.user!.id };
}

/** A stock y-websocket provider, as the browser uses, sending the session cookie. */
export function yjsClient(server: TestServer, docName: string, identity: Identity | null) {
  const doc = new Y.Doc();
  const cookie = identity?.cookie;
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  const provider = new WebsocketProvider(`${server.wsUrl}/yjs`, docName, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = () =>
    eventually(() => {
      if (!provider.synced) throw new Error('not synced');
    });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export type AppClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function socketClient(server: TestServer, identity: Identity): Promise<AppClientSocket> {
  const socket: AppClientSocket = io(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie: identity.cookie },
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function emit<E extends ClientEventName>(
  socket: AppClientSocket,
  event: E,
  payload: ClientEventPayload<E>,
): Promise<Ack<ClientEventResults[E]>> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, p: unknown, ack: (r: Ack<ClientEventResults[E]>) => void) => void)(
      event,
      payload,
      resolve,
    );
  });
}

/** Emits and insists on success. */
export async function emitOk<E extends ClientEventName>(
  socket: AppClientSocket,
  event: E,
  payload: ClientEventPayload<E>,
): Promise<ClientEventResults[E]> {
  const ack = await emit(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** A raw WebSocket to /yjs with a cookie, for hand-crafted messages. */
export function rawYjsSocket(server: TestServer, docName: string, identity: Identity | null): WebSocket {
  return new WebSocket(
    `${server.wsUrl}/yjs/${docName}`,
    identity ? { headers: { cookie: identity.cookie } } : {},
  );
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when it was accepted. */
export function upgradeStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => undefined);
  });
}

/** JSON call to /api with the identity's cookie and CSRF token. */
export async function api<T>(
  server: TestServer,
  identity: Identity | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (identity) {
    headers.cookie = identity.cookie;
    headers['x-csrf-token'] = identity.csrfToken;
  }
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
