import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CLOSE_CODES, LIMITS, parseDocName, type DocAccess, type DocName } from '@cocon/shared';
import type { CollabService } from './collabService.js';
import type { ManagedDocument } from './managedDocument.js';
import { encodeAwarenessEntries, readAwarenessEntries, withServerName } from './awarenessGuard.js';
import { TokenBucket } from '../util/tokenBucket.js';
import type { Logger } from '../util/logger.js';
import type { Session } from '../auth/sessions.js';
import { SchemaGuard, type SchemaCheck } from './schemaGuard.js';
import { KeyedBuckets } from '../util/keyedBuckets.js';
import type { BudgetRate, PersonBudget } from '../util/personBudget.js';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
/** Sync requests per connection: a burst of 4, then one every 5 seconds. */
const SYNC_REQUEST_BURST = 4;
const SYNC_REQUESTS_PER_SECOND = 0.2;
/**
 * Per person across all their connections, on every instance when they share Redis (app.ts builds
 * the budgets): new connections, a burst of 30 then one a second, and sync requests, a burst of 30
 * then one every 5 s (each may cost a whole document), so that reconnecting in a loop buys nothing.
 */
export const YJS_UPGRADE_BUDGET: BudgetRate = { burst: 30, perSecond: 1 };
export const YJS_SYNC_REQUEST_BUDGET: BudgetRate = { burst: 30, perSecond: 0.2 };
/** The name shown for someone reading through a share link. */
const SHARE_LINK_READER = 'Lecteur·rice (lien partagé)';

export interface YjsTransportOptions {
  /** Resolves the session behind an upgrade request's cookie. */
  authenticate(req: IncomingMessage): Promise<Session | null>;
  /** What this session (or, without one, this share token) may do with this document. */
  authorize(session: Session | null, docName: DocName, shareToken: string | null): Promise<DocAccess>;
  /** Checks the Origin header (cross-site WebSocket hijacking). */
  originAllowed(req: IncomingMessage): boolean;
  /** A person's new connections (YJS_UPGRADE_BUDGET), taken before the upgrade. */
  upgradeBudget: PersonBudget;
  /** A person's sync requests (YJS_SYNC_REQUEST_BUDGET), taken before answering one. */
  syncRequestBudget: PersonBudget;
  /** Messages allowed per connection: burst and sustained rate per second. */
  rateBurst?: number;
  ratePerSecond?: number;
  /** A connection whose send buffer passes this many bytes is closed as a slow consumer. */
  maxBufferedBytes?: number;
  pingIntervalMs?: number;
  /** Messages queued while the document loads, at most. */
  maxQueuedMessages?: number;
  /** Hands awareness changes made here to the other instances (several-instance mode). */
  relayAwareness?: (docName: string, update: Uint8Array) => void;
  /** The schema a client-written document must keep (null: none checked). */
  schemaFor?: (docName: string) => SchemaCheck | null;
  /** Whether people's presence (awareness) is shared on this document; boards have none. */
  usesAwareness?: (docName: string) => boolean;
}

/** Origin of awareness updates that came from another instance. */
const REMOTE_AWARENESS = Symbol('remote-awareness');

interface Connection {
  ws: WebSocket;
  access: DocAccess;
  docName: DocName;
  session: Session | null;
  shareToken: string | null;
  bucket: TokenBucket;
  /**
   * Sync requests (step 1), a costly message: answering one encodes what the client lacks, the
   * whole document for a new client. A client sends one per connection; a few more are spared.
   */
  syncRequests: TokenBucket;
  /** The answers to its sync requests, sent in order once the person's budget allowed each. */
  syncAnswers: Promise<void>;
  /** Who is behind it: the session, or a share link from one address (for budgets per person). */
  person: string;
  /** The one awareness client id this connection may speak for, once known. */
  awarenessId: number | null;
  alive: boolean;
}

/** Everyone connected to one document, and the awareness they share. */
interface Room {
  managed: ManagedDocument;
  awareness: awarenessProtocol.Awareness;
  connections: Set<Connection>;
  /** Which connection speaks for each awareness client id. */
  owners: Map<number, Connection>;
  /** Checks writers' updates against the document's schema, when it has one. */
  guard: SchemaGuard | null;
  /** False where nobody uses awareness: what clients send is dropped, not relayed to everyone. */
  usesAwareness: boolean;
  /** Counts the document's changes, so that its whole encoded state can be reused until the next. */
  version: number;
  wholeState: { version: number; update: Uint8Array } | null;
  detach(): void;
}

/**
 * The /yjs/<docName> endpoint: the standard y-websocket protocol (sync + awareness), with the
 * session checked before the upgrade, read-only enforced, and every fault confined to its
 * own connection.
 */
export class YjsTransport {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.yjsMessageMaxBytes });
  private readonly rooms = new Map<string, Promise<Room>>();
  /** This instance's share of each person's sync requests: refuses floods before asking Redis. */
  private readonly syncRequestsPerPerson = new KeyedBuckets(
    YJS_SYNC_REQUEST_BUDGET.burst,
    YJS_SYNC_REQUEST_BUDGET.perSecond,
  );
  /** Every open connection, to close those of a session that ended. */
  private readonly bySocket = new Map<WebSocket, Connection>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly options: Required<YjsTransportOptions>;
  /** Counters for tests and metrics. */
  readonly stats = {
    droppedReadOnlyUpdates: 0,
    droppedForeignAwareness: 0,
    closedMalformed: 0,
    closedSlow: 0,
    closedRateLimited: 0,
    refusedInvalidUpdates: 0,
    droppedUnusedAwareness: 0,
    refusedUpgrades: 0,
  };

  constructor(
    private readonly collab: CollabService,
    options: YjsTransportOptions,
    private readonly logger: Logger,
  ) {
    this.options = {
      rateBurst: 300,
      ratePerSecond: 60,
      // Above one full sync of the largest document (plus what follows it), so that a new client of
      // a large document is not taken for a slow consumer.
      maxBufferedBytes: 2 * LIMITS.yjsDocumentMaxBytes,
      pingIntervalMs: 30_000,
      maxQueuedMessages: 100,
      relayAwareness: () => undefined,
      schemaFor: () => null,
      usesAwareness: () => true,
      ...options,
    };
    this.pingTimer = setInterval(() => this.pingAll(), this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** Handles an upgrade for /yjs/...; returns false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith('/yjs/')) return false;
    void this.upgrade(req, socket, head, path);
    return true;
  }

  /** Applies another instance's awareness update to this instance's room, if it has one. */
  applyRemoteAwareness(docName: string, update: Uint8Array): void {
    void this.rooms
      .get(docName)
      ?.then((room) => awarenessProtocol.applyAwarenessUpdate(room.awareness, update, REMOTE_AWARENESS))
      .catch(() => undefined);
  }

  sockets(): Iterable<WebSocket> {
    return this.wss.clients;
  }

  /** Closes every connection opened under this session (logged out, deactivated, changed). */
  closeSession(sessionId: string): void {
    for (const [ws, conn] of this.bySocket) {
      if (conn.session?._id === sessionId) ws.close(CLOSE_CODES.unauthenticated, 'session ended');
    }
  }

  get connectionCount(): number {
    return this.wss.clients.size;
  }

  async close(): Promise<void> {
    clearInterval(this.pingTimer);
    for (const ws of this.wss.clients) ws.close(CLOSE_CODES.serverShutdown, 'server shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /**
   * Decides again what every connection to `docName` may do (after a status change, such as a
   * proposal adopted and its fields frozen). Connections that lost access are closed.
   */
  async reauthorize(docNameText: string): Promise<void> {
    const room = await this.rooms.get(docNameText)?.catch(() => null);
    if (!room) return;
    await Promise.all(
      [...room.connections].map(async (conn) => {
        const access = await this.options
          .authorize(conn.session, conn.docName, conn.shareToken)
          .catch(() => 'none' as const);
        if (access === 'none') conn.ws.close(CLOSE_CODES.forbidden, 'access revoked');
        else conn.access = access;
      }),
    );
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): Promise<void> {
    socket.on('error', () => socket.destroy());
    let docNameText: string;
    try {
      docNameText = decodeURIComponent(path.slice('/yjs/'.length));
    } catch {
      return refuseUpgrade(socket, 400, 'Bad Request');
    }
    const docName = parseDocName(docNameText);
    if (!docName) return refuseUpgrade(socket, 404, 'Not Found');
    if (!this.options.originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    const shareToken = new URL(req.url ?? '/', 'http://localhost').searchParams.get('share');
    let session: Session | null;
    let access: DocAccess;
    try {
      session = await this.options.authenticate(req);
      if (!session && !shareToken) return refuseUpgrade(socket, 401, 'Unauthorized');
      access = await this.options.authorize(session, docName, shareToken);
    } catch (error) {
      this.logger.warn('upgrade check failed', { error: String(error) });
      return refuseUpgrade(socket, 503, 'Service Unavailable');
    }
    if (access === 'none')
      return refuseUpgrade(socket, session ? 403 : 401, session ? 'Forbidden' : 'Unauthorized');
    const person = session
      ? `session:${session._id}`
      : `share:${shareToken}:${req.socket.remoteAddress ?? ''}`;
    if (!(await this.options.upgradeBudget.take(person))) {
      this.stats.refusedUpgrades += 1;
      return refuseUpgrade(socket, 429, 'Too Many Requests');
    }
    const conn = { access, docName: docName, session, shareToken, person };
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, docNameText, conn));
  }

  private onConnection(
    ws: WebSocket,
    docName: string,
    authorized: Pick<Connection, 'access' | 'docName' | 'session' | 'shareToken' | 'person'>,
  ): void {
    const conn: Connection = {
      ws,
      ...authorized,
      bucket: new TokenBucket(this.options.rateBurst, this.options.ratePerSecond),
      syncRequests: new TokenBucket(SYNC_REQUEST_BURST, SYNC_REQUESTS_PER_SECOND),
      syncAnswers: Promise.resolve(),
      awarenessId: null,
      alive: true,
    };
    // Messages that arrive while the document loads wait here, within a bound.
    const queue: Uint8Array[] = [];
    let room: Room | null = null;
    ws.binaryType = 'arraybuffer';
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data: RawData) => {
      const message = toBytes(data);
      if (!conn.bucket.take()) {
        this.stats.closedRateLimited += 1;
        return ws.close(CLOSE_CODES.rateLimited, 'rate limited');
      }
      if (!room) {
        if (queue.length >= this.options.maxQueuedMessages)
          return ws.close(CLOSE_CODES.rateLimited, 'too many messages');
        queue.push(message);
        return;
      }
      this.onMessage(room, conn, message);
    });
    ws.on('error', () => ws.terminate());

    this.bySocket.set(ws, conn);
    const joined = this.join(docName, conn);
    ws.on('close', () => {
      this.bySocket.delete(ws);
      void joined.then((r) => r && this.leave(docName, r, conn));
    });
    void joined.then((r) => {
      if (!r || ws.readyState !== WebSocket.OPEN) return;
      room = r;
      this.greet(r, conn);
      for (const message of queue.splice(0)) this.onMessage(r, conn, message);
    });
  }

  private async join(docName: string, conn: Connection): Promise<Room | null> {
    try {
      for (;;) {
        let pending = this.rooms.get(docName);
        if (!pending) {
          pending = this.openRoom(docName);
          this.rooms.set(docName, pending);
          pending.catch(() => this.rooms.delete(docName));
        }
        const room = await pending;
        // The room may have closed while we waited; then open a fresh one.
        if (this.rooms.get(docName) !== pending) continue;
        room.connections.add(conn);
        return room;
      }
    } catch (error) {
      this.logger.error('could not open document', { doc: docName, error: String(error) });
      conn.ws.close(1011, 'document unavailable');
      return null;
    }
  }

  private async openRoom(docName: string): Promise<Room> {
    const managed = await this.collab.acquire(docName);
    const awareness = new awarenessProtocol.Awareness(managed.doc);
    // The server is not a participant: it publishes no awareness state of its own.
    awareness.setLocalState(null);
    const connections = new Set<Connection>();
    const check = this.options.schemaFor(docName);
    const guard = check ? new SchemaGuard(managed.doc, check) : null;
    const room: Room = {
      managed,
      awareness,
      connections,
      owners: new Map(),
      guard,
      usesAwareness: this.options.usesAwareness(docName),
      version: 0,
      wholeState: null,
      detach: () => {},
    };

    // Updates are broadcast once per turn of the event loop: those that arrive together (a
    // storm of intents under load) are merged into one message per connection, which saves a
    // frame and a write per connection per extra update. An update that came from a
    // connection is not echoed to it, so a batch holding one is sent update by update.
    let batch: { update: Uint8Array; origin: unknown }[] = [];
    const broadcast = () => {
      const updates = batch;
      batch = [];
      const fromConnection = updates.some((u) => connections.has(u.origin as Connection));
      const groups =
        fromConnection || updates.length === 1
          ? updates
          : [{ update: Y.mergeUpdates(updates.map((u) => u.update)), origin: null }];
      for (const { update, origin } of groups) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeUpdate(encoder, update);
        const message = encoding.toUint8Array(encoder);
        for (const conn of connections) if (conn !== origin) this.send(conn, message);
      }
    };
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      room.version += 1;
      if (batch.length === 0) setImmediate(broadcast);
      batch.push({ update, origin });
    };
    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      const changed = added.concat(updated, removed);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      const message = encoding.toUint8Array(encoder);
      for (const conn of connections) if (conn !== origin) this.send(conn, message);
      if (origin !== REMOTE_AWARENESS) {
        this.options.relayAwareness(docName, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      }
    };
    managed.doc.on('update', onUpdate);
    awareness.on('update', onAwareness);
    room.detach = () => {
      managed.doc.off('update', onUpdate);
      awareness.off('update', onAwareness);
      awareness.destroy();
      guard?.close();
    };
    return room;
  }

  private leave(docName: string, room: Room, conn: Connection): void {
    room.connections.delete(conn);
    if (conn.awarenessId !== null) {
      room.owners.delete(conn.awarenessId);
      awarenessProtocol.removeAwarenessStates(room.awareness, [conn.awarenessId], null);
    }
    if (room.connections.size > 0) return;
    room.detach();
    this.rooms.delete(docName);
    this.collab.release(room.managed);
  }

  /**
   * What a client with `stateVector` lacks. A new client (empty state vector) gets the whole
   * document, encoded once per state of the document however many clients arrive together.
   */
  private missingFrom(room: Room, stateVector: Uint8Array): Uint8Array {
    const empty = stateVector.length === 1 && stateVector[0] === 0;
    if (!empty) return Y.encodeStateAsUpdate(room.managed.doc, stateVector);
    if (room.wholeState?.version !== room.version) {
      room.wholeState = { version: room.version, update: Y.encodeStateAsUpdate(room.managed.doc) };
    }
    return room.wholeState.update;
  }

  /** Opens the sync: our state vector, and who is here. */
  private greet(room: Room, conn: Connection): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, room.managed.doc);
    this.send(conn, encoding.toUint8Array(encoder));
    const states = room.awareness.getStates();
    if (states.size > 0) this.send(conn, this.awarenessMessage(room, [...states.keys()]));
  }

  private awarenessMessage(room: Room, clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  private onMessage(room: Room, conn: Connection, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          return this.onSync(room, conn, decoder);
        case MESSAGE_AWARENESS:
          return this.onAwareness(room, conn, decoding.readVarUint8Array(decoder));
        case MESSAGE_QUERY_AWARENESS:
          return this.send(conn, this.awarenessMessage(room, [...room.awareness.getStates().keys()]));
        default:
          throw new Error(`unknown message type ${type}`);
      }
    } catch (error) {
      this.closeMalformed(room, conn, error);
    }
  }

  private closeMalformed(room: Room, conn: Connection, error: unknown): void {
    this.stats.closedMalformed += 1;
    this.logger.warn('malformed Yjs message; closing that connection', {
      doc: room.managed.name,
      user: conn.session?.userId ?? 'share-link',
      error: String(error),
    });
    conn.ws.close(CLOSE_CODES.malformed, 'malformed message');
  }

  private onSync(room: Room, conn: Connection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      // This instance's buckets first, at no cost: they refuse most floods without asking Redis.
      if (!conn.syncRequests.take() || !this.syncRequestsPerPerson.take(conn.person)) {
        return this.refuseSyncRequest(conn);
      }
      const stateVector = decoding.readVarUint8Array(decoder);
      // Parsed now, so that a malformed one closes the connection as any malformed message does.
      Y.decodeStateVector(stateVector);
      // Then the person's budget across instances (one Redis round trip, 250 ms at most). Only
      // the answer waits for it, chained per connection so that answers keep the requests' order;
      // updates and awareness are handled at once (a client may see updates before its step 2,
      // Yjs merges them either way). Answering at once and closing on a late "no" would still do
      // the costly encoding the budget is there to spare: here it is done only within the budget,
      // and past it the connection is closed unanswered, as by the buckets above.
      const allowed = this.options.syncRequestBudget.take(conn.person);
      conn.syncAnswers = conn.syncAnswers
        .then(async () => {
          if (!(await allowed)) return this.refuseSyncRequest(conn);
          if (conn.ws.readyState !== WebSocket.OPEN) return;
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(encoder, this.missingFrom(room, stateVector));
          this.send(conn, encoding.toUint8Array(encoder));
        })
        .catch((error: unknown) => this.closeMalformed(room, conn, error));
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    // Parse before anything else: a malformed update must never reach the live document.
    Y.decodeUpdate(update);
    if (conn.access !== 'write') {
      this.stats.droppedReadOnlyUpdates += 1;
      return;
    }
    if (!room.managed.fitsWithin(LIMITS.yjsDocumentMaxBytes, update.byteLength)) {
      conn.ws.close(CLOSE_CODES.documentTooLarge, 'document too large');
      return;
    }
    if (!room.guard) {
      Y.applyUpdate(room.managed.doc, update, conn);
      return;
    }
    const problem = room.guard.apply(update, conn);
    if (problem) {
      this.stats.refusedInvalidUpdates += 1;
      this.logger.warn('update refused: it would break the document', {
        doc: room.managed.name,
        user: conn.session?.userId ?? 'share-link',
        problem,
      });
      conn.ws.close(CLOSE_CODES.invalidUpdate, 'update breaks the document');
    }
  }

  /** A sync request past the connection's or the person's budget: closed (4429), unanswered. */
  private refuseSyncRequest(conn: Connection): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    this.stats.closedRateLimited += 1;
    conn.ws.close(CLOSE_CODES.rateLimited, 'too many sync requests');
  }

  /**
   * One awareness client per connection: the first client id it speaks for that nobody else
   * here owns. Entries for other ids are dropped, not fatal: stock y-websocket providers echo
   * the states they receive.
   */
  private onAwareness(room: Room, conn: Connection, update: Uint8Array): void {
    if (!room.usesAwareness) {
      // Still parsed: a malformed message closes the connection as anywhere else.
      readAwarenessEntries(update, 4096);
      this.stats.droppedUnusedAwareness += 1;
      return;
    }
    const states = room.awareness.getStates();
    const own = readAwarenessEntries(update, 4096).filter((entry) => {
      if (conn.awarenessId === null && !room.owners.has(entry.clientId) && !states.has(entry.clientId)) {
        conn.awarenessId = entry.clientId;
        room.owners.set(entry.clientId, conn);
      }
      return entry.clientId === conn.awarenessId;
    });
    if (own.length === 0) {
      this.stats.droppedForeignAwareness += 1;
      return;
    }
    // People appear under the name their session carries (a share link's reader under none of theirs).
    const name = conn.session?.displayName ?? SHARE_LINK_READER;
    const named = own.map((entry) => withServerName(entry, name));
    awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(named), conn);
  }

  private send(conn: Connection, message: Uint8Array): void {
    const { ws } = conn;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > this.options.maxBufferedBytes) {
      this.stats.closedSlow += 1;
      // The close frame waits behind the backlog; cut the socket if it cannot drain soon.
      ws.close(CLOSE_CODES.slowConsumer, 'slow consumer');
      setTimeout(() => ws.terminate(), 2_000).unref();
      return;
    }
    ws.send(message, (error) => {
      if (error) ws.terminate();
    });
  }

  private pingAll(): void {
    for (const room of this.rooms.values()) {
      void room.then((r) => {
        for (const conn of r.connections) {
          if (!conn.alive) {
            conn.ws.terminate();
            continue;
          }
          conn.alive = false;
          conn.ws.ping();
        }
      });
    }
  }
}

/** Answers an upgrade request with a plain HTTP status and closes it (nothing is upgraded). */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function toBytes(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
