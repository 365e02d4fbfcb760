import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export type DocStatus = 'connecting' | 'connected' | 'disconnected';

export interface DocConnectionState {
  status: DocStatus;
  /** The first full sync arrived (the board is not just empty). */
  synced: boolean;
  /** The server closed for good (4401/4403/...): no automatic retry. */
  closedCode: number | null;
}

/** ws(s)://<this origin>/yjs: the API is served from the same origin as the page. */
export function yjsServerUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/yjs`;
}

/**
 * One read-only Yjs document kept in sync over /yjs. The page never writes to it: every change
 * is a socket.io intent that comes back through here.
 */
export class DocConnection {
  private state: DocConnectionState = { status: 'connecting', synced: false, closedCode: null };
  private readonly listeners = new Set<() => void>();
  private provider: WebsocketProvider | null = null;

  constructor(
    readonly docName: string,
    private readonly onDoc: (doc: Y.Doc) => void,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): DocConnectionState => this.state;

  start(): void {
    if (this.provider) return;
    const doc = new Y.Doc();
    this.onDoc(doc);
    const provider = new WebsocketProvider(yjsServerUrl(), this.docName, doc, {
      connect: false,
      // Tabs must not share state behind the server's back.
      disableBc: true,
      // The server answers a sync request, which doubles as a keep-alive: y-websocket drops a
      // connection that has heard nothing for 30 s, and we send no awareness.
      resyncInterval: 20_000,
    });
    // Presence comes from socket.io; awareness for hundreds of read-only viewers is just noise.
    provider.awareness.setLocalState(null);
    provider.on('status', ({ status }) => this.update({ status }));
    provider.on('sync', (synced) => {
      if (synced) this.update({ synced: true });
    });
    provider.on('closed', ({ code }) => this.update({ status: 'disconnected', closedCode: code }));
    this.provider = provider;
    provider.connect();
  }

  stop(): void {
    const provider = this.provider;
    if (!provider) return;
    this.provider = null;
    const doc = provider.doc;
    provider.destroy();
    doc.destroy();
    this.update({ status: 'disconnected' });
  }

  private update(patch: Partial<DocConnectionState>): void {
    const next = { ...this.state, ...patch };
    if (
      next.status === this.state.status &&
      next.synced === this.state.synced &&
      next.closedCode === this.state.closedCode
    ) {
      return;
    }
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
