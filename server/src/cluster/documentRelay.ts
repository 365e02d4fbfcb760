import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { CollabService } from '../collab/collabService.js';
import { LOAD_ORIGIN, type ManagedDocument } from '../collab/managedDocument.js';
import type { Logger } from '../util/logger.js';

/** Origin of updates that came from another instance (not relayed again). */
export const RELAY_ORIGIN = Symbol('relay');

const enum Kind {
  Update = 0,
  SyncRequest = 1,
  SyncReply = 2,
  Awareness = 3,
}
const ID_BYTES = 8;
const DELETIONS_HASH_BYTES = 8;

/**
 * A short digest of a document's deletions: an update from the full state vector carries no
 * items, only the delete set. Two instances with equal state vectors and equal digests agree.
 */
function deletionsDigest(doc: Y.Doc): Buffer {
  const deletions = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
  return createHash('sha256').update(deletions).digest().subarray(0, DELETIONS_HASH_BYTES);
}

interface Entry {
  managed: ManagedDocument;
  onUpdate: (u: Uint8Array, o: unknown) => void;
  /** The subscriber connection's session in which Redis confirmed the channel (-1: never). */
  subscribedIn: number;
}

/**
 * Keeps every instance's copy of a document identical through Redis pub/sub: each local change
 * is published on the document's channel; an instance that loads a document, or whose Redis
 * connection comes back, asks the others for what it is missing (state vector -> diff) and
 * offers what it has. Yjs updates are idempotent and commutative, so duplicates and reordering
 * are harmless.
 *
 * The subscriptions are the relay's own: the subscriber connection does not restore them after
 * a reconnection (a re-subscription it lost on a second drop stayed lost), and a document opened
 * while Redis is away could not subscribe at all. So on every (re)connection the relay subscribes
 * to every open document, and asks for a catch-up only once Redis has confirmed a subscription,
 * when the replies can reach it. Each instance does so after its own reconnection, so whichever
 * comes back last finds the others listening; a few seconds' anti-entropy repairs the rest.
 */
export class DocumentRelay {
  readonly instanceId = randomBytes(ID_BYTES);
  private readonly docs = new Map<string, Entry>();
  /** Counts the subscriber connection's closes: a confirmation from before the last one is void. */
  private subSession = 0;
  /** Receives other instances' awareness updates for a document (the transport applies them). */
  onRemoteAwareness: (docName: string, update: Uint8Array) => void = () => {};
  /** Called when this instance joins a document, to start competing for its lease. */
  onWatch: (docName: string) => void = () => {};
  onUnwatch: (docName: string) => void = () => {};
  /** Sync replies sent (anti-entropy that found something to repair, or a newcomer's catch-up). */
  readonly stats = { syncRequestsHeard: 0, syncRepliesSent: 0 };

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
    collab: CollabService,
    private readonly logger: Logger,
  ) {
    collab.addHooks({
      loaded: (managed) => this.attach(managed),
      beforeUnload: async (managed) => this.detach(managed.name),
      unloaded: (name) => this.onUnwatch(name),
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.onMessage(channel.toString(), message),
    );
    this.sub.on('close', () => {
      this.subSession += 1;
    });
    this.sub.on('ready', () => this.subscribe([...this.docs.values()]));
    // Requests made while the publishing connection was away were dropped.
    this.pub.on('ready', () => this.resyncAll());
    // Every few seconds anyway: retries a subscription that failed, and repairs a message lost
    // in a blip (anti-entropy).
    this.antiEntropy = setInterval(() => {
      this.subscribe([...this.docs.values()].filter((entry) => !this.subscribed(entry)));
      this.resyncAll();
    }, 5_000);
    this.antiEntropy.unref();
  }

  private readonly antiEntropy: NodeJS.Timeout;

  /** Asks the other instances for what this one misses of every document, and offers the rest. */
  resyncAll(): void {
    for (const name of this.docs.keys()) this.requestSync(name, true);
  }

  /** Whether the other instances' replies for this document reach this one now. */
  private subscribed(entry: Entry): boolean {
    return entry.subscribedIn === this.subSession && this.sub.status === 'ready';
  }

  /**
   * Subscribes to the documents' channels, then asks for what each misses. Without a connection
   * now, the next 'ready' subscribes them; a failure is retried by the anti-entropy or the next
   * 'ready'.
   */
  private subscribe(entries: Entry[]): void {
    if (entries.length === 0 || this.sub.status !== 'ready') return;
    const session = this.subSession;
    this.sub
      .subscribe(...entries.map((entry) => this.channel(entry.managed.name)))
      .then(() => {
        if (session !== this.subSession) return; // that connection is gone; the new one subscribes
        for (const entry of entries) {
          if (this.docs.get(entry.managed.name) !== entry) continue; // unloaded meanwhile
          entry.subscribedIn = session;
          this.requestSync(entry.managed.name, true);
        }
      })
      .catch((error: unknown) =>
        this.logger.warn('relay subscribe failed', { docs: entries.length, error: String(error) }),
      );
  }

  close(): void {
    clearInterval(this.antiEntropy);
  }

  get healthy(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  publishAwareness(docName: string, update: Uint8Array): void {
    if (this.docs.has(docName)) this.publish(docName, Kind.Awareness, update);
  }

  private channel(docName: string): string {
    return `${this.prefix}doc:${docName}`;
  }

  private attach(managed: ManagedDocument): void {
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin !== RELAY_ORIGIN && origin !== LOAD_ORIGIN) this.publish(managed.name, Kind.Update, update);
    };
    managed.doc.on('update', onUpdate);
    const entry: Entry = { managed, onUpdate, subscribedIn: -1 };
    this.docs.set(managed.name, entry);
    this.subscribe([entry]);
    this.onWatch(managed.name);
  }

  private detach(name: string): void {
    const entry = this.docs.get(name);
    if (!entry) return;
    entry.managed.doc.off('update', entry.onUpdate);
    this.docs.delete(name);
    void this.sub.unsubscribe(this.channel(name)).catch(() => undefined);
  }

  private requestSync(name: string, replyWithOwn: boolean): void {
    const entry = this.docs.get(name);
    // Not subscribed: the replies would be lost; the confirmed subscription asks.
    if (!entry || !this.subscribed(entry)) return;
    const { doc } = entry.managed;
    const vector = Y.encodeStateVector(doc);
    this.publish(
      name,
      Kind.SyncRequest,
      Buffer.concat([Buffer.from([replyWithOwn ? 1 : 0]), deletionsDigest(doc), vector]),
    );
  }

  private publish(name: string, kind: Kind, payload: Uint8Array): void {
    if (this.pub.status !== 'ready') return; // caught up by the sync after reconnection
    const message = Buffer.concat([Buffer.from([kind]), this.instanceId, payload]);
    this.pub.publish(this.channel(name), message).catch((error: unknown) => {
      this.logger.warn('relay publish failed', { doc: name, error: String(error) });
    });
  }

  private onMessage(channel: string, message: Buffer): void {
    if (!channel.startsWith(`${this.prefix}doc:`)) return; // the connection carries other channels too
    const name = channel.slice(`${this.prefix}doc:`.length);
    const entry = this.docs.get(name);
    if (!entry || message.length < 1 + ID_BYTES) return;
    const sender = message.subarray(1, 1 + ID_BYTES);
    if (sender.equals(this.instanceId)) return;
    const payload = new Uint8Array(message.subarray(1 + ID_BYTES));
    try {
      switch (message[0] as Kind) {
        case Kind.Update:
          Y.applyUpdate(entry.managed.doc, payload, RELAY_ORIGIN);
          break;
        case Kind.SyncRequest: {
          this.stats.syncRequestsHeard += 1;
          const { doc } = entry.managed;
          const theirDeletions = payload.subarray(1, 1 + DELETIONS_HASH_BYTES);
          const diff = Y.encodeStateAsUpdate(doc, payload.subarray(1 + DELETIONS_HASH_BYTES));
          // Nothing they miss: no items newer than their state vector, and the same deletions.
          // (A diff is never empty once a document has deletions: it always carries them all.)
          const missesItems = Y.decodeUpdate(diff).structs.length > 0;
          if (missesItems || !deletionsDigest(doc).equals(theirDeletions)) {
            this.stats.syncRepliesSent += 1;
            this.publish(name, Kind.SyncReply, diff);
          }
          if (payload[0] === 1) this.requestSync(name, false);
          break;
        }
        case Kind.SyncReply:
          Y.applyUpdate(entry.managed.doc, payload, RELAY_ORIGIN);
          break;
        case Kind.Awareness:
          this.onRemoteAwareness(name, payload);
          break;
      }
    } catch (error) {
      this.logger.warn('bad relay message ignored', { doc: name, error: String(error) });
    }
  }
}
