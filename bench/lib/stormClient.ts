import { io, type Socket } from 'socket.io-client';
import { boardDocName, type Ack } from '@cocon/shared';
import { WireClient, markerIds } from './yjsWire.js';
import type { Target } from './targets.js';

/** Where and when every marker idea was posted (shared by all clients of a scenario). */
export type SentLog = Map<string, { at: number; by: number; home: number }>;

export interface Arrival {
  id: string;
  /** ms from the post to this arrival. */
  latencyMs: number;
  /** The instance the receiver was connected to, and the poster's. */
  receiverHome: number;
  posterHome: number;
  postedAt: number;
}

/**
 * A forum participant for the fault scenarios: a light board connection plus a socket.io
 * connection for intents, on one instance ("home"), with acknowledged posts and the ability to
 * move to another instance (what a load balancer does when an instance dies).
 */
export class StormClient {
  wire!: WireClient;
  socket!: Socket;
  home: number;
  /** Marker ids this client has received (its own included once acknowledged). */
  readonly seen = new Set<string>();
  /** Set while the client is moving to another instance. */
  moving = false;
  private closed = false;
  /** Called when the board connection drops without close() (its instance died). */
  onDown: (client: StormClient) => void = () => undefined;

  constructor(
    readonly index: number,
    private readonly cookie: string,
    private readonly boardId: string,
    private readonly targets: Target[],
    home: number,
    private readonly sent: SentLog,
    private readonly onArrival: (a: Arrival) => void,
  ) {
    this.home = home;
  }

  /** performance.now() when the last connect() had the board synced, and the socket up. */
  boardSyncedAt = 0;
  socketUpAt = 0;

  /** Connects both channels to `home`; resolves once the board is synced and the socket is up. */
  async connect(): Promise<void> {
    const target = this.targets[this.home]!;
    const wire = new WireClient(`${target.yjsUrl}/${boardDocName(this.boardId)}`, {
      cookie: this.cookie,
      onUpdate: (update) => this.receive(update),
    });
    wire.ws.on('close', () => {
      if (!this.closed && this.wire === wire) this.onDown(this);
    });
    this.wire = wire;
    const socket = io(target.httpUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: this.cookie },
      // A dead instance is left, not retried: move() connects to another one.
      reconnection: false,
    });
    this.socket = socket;
    await Promise.all([
      wire.whenSynced().then(() => {
        this.boardSyncedAt = performance.now();
      }),
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => {
          this.socketUpAt = performance.now();
          resolve();
        });
        socket.once('connect_error', reject);
      }),
    ]);
  }

  /** Leaves the current instance for `home` (its clients' reconnection after a crash). */
  async move(home: number): Promise<void> {
    this.moving = true;
    this.socket.close();
    this.wire.close();
    this.home = home;
    await this.connect();
    this.moving = false;
  }

  /**
   * Posts an idea; resolves with the acknowledgement (ok or not) and its delay, or ok: false
   * after `timeoutMs` without one.
   */
  post(id: string, text: string, timeoutMs = 20_000): Promise<{ ok: boolean; ms: number }> {
    const started = performance.now();
    this.sent.set(id, { at: started, by: this.index, home: this.home });
    return new Promise((resolve) => {
      if (this.moving || !this.socket.connected) return resolve({ ok: false, ms: 0 });
      this.socket
        .timeout(timeoutMs)
        .emit(
          'idea:post',
          { boardId: this.boardId, ideaId: id, text, anonymous: false },
          (error: Error | null, ack: Ack<unknown>) => {
            resolve({ ok: !error && ack.ok, ms: performance.now() - started });
          },
        );
    });
  }

  /** Reacts to an idea (no acknowledgement awaited), as the forum storm does after each post. */
  react(ideaId: string): void {
    if (this.moving || !this.socket.connected) return;
    this.socket.emit(
      'idea:react',
      { boardId: this.boardId, ideaId, reaction: 'like', on: true },
      () => undefined,
    );
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
    this.wire?.close();
  }

  private receive(update: Uint8Array): void {
    const now = performance.now();
    for (const id of markerIds(update)) {
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      const sent = this.sent.get(id);
      if (!sent || sent.by === this.index) continue;
      this.onArrival({
        id,
        latencyMs: now - sent.at,
        receiverHome: this.home,
        posterHome: sent.home,
        postedAt: sent.at,
      });
    }
  }
}
