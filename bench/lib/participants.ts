import * as Y from 'yjs';
import WebSocket from 'ws';
import { io, type Socket } from 'socket.io-client';
import { WebsocketProvider } from 'y-websocket';
import { boardDocName, type Ack } from '@cocon/shared';
import { WireClient } from './yjsWire.js';
import { joinGuest } from './fixtures.js';
import type { ScenarioContext } from './scenario.js';

/**
 * One forum participant as each target knows it. On ours: a guest session, a read-only board
 * connection and a socket.io connection for intents. On the relay: a connection that writes
 * its own updates (the relay has no intents).
 */
export interface Participant {
  wire: WireClient;
  post(ideaId: string, text: string): void;
  react(ideaId: string): void;
  close(): void;
}

export async function guestCookie(ctx: ScenarioContext, name: string): Promise<string | undefined> {
  if (!ctx.fixtures) return undefined;
  return joinGuest(ctx.target.httpUrl, ctx.fixtures.joinCode, name);
}

/** Participant `index` goes to one of the instances under test, round robin. */
export const instanceFor = (ctx: ScenarioContext, index: number) => {
  const all = [ctx.target, ...(ctx.peers ?? [])];
  return all[index % all.length]!;
};

export async function connectParticipant(
  ctx: ScenarioContext,
  boardId: string,
  cookie: string | undefined,
  onUpdate: (update: Uint8Array) => void,
  index = 0,
): Promise<Participant> {
  const target = instanceFor(ctx, index);
  const url = `${target.yjsUrl}/${boardDocName(boardId)}`;
  const wire = new WireClient(url, { cookie, onUpdate });
  if (ctx.target.name === 'relay') {
    // Writes go straight into the shared document; nothing to receive locally.
    const local = new Y.Doc();
    local.on('update', (update: Uint8Array) => wire.sendUpdate(update));
    return {
      wire,
      post(ideaId, text) {
        const idea = new Y.Map<unknown>();
        idea.set('id', ideaId);
        idea.set('text', text);
        local.getMap('ideas').set(ideaId, idea);
      },
      react(ideaId) {
        local.getMap('reactions').set(`${ideaId}|${local.clientID}`, true);
      },
      close() {
        wire.close();
        local.destroy();
      },
    };
  }
  const socket: Socket = io(target.httpUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie: cookie ?? '' },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const emit = (event: string, payload: unknown) =>
    socket.emit(event, payload, (_ack: Ack<unknown>) => undefined);
  return {
    wire,
    post(ideaId, text) {
      emit('idea:post', { boardId, ideaId, text, anonymous: false });
    },
    react(ideaId) {
      emit('idea:react', { boardId, ideaId, reaction: 'like', on: true });
    },
    close() {
      socket.close();
      wire.close();
    },
  };
}

/** A stock y-websocket WebsocketProvider, as the browser uses, holding the full document. */
export function realProvider(ctx: ScenarioContext, docName: string, cookie: string | undefined, index = 0) {
  const doc = new Y.Doc();
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  const provider = new WebsocketProvider(instanceFor(ctx, index).yjsUrl, docName, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}
