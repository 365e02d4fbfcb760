import { Redis, type Command, type RedisOptions } from 'ioredis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { CollabService } from '../collab/collabService.js';
import type { YjsTransport } from '../collab/yjsTransport.js';
import type { Logger } from '../util/logger.js';
import type { AppEvents } from '../events/appEvents.js';
import { DocumentRelay } from './documentRelay.js';
import { PersistenceLeases } from './persistenceLease.js';

/**
 * The socket.io adapter's connection. The adapter leaves the promise of some of its commands
 * unobserved (an ephemeral PUBLISH, its SUBSCRIBE): each command's failure is marked handled
 * here, so that Redis going away is never an unhandled rejection; a caller that awaits still sees
 * it. The adapter duplicates this connection to read its stream and to subscribe: those
 * duplicates wait for Redis however long it takes (with a bound on retries, a SUBSCRIBE sent
 * while Redis was away, at start, failed and was never made again), and are closed with the rest.
 */
class AdapterConnection extends Redis {
  readonly duplicates: Redis[] = [];

  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    command.promise.catch(() => undefined);
    return super.sendCommand(command, stream);
  }

  override duplicate(override?: Partial<RedisOptions>): Redis {
    const copy = new AdapterConnection({ ...this.options, maxRetriesPerRequest: null, ...override });
    this.duplicates.push(copy);
    return copy;
  }
}

/**
 * Several instances behind one load balancer share live traffic through Redis: socket.io rooms
 * and broadcasts through the Redis streams adapter, Yjs documents through the DocumentRelay, and
 * one writer per document through PersistenceLeases.
 */
export class Cluster {
  readonly relay: DocumentRelay;
  readonly leases: PersistenceLeases;
  readonly adapter: ReturnType<typeof createAdapter>;
  private readonly clients: Redis[];
  private readonly adapterClient: AdapterConnection;
  private readonly adapters: ReturnType<ReturnType<typeof createAdapter>>[] = [];
  private readonly pub: Redis;
  private readonly revokedChannel: string;
  private readonly changedChannel: string;
  private readonly accessChannel: string;

  /**
   * `events` hears of each session destroyed or changed, and each access change, on the other
   * instances ('session:ended-elsewhere', 'session:changed-elsewhere', 'proposal:access-elsewhere').
   */
  constructor(redisUrl: string, prefix: string, collab: CollabService, events: AppEvents, logger: Logger) {
    const options = (role: string): RedisOptions => ({
      // Keep retrying forever, never faster than every 2 s; commands fail fast meanwhile.
      retryStrategy: (times) => Math.min(times * 200, 2_000),
      maxRetriesPerRequest: 1,
      enableOfflineQueue: role === 'adapter',
      // The relay and this class subscribe again themselves on each 'ready', handling failures.
      autoResubscribe: role !== 'sub',
      lazyConnect: false,
    });
    const connect = <T extends Redis>(role: string, client: T): T => {
      client.on('error', (error) => logger.warn(`redis (${role}) error`, { error: String(error) }));
      return client;
    };
    const pub = connect('pub', new Redis(redisUrl, options('pub')));
    const sub = connect('sub', new Redis(redisUrl, options('sub')));
    const adapterClient = connect('adapter', new AdapterConnection(redisUrl, options('adapter')));
    this.clients = [pub, sub, adapterClient];
    this.adapterClient = adapterClient;
    this.pub = pub;
    this.revokedChannel = `${prefix}sessions:revoked`;
    this.changedChannel = `${prefix}sessions:changed`;
    this.accessChannel = `${prefix}documents:access`;
    // Commands wait for no connection here (no offline queue): subscribe whenever one is ready.
    sub.on('ready', () => {
      sub
        .subscribe(this.revokedChannel, this.changedChannel, this.accessChannel)
        .catch((error: unknown) =>
          logger.warn('session revocation subscribe failed', { error: String(error) }),
        );
    });
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      // `<sender>|<id>`: this instance already handled what it announced itself.
      const [sender, id] = message.toString().split('|', 2);
      if (!id || sender === this.relay.instanceId.toString('hex')) return;
      const name = channel.toString();
      if (name === this.revokedChannel) events.emit('session:ended-elsewhere', id);
      else if (name === this.changedChannel) events.emit('session:changed-elsewhere', id);
      else if (name === this.accessChannel) events.emit('proposal:access-elsewhere', id);
    });
    const adapterFor = createAdapter(adapterClient, { streamName: `${prefix}socket.io` });
    const adapters = this.adapters;
    // socket.io calls it with `new`: a function, not an arrow.
    this.adapter = function (nsp: unknown) {
      const adapter = adapterFor(nsp);
      adapters.push(adapter);
      return adapter;
    };
    this.relay = new DocumentRelay(pub, sub, prefix, collab, logger);
    this.leases = new PersistenceLeases(
      pub,
      this.relay.instanceId.toString('hex'),
      prefix,
      (docName) => collab.nextWriterEpoch(docName),
      (docName) => {
        const managed = collab.peek(docName);
        managed
          ?.takeOverPersistence()
          .catch((error) => logger.warn('take-over store failed', { doc: docName, error: String(error) }));
      },
      logger,
    );
    collab.setPersistenceGate(this.leases);
    this.relay.onWatch = (name) => void this.leases.watch(name);
    this.relay.onUnwatch = (name) => void this.leases.release(name);
  }

  /**
   * Tells every instance that a session is gone, so that none serves it from its cache. Without
   * Redis just now, the others still drop it when they next check it (SessionCache).
   */
  publishSessionRevoked(sessionId: string): void {
    this.announce(this.revokedChannel, sessionId);
  }

  /** The connection for plain commands (shared counters such as sign-in limits). */
  get redis(): Redis {
    return this.pub;
  }

  /** Tells every instance that who may write a document changed, so that each re-authorizes its connections. */
  publishAccessChanged(docName: string): void {
    this.announce(this.accessChannel, docName);
  }

  /** Tells every instance that a session changed, so that they read it again. */
  publishSessionChanged(sessionId: string): void {
    this.announce(this.changedChannel, sessionId);
  }

  private announce(channel: string, id: string): void {
    this.pub.publish(channel, `${this.relay.instanceId.toString('hex')}|${id}`).catch(() => undefined);
  }

  connectTransport(yjs: YjsTransport): void {
    this.relay.onRemoteAwareness = (docName, update) => yjs.applyRemoteAwareness(docName, update);
  }

  get healthy(): boolean {
    return this.relay.healthy;
  }

  /** Drops the Redis connections without releasing anything (a simulated crash). */
  abandon(): void {
    this.leases.close();
    this.relay.close();
    this.closeAdapter();
    for (const client of this.clients) client.disconnect();
  }

  async close(): Promise<void> {
    this.leases.close();
    this.relay.close();
    this.closeAdapter();
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }

  /**
   * Stops the adapter's stream reading first (closing its namespaces, as socket.io's own close
   * does), then drops its duplicated connections: a read still waiting for an absent Redis would
   * otherwise keep its connection retrying forever, and one refused while the loop still ran
   * would be tried again at once, endlessly.
   */
  private closeAdapter(): void {
    for (const adapter of this.adapters.splice(0)) void adapter.close();
    for (const copy of this.adapterClient.duplicates.splice(0)) copy.disconnect();
  }
}
