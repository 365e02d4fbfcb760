import type {
  Ack,
  ApiError,
  BoardJoinResult,
  ClientEventName,
  ClientEventPayload,
  ClientEventResults,
  PresencePayload,
} from '@cocon/shared';
import { isErrorCode } from '../api/http';

export type SocketStatus = 'connecting' | 'connected' | 'disconnected';

export interface ChannelState {
  socketStatus: SocketStatus;
  /** The board:join answer (role and id on this board); kept across reconnects. */
  joined: BoardJoinResult | null;
  /** Why joining failed (forbidden, not_found, ...), if it did. */
  joinError: ApiError | null;
  presence: PresencePayload | null;
  /** Intents sent or queued whose acknowledgement has not come back yet. */
  pending: number;
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

interface Request {
  event: ClientEventName;
  payload: unknown;
  resolve: (ack: Ack<unknown>) => void;
  settled: boolean;
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

/**
 * The socket.io side of one board: joins on every (re)connect, queues intents while offline
 * and sends them only after the join is acknowledged, so the server always knows the board
 * first. (socket.io's own buffer would flush them before our join on reconnect.)
 */
export class BoardChannel {
  private state: ChannelState = {
    socketStatus: 'connecting',
    joined: null,
    joinError: null,
    presence: null,
    pending: 0,
    clockOffsetMs: 0,
  };
  private readonly listeners = new Set<() => void>();
  private readonly outbox: Request[] = [];
  private readonly inflight = new Set<Request>();
  private ready = false;
  private started = false;
  private serverKicks = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly boardId: string,
    private readonly socket: ChannelSocket,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ChannelState => this.state;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on('presence', this.onPresence);
    this.socket.connect();
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.ready = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket.off();
    this.socket.disconnect();
    for (const request of [...this.outbox, ...this.inflight]) this.settle(request, lost('closed'));
    this.outbox.length = 0;
    this.inflight.clear();
    this.update({ pending: 0, socketStatus: 'disconnected' });
  }

  /** Sends an intent now, or when the board is joined again; resolves with its acknowledgement. */
  send<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Ack<ClientEventResults[E]>> {
    return new Promise((resolve) => {
      const request: Request = {
        event,
        payload,
        resolve: resolve as (ack: Ack<unknown>) => void,
        settled: false,
      };
      if (this.ready) this.transmit(request);
      else this.outbox.push(request);
      this.updatePending();
    });
  }

  private transmit(request: Request): void {
    this.inflight.add(request);
    this.socket.emit(request.event, request.payload, (result) => {
      if (!this.inflight.delete(request)) return; // answered after we gave up on it
      this.settle(request, result as Ack<unknown>);
      this.updatePending();
    });
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
      const queued = this.outbox.splice(0);
      for (const request of queued) this.transmit(request);
      this.updatePending();
    });
  };

  private onDisconnect = (reason: string): void => {
    this.ready = false;
    // Acks of requests in flight will never arrive on the old connection.
    const replay: Request[] = [];
    for (const request of this.inflight) {
      if (REPLAYABLE.has(request.event)) replay.push(request);
      else this.settle(request, lost(reason));
    }
    this.inflight.clear();
    this.outbox.unshift(...replay);
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
    const pending = this.outbox.length + this.inflight.size;
    if (pending !== this.state.pending) this.update({ pending });
  }

  private update(patch: Partial<ChannelState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
