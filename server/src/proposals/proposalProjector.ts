import * as Y from 'yjs';
import {
  foldForSearch,
  parseDocName,
  proposalFieldsDocName,
  proposalTextDocName,
  readProposalFields,
  readProposalText,
} from '@cocon/shared';
import type { CollabService } from '../collab/collabService.js';
import type { ManagedDocument } from '../collab/managedDocument.js';
import type { Database } from '../db/mongo.js';
import type { Logger } from '../util/logger.js';

/** How long after an edit the projection runs, and the longest it waits under constant typing. */
const DEBOUNCE_MS = 300;
const MAX_WAIT_MS = 1_000;

/** Total of a document's Yjs clocks: grows with every change, never goes back. */
export function documentRevision(doc: Y.Doc): number {
  let sum = 0;
  for (const clock of Y.decodeStateVector(Y.encodeStateVector(doc)).values()) sum += clock;
  return sum;
}

/**
 * Projects each proposal's two Yjs documents into the `proposals` collection: plain fields and
 * text for lists, search and the plan. Debounced after edits, run again before unload;
 * idempotent, and guarded by a revision so a slower, older projection never overwrites a newer.
 */
export class ProposalProjector {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; firstAt: number }>();
  private readonly listeners = new Map<ManagedDocument, () => void>();
  private readonly subscribers = new Set<(proposalId: string) => void>();
  /** Single flight: the scheduled projection running per proposal, and those asked for meanwhile. */
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly collab: CollabService,
    private readonly logger: Logger,
  ) {
    collab.addHooks({
      loaded: (managed) => this.watch(managed),
      beforeUnload: async (managed) => {
        const id = this.proposalIdOf(managed.name);
        if (!id) return;
        this.unwatch(managed);
        this.cancel(id);
        await this.project(id);
      },
    });
  }

  /** Called after every projection that changed the collection (plan roll-up, live lists). */
  onProjected(listener: (proposalId: string) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /**
   * Projects now; resolves once stored. `loadSiblings`: open the proposal's other document in
   * memory when it is not (it then stays for the unload grace period and follows other
   * instances' edits), rather than reading it from the store: projections run every second while
   * people type, and on FerretDB each store read scans the whole update log. Not when a document
   * is unloading, which would open its sibling, whose own unload would open it again, forever.
   */
  async project(proposalId: string, { loadSiblings = false } = {}): Promise<boolean> {
    const { view, rev } = await this.snapshot(proposalId, loadSiblings);
    const searchText = foldForSearch(
      [
        view.fields.title,
        view.fields.theme,
        view.fields.generalObjective,
        view.text.context,
        view.text.description,
      ]
        .concat(view.fields.objectives.flatMap((o) => [o.text, ...o.actions.map((a) => a.text)]))
        .join(' \n '),
    );
    // Same key as the status transition: on FerretDB v1 an update rewrites the whole document.
    const result = await this.db.exclusive(`proposal:${proposalId}`, () =>
      this.db.proposals.updateOne(
        { _id: proposalId, projectionRev: { $lt: rev } },
        {
          $set: {
            fields: view.fields,
            text: view.text,
            searchText,
            projectionRev: rev,
            projectedAt: new Date(),
          },
        },
      ),
    );
    if (result.modifiedCount > 0) for (const listener of this.subscribers) listener(proposalId);
    return result.modifiedCount > 0;
  }

  close(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private proposalIdOf(name: string): string | null {
    const parsed = parseDocName(name);
    return parsed && (parsed.kind === 'proposalText' || parsed.kind === 'proposalFields')
      ? parsed.proposalId
      : null;
  }

  /**
   * Plain fields and text of both documents, and their revision. When both are in memory they
   * are read synchronously (the common case while people type: no copy); otherwise each is read
   * from memory or from the store.
   */
  private async snapshot(proposalId: string, loadSiblings: boolean) {
    const textName = proposalTextDocName(proposalId);
    const fieldsName = proposalFieldsDocName(proposalId);
    const held: ManagedDocument[] = [];
    if (loadSiblings) {
      const acquired = await Promise.allSettled(
        [textName, fieldsName].filter((n) => !this.collab.peek(n)).map((n) => this.collab.acquire(n)),
      );
      for (const result of acquired) if (result.status === 'fulfilled') held.push(result.value);
      const failed = acquired.find((result) => result.status === 'rejected');
      if (failed) {
        // Let go of the one that did load, or it would stay in memory for good.
        for (const managed of held) this.collab.release(managed);
        throw failed.reason;
      }
    }
    try {
      const liveText = this.collab.peek(textName)?.doc;
      const liveFields = this.collab.peek(fieldsName)?.doc;
      const text = liveText && liveFields ? liveText : await this.read(textName);
      const fields = liveText && liveFields ? liveFields : await this.read(fieldsName);
      return {
        view: { fields: readProposalFields(fields), text: readProposalText(text) },
        rev: documentRevision(text) + documentRevision(fields),
      };
    } finally {
      for (const managed of held) this.collab.release(managed);
    }
  }

  /** The live document when loaded (read at once), else its stored state. */
  private async read(name: string): Promise<Y.Doc> {
    const live = this.collab.peek(name);
    if (live) {
      // Copy synchronously: the live document may be unloaded while we await other reads.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
      return copy;
    }
    return this.collab.readStored(name);
  }

  private watch(managed: ManagedDocument): void {
    const id = this.proposalIdOf(managed.name);
    if (!id) return;
    const listener = () => this.schedule(id);
    managed.doc.on('update', listener);
    this.listeners.set(managed, listener);
  }

  private unwatch(managed: ManagedDocument): void {
    const listener = this.listeners.get(managed);
    if (listener) managed.doc.off('update', listener);
    this.listeners.delete(managed);
  }

  private cancel(id: string): void {
    const pending = this.timers.get(id);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(id);
  }

  private schedule(id: string, failures = 0): void {
    const now = Date.now();
    const pending = this.timers.get(id);
    const firstAt = pending?.firstAt ?? now;
    if (pending) clearTimeout(pending.timer);
    const debounce = Math.max(0, Math.min(DEBOUNCE_MS, firstAt + MAX_WAIT_MS - now));
    // After failures (database away), back off up to 30 s.
    const delay = failures > 0 ? Math.min(30_000, 500 * 2 ** failures) : debounce;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.run(id, failures);
    }, delay);
    this.timers.set(id, { timer, firstAt });
  }

  /**
   * One scheduled projection at a time per proposal: while the database is slow, edits that
   * arrive meanwhile ask for one more run after it (which reads the latest state), instead of
   * piling projections up behind the proposal's key, where status changes would wait too.
   */
  private run(id: string, failures: number): void {
    if (this.running.has(id)) {
      this.again.add(id);
      return;
    }
    this.running.add(id);
    this.project(id, { loadSiblings: true })
      .then(
        () => {
          if (this.again.delete(id)) this.schedule(id);
        },
        (error: unknown) => {
          this.again.delete(id);
          this.logger.warn('proposal projection failed; retrying', { proposalId: id, error: String(error) });
          this.schedule(id, failures + 1);
        },
      )
      .finally(() => this.running.delete(id));
  }
}
