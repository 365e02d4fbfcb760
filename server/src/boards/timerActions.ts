import type * as Y from 'yjs';
import type { Redis } from 'ioredis';
import { LIMITS, boardDocName, boardMaps, parseDocName, readMeta, timerZeroDue } from '@cocon/shared';
import type { AuditLog } from '../audit/auditLog.js';
import type { CollabService, DocumentHooks } from '../collab/collabService.js';
import type { Logger } from '../util/logger.js';
import type { BoardDirectory } from './boardAccess.js';
import { timerAtZero, timerZeroPending } from './boardMutations.js';

/**
 * What a board's countdown does at zero (lock the board, end the vote), applied by the server.
 *
 * Every instance that has a board document loaded watches its timer and schedules the action for
 * `endsAt`. At zero the action is applied only if the timer is still the one scheduled (same
 * `endsAt`, not acted on: `timerZeroPending`), and only by the instance that claims that zero
 * (`ZeroClaim`: one Redis key per board and `endsAt`); the mutation re-checks and marks the timer
 * acted on in the same Yjs transaction as its effect. A document loaded after its zero passed
 * (a restart, an unload) acts at once if nobody did.
 */

/** The clock the scheduler reads and sets its timeouts on (tests pass a fake one). */
export interface TimerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: TimerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** True when this instance is the one to act on this zero (asked only once it is due). */
export type ZeroClaim = (boardId: string, endsAt: number) => Promise<boolean>;

/** One instance alone: it always acts. */
export const soleInstanceClaim: ZeroClaim = () => Promise.resolve(true);

/**
 * Several instances: the first to set the board's zero key in Redis acts. Without Redis at that
 * moment, the instance holding the document's persistence lease acts (it believes it does).
 */
export function redisZeroClaim(
  redis: Redis,
  prefix: string,
  holdsLease: (docName: string) => boolean,
  logger: Logger,
): ZeroClaim {
  return async (boardId, endsAt) => {
    try {
      const key = `${prefix}timer-zero:${boardId}:${endsAt}`;
      return (await redis.set(key, '1', 'PX', 3_600_000, 'NX')) === 'OK';
    } catch (error) {
      logger.warn('timer claim without Redis; the persistence writer acts', {
        boardId,
        error: String(error),
      });
      return holdsLease(boardDocName(boardId));
    }
  };
}

/** Called when a watched countdown reaches zero; resolves true when this instance applied it. */
export type ZeroHandler = (boardId: string, endsAt: number) => Promise<boolean>;

interface Watched {
  doc: Y.Doc;
  stop: () => void;
  /** The `endsAt` scheduled, and its timeout. */
  endsAt: number | null;
  handle: unknown;
}

/** Watches the timers of loaded boards and calls `onZero` once per countdown reaching zero. */
export class TimerScheduler {
  private readonly watched = new Map<string, Watched>();
  readonly stats = { fired: 0, applied: 0 };

  constructor(
    private readonly clock: TimerClock,
    private readonly onZero: ZeroHandler,
    private readonly logger: Logger,
  ) {}

  /** Hooks for CollabService: watch a board document while it is loaded. */
  hooks(): DocumentHooks {
    const boardOf = (name: string) => {
      const parsed = parseDocName(name);
      return parsed?.kind === 'board' ? parsed.boardId : null;
    };
    return {
      loaded: (managed) => {
        const boardId = boardOf(managed.name);
        if (boardId) this.watch(boardId, managed.doc);
      },
      beforeUnload: async (managed) => {
        const boardId = boardOf(managed.name);
        if (boardId) this.unwatch(boardId);
      },
      unloaded: (name) => {
        const boardId = boardOf(name);
        if (boardId) this.unwatch(boardId);
      },
    };
  }

  watch(boardId: string, doc: Y.Doc): void {
    const before = this.watched.get(boardId);
    if (before?.doc === doc) return;
    if (before) this.unwatch(boardId);
    const meta = boardMaps(doc).meta;
    const observer = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has('timer')) this.schedule(boardId);
    };
    meta.observe(observer);
    this.watched.set(boardId, { doc, stop: () => meta.unobserve(observer), endsAt: null, handle: null });
    this.schedule(boardId);
  }

  unwatch(boardId: string): void {
    const entry = this.watched.get(boardId);
    if (!entry) return;
    entry.stop();
    if (entry.handle !== null) this.clock.clearTimeout(entry.handle);
    this.watched.delete(boardId);
  }

  /** The `endsAt` scheduled for a board, or null (tests). */
  scheduled(boardId: string): number | null {
    return this.watched.get(boardId)?.endsAt ?? null;
  }

  close(): void {
    for (const boardId of [...this.watched.keys()]) this.unwatch(boardId);
  }

  private schedule(boardId: string): void {
    const entry = this.watched.get(boardId);
    if (!entry) return;
    const due = timerZeroDue(readMeta(entry.doc).timer);
    if (due === entry.endsAt && (due === null || entry.handle !== null)) return;
    if (entry.handle !== null) this.clock.clearTimeout(entry.handle);
    entry.handle = null;
    entry.endsAt = due;
    if (due === null) return;
    entry.handle = this.clock.setTimeout(
      () => {
        if (this.watched.get(boardId) !== entry || entry.endsAt !== due) return;
        entry.handle = null;
        this.fire(boardId, due);
      },
      Math.max(0, due - this.clock.now()),
    );
  }

  private fire(boardId: string, endsAt: number): void {
    this.stats.fired += 1;
    this.onZero(boardId, endsAt).then(
      (applied) => {
        if (applied) this.stats.applied += 1;
      },
      (error: unknown) => this.logger.warn('timer action failed', { boardId, error: String(error) }),
    );
  }
}

/**
 * The action at zero through the intent path: hold the board document, check, claim, apply the
 * mutation in one transaction, record it in the audit log (once: its id is the zero's).
 */
export function applyAtZero(deps: {
  collab: CollabService;
  boards: BoardDirectory;
  audit: AuditLog;
  claim: ZeroClaim;
  clock: TimerClock;
}): ZeroHandler {
  return async (boardId, endsAt) => {
    const result = await deps.collab.withDocument(boardDocName(boardId), async (managed) => {
      if (!timerZeroPending(managed.doc, endsAt)) return null;
      if (!managed.fitsWithin(LIMITS.yjsDocumentMaxBytes, 0)) return null;
      if (!(await deps.claim(boardId, endsAt))) return null;
      // Checked again in the mutation: the document may have changed while Redis answered.
      return timerAtZero(managed.doc, endsAt, deps.clock.now());
    });
    if (!result) return false;
    const board = await deps.boards.get(boardId);
    await deps.audit.record({
      id: `timer-zero:${boardId}:${endsAt}`,
      organizationId: board?.organizationId ?? null,
      actorId: 'system:timer',
      actorName: 'timer',
      action: 'board:timer-zero',
      targetKind: 'board',
      targetId: boardId,
      details: { atZero: result.applied, changed: result.changed, endsAt },
    });
    return true;
  };
}
