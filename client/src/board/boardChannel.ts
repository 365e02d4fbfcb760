import {
  newId,
  type Ack,
  type ApiError,
  type BoardJoinResult,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResults,
  type PresencePayload,
} from '@cocon/shared';
import { isErrorCode } from '../api/http';
import type { Outbox, OutboxEntry } from './outbox';

export type SocketStatus = 'connecting' | 'connected' | 'disconnected';

/** An intent waiting for its acknowledgement, as the screen shows it ("en attente"). */
export interface PendingIntent {
  id: string;
  event: ClientEventName;
  payload: unknown;
}

export interface ChannelState {
  socketStatus: SocketStatus;
  /** The board:join answer (role and id on this board); kept across reconnects. */
  joined: BoardJoinResult | null;
  /** Why joining failed (forbidden, not_found, ...), if it did. */
  joinError: ApiError | null;
  presence: PresencePayload | null;
  /** Intents sent or queued whose acknowledgement has not come back yet. */
  pending: number;
  /** Those intents, oldest first (including those restored from the outbox after a reload). */
  queue: readonly PendingIntent[];
  /** Server clock minus this device's clock (ms), measured at join; countdowns add it. */
  clockOffsetMs: number;
}

/** The subset of a socket.io client the channel needs (a fake in tests). */
export interface ChannelSocket {
  readonly connected: boolean;
  /** False once socket.io gave up reconnecting by itself (e.g. refused by a middleware). */
  readonly active: boolean;
  connect(): unknown;
  disconnect(): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  on(event: 'presence', listener: (payload: PresencePayload) => void): unknown;
  off(event?: string): unknown;
  emit(event: string, payload: unknown, ack: (result: unknown) => void): unknown;
}

interface Request extends PendingIntent {
  resolve: (ack: Ack<unknown>) => void;
  settled: boolean;
  /** Emitted on the current connection, acknowledgement awaited. */
  sent: boolean;
  /** Written to the outbox (or there is no outbox): it may be emitted. */
  stored: boolean;
  /** A non-replayable intent whose emission is recorded in the outbox (see OutboxEntry). */
  claimed: boolean;
  claiming: boolean;
}

/** Intents that can be replayed after a lost acknowledgement without changing the outcome
 *  (client-minted ids, absolute values). A vote is a delta, so it is never replayed. */
const REPLAYABLE: ReadonlySet<ClientEventName> = new Set<ClientEventName>([
  'idea:post',
  'idea:edit',
  'idea:delete',
  'idea:react',
  'idea:group',
  'comment:add',
  'comment:delete',
  'mod:hide',
  'mod:restore',
  'board:settings',
  'board:spotlight',
  'group:create',
  'group:rename',
  'group:delete',
]);

const lost = (message: string): Ack<never> => ({ ok: false, error: { code: 'unavailable', message } });
const ignore = (): void => undefined;

/** Where the outbox comes from: none (memory only), or one known once the session is. */
export type OutboxSource = Outbox | null | Promise<Outbox | null>;

/**
 * The socket.io side of one board: joins on every (re)connect, queues intents while offline
 * and sends them only after the join is acknowledged, so the server always knows the board
 * first. (socket.io's own buffer would flush them before our join on reconnect; we never emit
 * while disconnected, so that buffer stays empty and nothing is sent twice by it.)
 *
 * With an outbox, every intent is written to IndexedDB before it is emitted and removed once
 * the server answers; what a closed tab left there is replayed, in order, after the next join.
 */
export class BoardChannel {
  private state: ChannelState = {
    socketStatus: 'connecting',
    joined: null,
    joinError: null,
    presence: null,
    pending: 0,
    queue: [],
    clockOffsetMs: 0,
  };
  private readonly listeners = new Set<() => void>();
  /** Every unacknowledged intent, oldest first; sent ones are awaiting their ack. */
  private requests: Request[] = [];
  private outbox: Outbox | null = null;
  /** The outbox is read (or there is none): new intents may be stored and sent. */
  private loaded = false;
  private generation = 0;
  private ready = false;
  private started = false;
  private serverKicks = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly boardId: string,
    private readonly socket: ChannelSocket,
    private readonly now: () => number = Date.now,
    private readonly outboxSource: OutboxSource = null,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ChannelState => this.state;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.generation += 1;
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on('presence', this.onPresence);
    this.openOutbox();
    this.socket.connect();
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.ready = false;
    this.loaded = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket.off();
    this.socket.disconnect();
    // What is in the outbox stays there: it is replayed the next time this board opens.
    for (const request of this.requests) this.settle(request, lost('closed'));
    this.requests = [];
    this.update({ pending: 0, queue: [], socketStatus: 'disconnected' });
  }

  /** Sends an intent now, or when the board is joined again; resolves with its acknowledgement. */
  send<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Ack<ClientEventResults[E]>> {
    return new Promise((resolve) => {
      const request = this.request(
        { id: newId(), event, payload, attempted: false },
        resolve as (ack: Ack<unknown>) => void,
      );
      this.requests.push(request);
      if (this.loaded) this.store(request);
      this.updatePending();
      this.pump();
    });
  }

  /**
   * A read, not an intent: never queued nor stored, not counted as waiting. Answered `unavailable`
   * when the board is not joined (the caller asks again after the next join).
   */
  query<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Ack<ClientEventResults[E]>> {
    if (!this.ready || !this.socket.connected) return Promise.resolve(lost('not joined'));
    return new Promise((resolve) => {
      this.socket.emit(event, payload, (result) => resolve(result as Ack<ClientEventResults[E]>));
    });
  }

  private request(entry: OutboxEntry, resolve: (ack: Ack<unknown>) => void): Request {
    return {
      id: entry.id,
      event: entry.event,
      payload: entry.payload,
      resolve,
      settled: false,
      sent: false,
      stored: false,
      claimed: entry.attempted,
      claiming: false,
    };
  }

  /** Reads what earlier pages left in the outbox and puts it ahead of anything new. */
  private openOutbox(): void {
    const generation = this.generation;
    const source = this.outboxSource;
    if (source === null) {
      this.loaded = true;
      for (const request of this.requests) this.store(request);
      return;
    }
    void Promise.resolve(source)
      .then(async (outbox) => ({ outbox, entries: outbox ? await outbox.load() : [] }))
      .catch(() => ({ outbox: null, entries: [] as OutboxEntry[] }))
      .then(({ outbox, entries }) => {
        if (generation !== this.generation || !this.started) return;
        this.outbox = outbox;
        const restored: Request[] = [];
        for (const entry of entries) {
          if (entry.attempted && !REPLAYABLE.has(entry.event)) {
            // Emitted, then the tab closed before its answer: it may have counted. Not again.
            void outbox?.remove(entry.id).catch(ignore);
            continue;
          }
          const request = this.request(entry, ignore);
          request.stored = true;
          restored.push(request);
        }
        const fresh = this.requests;
        this.requests = [...restored, ...fresh];
        this.loaded = true;
        for (const request of fresh) this.store(request);
        this.updatePending();
        this.pump();
      });
  }

  /** Writes a request to the outbox; it may be emitted once written (or if writing failed). */
  private store(request: Request): void {
    const outbox = this.outbox;
    if (!outbox) {
      request.stored = true;
      return;
    }
    const entry: OutboxEntry = {
      id: request.id,
      event: request.event,
      payload: request.payload,
      attempted: false,
    };
    void outbox
      .add(entry)
      .catch(ignore) // storage refused (quota, private mode): the intent still goes, from memory
      .then(() => {
        request.stored = true;
        this.pump();
      });
  }

  /** Emits what may be emitted, in order; stops at the first intent still being written. */
  private pump(): void {
    if (!this.ready || !this.loaded || !this.socket.connected) return;
    for (const request of this.requests) {
      if (request.sent) continue;
      if (!request.stored) return;
      if (this.outbox && !REPLAYABLE.has(request.event) && !request.claimed) {
        this.claim(request);
        return;
      }
      this.transmit(request);
    }
  }

  private claim(request: Request): void {
    if (request.claiming || !this.outbox) return;
    request.claiming = true;
    void this.outbox
      .markAttempted(request.id)
      .catch(ignore)
      .then(() => {
        request.claimed = true;
        this.pump();
      });
  }

  private transmit(request: Request): void {
    request.sent = true;
    this.socket.emit(request.event, request.payload, (result) => {
      // An answer is an answer, even a late one from an earlier connection: the server has
      // decided, so the intent is never sent again. Only the first one counts.
      if (request.settled) return;
      this.finish(request, result as Ack<unknown>);
    });
  }

  /** The server answered (or the outcome can never be known): out of the queue and the outbox. */
  private finish(request: Request, ack: Ack<unknown>): void {
    this.requests = this.requests.filter((r) => r !== request);
    void this.outbox?.remove(request.id).catch(ignore);
    this.settle(request, ack);
    this.updatePending();
  }

  private settle(request: Request, ack: Ack<unknown>): void {
    if (request.settled) return;
    request.settled = true;
    request.resolve(ack);
  }

  private onConnect = (): void => {
    this.update({ socketStatus: 'connected' });
    const sentAt = this.now();
    this.socket.emit('board:join', { boardId: this.boardId }, (result) => {
      const ack = result as Ack<BoardJoinResult>;
      if (!this.socket.connected) return;
      if (!ack.ok) {
        this.update({ joinError: ack.error });
        return;
      }
      this.ready = true;
      this.serverKicks = 0;
      // Assume the server answered halfway through the round trip.
      const { serverTime } = ack.data;
      const clockOffsetMs =
        typeof serverTime === 'number'
          ? Math.round(serverTime - (sentAt + this.now()) / 2)
          : this.state.clockOffsetMs;
      this.update({ joined: ack.data, joinError: null, clockOffsetMs });
      this.pump();
    });
  };

  private onDisconnect = (reason: string): void => {
    this.ready = false;
    // Acks of requests in flight will never arrive on the old connection.
    for (const request of [...this.requests]) {
      if (!request.sent) continue;
      if (REPLAYABLE.has(request.event)) request.sent = false;
      else this.finish(request, lost(reason));
    }
    this.update({ socketStatus: 'disconnected', presence: null });
    this.updatePending();
    // socket.io does not retry a server-side disconnect; a server restart should be, a few times.
    if (reason === 'io server disconnect' && this.started && this.serverKicks < 5) {
      this.serverKicks += 1;
      this.retryTimer = setTimeout(() => {
        if (this.started) this.socket.connect();
      }, 1000 * this.serverKicks);
    }
  };

  private onConnectError = (error: Error): void => {
    if (this.socket.active) {
      this.update({ socketStatus: 'connecting' });
      return;
    }
    // Refused by the server (session expired, no access): reconnecting cannot help.
    const code = isErrorCode(error.message) ? error.message : 'unauthenticated';
    this.update({ socketStatus: 'disconnected', joinError: { code, message: error.message } });
  };

  private onPresence = (payload: PresencePayload): void => {
    if (payload.boardId === this.boardId) this.update({ presence: payload });
  };

  private updatePending(): void {
    const { queue } = this.state;
    if (queue.length === this.requests.length && queue.every((item, i) => item.id === this.requests[i]?.id))
      return;
    const next = this.requests.map(({ id, event, payload }) => ({ id, event, payload }));
    this.update({ pending: next.length, queue: next });
  }

  private update(patch: Partial<ChannelState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
