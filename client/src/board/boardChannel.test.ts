import { describe, expect, it, vi } from 'vitest';
import type { Ack, PresencePayload } from '@cocon/shared';
import { BoardChannel, type ChannelSocket } from './boardChannel';
import { memoryOutboxStorage, Outbox, type OutboxStorage } from './outbox';

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

/** A page over a storage that outlives it (IndexedDB in the browser). */
function page(data: Map<string, unknown>, storage: OutboxStorage = memoryOutboxStorage(data)) {
  const socket = new FakeSocket();
  const outbox = new Outbox(storage, 'board:board-1:user:u1');
  const channel = new BoardChannel('board-1', socket, Date.now, Promise.resolve(outbox));
  channel.start();
  return { socket, channel, outbox };
}

const events = (socket: FakeSocket) => socket.sent.map((s) => s.event);

async function join(socket: FakeSocket) {
  socket.goOnline();
  socket.answer(socket.sent.length - 1, joinAck);
}

/** Lets pending storage promises run (there is nothing else to wait for in these tests). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('BoardChannel with a persistent outbox', () => {
  it('stores an offline intent before sending it and replays it after a reload, once', async () => {
    const data = new Map<string, unknown>();
    const first = page(data);
    const posted = first.channel.send('idea:post', { boardId: 'board-1', ideaId: 'idea-1', text: 'Salut' });
    await vi.waitFor(async () => expect(await first.outbox.load()).toHaveLength(1));
    expect(first.channel.getState().queue).toMatchObject([{ event: 'idea:post' }]);
    first.channel.stop(); // the tab closes while offline
    await expect(posted).resolves.toMatchObject({ ok: false });

    const second = page(data);
    await vi.waitFor(() => expect(second.channel.getState().pending).toBe(1));
    expect(events(second.socket)).toEqual([]);
    await join(second.socket);
    await vi.waitFor(() => expect(events(second.socket)).toEqual(['board:join', 'idea:post']));
    expect(second.socket.sent[1]?.payload).toEqual({ boardId: 'board-1', ideaId: 'idea-1', text: 'Salut' });
    second.socket.answer(1, { ok: true, data: { ideaId: 'idea-1' } });
    expect(second.channel.getState().pending).toBe(0);
    await vi.waitFor(async () => expect(await second.outbox.load()).toEqual([]));
    await settled();
    expect(events(second.socket)).toEqual(['board:join', 'idea:post']);
  });

  it('writes to the outbox before emitting, even when live', async () => {
    const data = new Map<string, unknown>();
    const writes: string[] = [];
    const memory = memoryOutboxStorage(data);
    const storage: OutboxStorage = {
      get: memory.get,
      update: async (key, updater) => {
        writes.push(`write after ${socket.sent.length} emits`);
        await memory.update(key, updater);
      },
    };
    const { socket, channel } = page(data, storage);
    await settled();
    await join(socket);
    void channel.send('comment:add', { boardId: 'board-1', ideaId: 'i', commentId: 'c', text: 'Oui' });
    expect(events(socket)).toEqual(['board:join']);
    await vi.waitFor(() => expect(events(socket)).toEqual(['board:join', 'comment:add']));
    expect(writes).toEqual(['write after 1 emits']);
  });

  it('replays restored intents before new ones, in order', async () => {
    const data = new Map<string, unknown>();
    const first = page(data);
    void first.channel.send('idea:post', { boardId: 'board-1', ideaId: 'idea-1', text: 'Un' });
    void first.channel.send('idea:react', {
      boardId: 'board-1',
      ideaId: 'idea-1',
      reaction: 'like',
      on: true,
    });
    await vi.waitFor(async () => expect(await first.outbox.load()).toHaveLength(2));
    first.channel.stop();

    const second = page(data);
    void second.channel.send('idea:edit', { boardId: 'board-1', ideaId: 'idea-1', text: 'Un bis' });
    await join(second.socket);
    await vi.waitFor(() =>
      expect(events(second.socket)).toEqual(['board:join', 'idea:post', 'idea:react', 'idea:edit']),
    );
  });

  it('never emits while disconnected, and resends the same ids after a lost acknowledgement', async () => {
    const { socket, channel, outbox } = page(new Map());
    await settled();
    await join(socket);
    socket.goOffline();
    void channel.send('idea:post', { boardId: 'board-1', ideaId: 'idea-1', text: 'Salut' });
    await settled();
    expect(events(socket)).toEqual(['board:join']);
    await join(socket);
    await vi.waitFor(() => expect(events(socket).at(-1)).toBe('idea:post'));
    socket.goOffline(); // the acknowledgement is lost
    await join(socket);
    expect(events(socket)).toEqual(['board:join', 'board:join', 'idea:post', 'board:join', 'idea:post']);
    const [a, b] = socket.sent.filter((s) => s.event === 'idea:post');
    expect(a?.payload).toEqual(b?.payload);
    socket.answer(socket.sent.length - 1, { ok: true, data: { ideaId: 'idea-1' } });
    await vi.waitFor(async () => expect(await outbox.load()).toEqual([]));
  });

  it('forgets an intent the server refused', async () => {
    const { socket, channel, outbox } = page(new Map());
    await settled();
    await join(socket);
    const edited = channel.send('idea:edit', { boardId: 'board-1', ideaId: 'idea-1', text: 'Non' });
    await vi.waitFor(() => expect(events(socket).at(-1)).toBe('idea:edit'));
    socket.answer(1, { ok: false, error: { code: 'forbidden', message: 'no' } });
    await expect(edited).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await vi.waitFor(async () => expect(await outbox.load()).toEqual([]));
  });

  it('sends an offline vote once, and never again once its outcome is unknown', async () => {
    const data = new Map<string, unknown>();
    const first = page(data);
    void first.channel.send('idea:vote', { boardId: 'board-1', ideaId: 'idea-1', delta: 1 });
    await vi.waitFor(async () => expect(await first.outbox.load()).toHaveLength(1));
    await join(first.socket);
    await vi.waitFor(() => expect(events(first.socket)).toEqual(['board:join', 'idea:vote']));
    // Recorded as attempted before it left, so a reload now does not send it again.
    expect(await first.outbox.load()).toMatchObject([{ attempted: true }]);
    first.channel.stop();

    const second = page(data);
    await join(second.socket);
    await settled();
    expect(events(second.socket)).toEqual(['board:join']);
    expect(second.channel.getState().pending).toBe(0);
    await vi.waitFor(async () => expect(await second.outbox.load()).toEqual([]));
  });

  it('still sends when the storage refuses to write', async () => {
    const broken: OutboxStorage = {
      get: () => Promise.resolve(undefined),
      update: () => Promise.reject(new Error('QuotaExceededError')),
    };
    const { socket, channel } = page(new Map(), broken);
    await settled();
    await join(socket);
    const posted = channel.send('idea:post', { boardId: 'board-1', ideaId: 'idea-1', text: 'Salut' });
    await vi.waitFor(() => expect(events(socket)).toEqual(['board:join', 'idea:post']));
    socket.answer(1, { ok: true, data: { ideaId: 'idea-1' } });
    await expect(posted).resolves.toMatchObject({ ok: true });
  });
});
