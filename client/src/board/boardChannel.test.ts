import { describe, expect, it } from 'vitest';
import type { Ack, PresencePayload } from '@cocon/shared';
import { BoardChannel, type ChannelSocket } from './boardChannel';

type Listener = (...args: never[]) => void;

/** Enough of socket.io's client to drive the channel by hand. */
class FakeSocket implements ChannelSocket {
  connected = false;
  active = true;
  sent: { event: string; payload: unknown; ack: (result: unknown) => void }[] = [];
  private listeners = new Map<string, Listener>();
  connect() {
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, listener);
    return this;
  }
  off() {
    this.listeners.clear();
    return this;
  }
  emit(event: string, payload: unknown, ack: (result: unknown) => void) {
    this.sent.push({ event, payload, ack });
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    (this.listeners.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args);
  }
  goOnline() {
    this.connected = true;
    this.fire('connect');
  }
  goOffline(reason = 'transport close') {
    this.connected = false;
    this.fire('disconnect', reason);
  }
  answer(index: number, result: Ack<unknown>) {
    this.sent[index]?.ack(result);
  }
}

const joinAck: Ack<unknown> = {
  ok: true,
  data: { role: 'participant', userId: 'u1', displayName: 'Ana', serverTime: 1_000 },
};

function setup() {
  const socket = new FakeSocket();
  const channel = new BoardChannel('board-1', socket);
  channel.start();
  return { socket, channel };
}

describe('BoardChannel', () => {
  it('joins on connect and sends intents after the join ack', async () => {
    const { socket, channel } = setup();
    const posted = channel.send('idea:post', { boardId: 'board-1', ideaId: 'idea-1', text: 'Salut' });
    expect(channel.getState().pending).toBe(1);
    socket.goOnline();
    expect(socket.sent.map((s) => s.event)).toEqual(['board:join']);
    socket.answer(0, joinAck);
    expect(channel.getState().joined?.role).toBe('participant');
    expect(socket.sent.map((s) => s.event)).toEqual(['board:join', 'idea:post']);
    socket.answer(1, { ok: true, data: { ideaId: 'idea-1' } });
    await expect(posted).resolves.toEqual({ ok: true, data: { ideaId: 'idea-1' } });
    expect(channel.getState().pending).toBe(0);
  });

  it('replays idempotent intents after a disconnect but fails votes', async () => {
    const { socket, channel } = setup();
    socket.goOnline();
    socket.answer(0, joinAck);
    const posted = channel.send('idea:post', { boardId: 'board-1', ideaId: 'idea-1', text: 'Salut' });
    const voted = channel.send('idea:vote', { boardId: 'board-1', ideaId: 'idea-1', delta: 1 });
    socket.goOffline();
    await expect(voted).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(channel.getState().pending).toBe(1);
    expect(channel.getState().socketStatus).toBe('disconnected');
    socket.goOnline();
    expect(socket.sent.at(-1)?.event).toBe('board:join');
    socket.answer(socket.sent.length - 1, joinAck);
    expect(socket.sent.at(-1)?.event).toBe('idea:post');
    socket.sent.at(-1)?.ack({ ok: true, data: { ideaId: 'idea-1' } });
    await expect(posted).resolves.toMatchObject({ ok: true });
    expect(channel.getState().pending).toBe(0);
  });

  it('reports a refused join and keeps presence for its board only', () => {
    const { socket, channel } = setup();
    socket.goOnline();
    socket.answer(0, { ok: false, error: { code: 'forbidden', message: 'no' } });
    expect(channel.getState().joinError?.code).toBe('forbidden');
    const presence: PresencePayload = { boardId: 'other', count: 3, names: [] };
    socket.fire('presence', presence);
    expect(channel.getState().presence).toBeNull();
    socket.fire('presence', { ...presence, boardId: 'board-1' });
    expect(channel.getState().presence?.count).toBe(3);
  });

  it('measures the server clock offset at join', () => {
    const socket = new FakeSocket();
    let now = 10_000;
    const channel = new BoardChannel('board-1', socket, () => now);
    channel.start();
    socket.goOnline();
    now = 10_200; // 200 ms round trip: the server answered at about 10_100 on our clock
    socket.answer(0, {
      ok: true,
      data: { role: 'participant', userId: 'u1', displayName: 'Ana', serverTime: 70_100 },
    });
    expect(channel.getState().clockOffsetMs).toBe(60_000);
  });

  it('settles everything on stop', async () => {
    const { channel } = setup();
    const queued = channel.send('idea:react', {
      boardId: 'board-1',
      ideaId: 'idea-1',
      reaction: 'like',
      on: true,
    });
    channel.stop();
    await expect(queued).resolves.toMatchObject({ ok: false });
    expect(channel.getState().pending).toBe(0);
  });
});
