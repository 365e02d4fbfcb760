import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { CLOSE_CODES, proposalFieldsDocName, proposalTextDocName } from '@cocon/shared';
import { yjsServerUrl, type DocStatus } from '../board/docConnection';

/** What one person publishes in a proposal document's awareness. */
export interface CollabUser {
  name: string;
  /** #rrggbb: CollaborationCaret only accepts six-digit colours. */
  color: string;
}

/** The structured field someone is typing in, and where their caret is. */
export interface FieldFocus {
  path: string;
  index: number;
  /** Y.relativePositionToJSON of the caret: stays right while others type in the field. */
  rel?: unknown;
}

export interface Peer {
  clientId: number;
  user: CollabUser;
  field: FieldFocus | null;
}

/** Dark enough for white text (WCAG AA) and distinct from one another. */
const PALETTE = ['#0b6e4f', '#8e2c8e', '#b3261e', '#1d5fa8', '#7a4b00', '#00696f', '#5b3fa8', '#a3303e'];

export function colorFor(seed: string): string {
  // FNV-1a, then a final mix so ids that differ by one letter land far apart.
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  hash ^= hash >>> 12;
  return PALETTE[(hash >>> 0) % PALETTE.length] ?? '#1d5fa8';
}

/** The WebSocket's own close code for a frame over the server's limit (LIMITS.yjsMessageMaxBytes). */
const MESSAGE_TOO_BIG = 1009;

/**
 * Refusals that reconnecting would only repeat: the provider would send the same refused
 * update again at every reconnection, forever.
 */
const FINAL_CLOSE_CODES = new Set<number>([
  CLOSE_CODES.malformed,
  CLOSE_CODES.unauthenticated,
  CLOSE_CODES.forbidden,
  CLOSE_CODES.documentTooLarge,
  CLOSE_CODES.invalidUpdate,
  MESSAGE_TOO_BIG,
]);

/** Whether the provider should reconnect after the server closed the connection with `code`. */
export function reconnectsAfter(code: number): boolean {
  return !FINAL_CLOSE_CODES.has(code);
}

/** The i18n key that explains a final close to the writer. */
export function closedMessageKey(
  code: number,
): 'proposals.editTooLarge' | 'proposals.editRefused' | 'proposals.connectionClosed' {
  if (code === CLOSE_CODES.documentTooLarge || code === MESSAGE_TOO_BIG) return 'proposals.editTooLarge';
  if (code === CLOSE_CODES.invalidUpdate) return 'proposals.editRefused';
  return 'proposals.connectionClosed';
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * Stock y-websocket re-sends every awareness change it hears, other people's included; the
 * server holds each connection to the one awareness client it speaks for and closes it (4400)
 * otherwise. So this provider only ever sends its own client's state.
 */
function speakOnlyForMyself(provider: WebsocketProvider): void {
  const internal = provider as unknown as {
    _awarenessUpdateHandler: (change: AwarenessChange, origin: unknown) => void;
  };
  const relay = internal._awarenessUpdateHandler;
  const me = provider.doc.clientID;
  provider.awareness.off('update', relay);
  const mine = (change: AwarenessChange, origin: unknown) => {
    const only = (ids: number[]) => ids.filter((id) => id === me);
    const filtered = {
      added: only(change.added),
      updated: only(change.updated),
      removed: only(change.removed),
    };
    if (filtered.added.length + filtered.updated.length + filtered.removed.length > 0)
      relay(filtered, origin);
  };
  provider.awareness.on('update', mine);
  // destroy() removes the stock handler; ours must go too.
  internal._awarenessUpdateHandler = mine;
}

export interface ProposalDocsState {
  text: DocStatus;
  fields: DocStatus;
  synced: boolean;
  closedCode: number | null;
}

/**
 * The two Yjs documents of one proposal, each on its own WebsocketProvider. Writers write
 * straight into them; for everyone else the server drops local updates, so the page renders
 * read-only for them.
 */
export class ProposalDocs {
  readonly textDoc = new Y.Doc();
  readonly fieldsDoc = new Y.Doc();
  private providers: { text: WebsocketProvider; fields: WebsocketProvider } | null = null;
  private state: ProposalDocsState = {
    text: 'connecting',
    fields: 'connecting',
    synced: false,
    closedCode: null,
  };
  private readonly listeners = new Set<() => void>();
  private textSynced = false;
  private fieldsSynced = false;

  constructor(
    readonly proposalId: string,
    private readonly share: string | null,
    private readonly user: CollabUser,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ProposalDocsState => this.state;

  get textProvider(): WebsocketProvider | null {
    return this.providers?.text ?? null;
  }

  get textAwareness(): Awareness | null {
    return this.providers?.text.awareness ?? null;
  }

  get fieldsAwareness(): Awareness | null {
    return this.providers?.fields.awareness ?? null;
  }

  start(): void {
    if (this.providers) return;
    const open = (docName: string, doc: Y.Doc, which: 'text' | 'fields') => {
      const provider = new WebsocketProvider(yjsServerUrl(), docName, doc, {
        connect: false,
        disableBc: true,
        resyncInterval: 20_000,
        params: this.share ? { share: this.share } : {},
        // Rate limits and slow links heal by themselves; refusals (no access, too large) do not.
        shouldReconnect: (event: CloseEvent) => reconnectsAfter(event.code),
      });
      speakOnlyForMyself(provider);
      provider.awareness.setLocalStateField('user', this.user);
      provider.on('status', ({ status }) => this.update({ [which]: status }));
      provider.on('sync', (synced) => {
        if (!synced) return;
        if (which === 'text') this.textSynced = true;
        else this.fieldsSynced = true;
        this.update({ synced: this.textSynced && this.fieldsSynced });
      });
      provider.on('closed', ({ code }) => this.update({ [which]: 'disconnected', closedCode: code }));
      return provider;
    };
    this.providers = {
      text: open(proposalTextDocName(this.proposalId), this.textDoc, 'text'),
      fields: open(proposalFieldsDocName(this.proposalId), this.fieldsDoc, 'fields'),
    };
    this.providers.text.connect();
    this.providers.fields.connect();
  }

  stop(): void {
    const providers = this.providers;
    if (!providers) return;
    this.providers = null;
    // The documents stay: React may start the same page again (Strict Mode, fast refresh).
    providers.text.awareness.setLocalState(null);
    providers.fields.awareness.setLocalState(null);
    for (const provider of [providers.text, providers.fields]) {
      const awareness = provider.awareness;
      provider.destroy();
      awareness.destroy();
    }
    this.textSynced = false;
    this.fieldsSynced = false;
    this.update({ text: 'disconnected', fields: 'disconnected' });
  }

  private update(patch: Partial<ProposalDocsState>): void {
    const next = { ...this.state, ...patch };
    if (
      next.text === this.state.text &&
      next.fields === this.state.fields &&
      next.synced === this.state.synced &&
      next.closedCode === this.state.closedCode
    ) {
      return;
    }
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Everyone else in an awareness, with a stable snapshot for useSyncExternalStore. Listens to
 * the awareness only while someone subscribes (safe to create during render).
 */
export class PeerStore {
  private peers: Peer[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly awareness: Awareness | null) {
    this.refresh();
  }

  subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) this.awareness?.on('change', this.onChange);
    this.listeners.add(listener);
    this.onChange();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.awareness?.off('change', this.onChange);
    };
  };

  getSnapshot = (): Peer[] => this.peers;

  private onChange = (): void => {
    if (this.refresh()) for (const listener of this.listeners) listener();
  };

  private refresh(): boolean {
    const awareness = this.awareness;
    if (!awareness) return false;
    const next: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const user = (state as { user?: Partial<CollabUser> }).user;
      if (!user || typeof user.name !== 'string') return;
      const field = (state as { field?: FieldFocus | null }).field ?? null;
      next.push({
        clientId,
        user: { name: user.name, color: typeof user.color === 'string' ? user.color : '#4a5668' },
        field: field && typeof field.path === 'string' && typeof field.index === 'number' ? field : null,
      });
    });
    next.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
    if (JSON.stringify(next) === JSON.stringify(this.peers)) return false;
    this.peers = next;
    return true;
  }
}
