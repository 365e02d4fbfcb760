import * as Y from 'yjs';
import {
  boardMaps,
  ideaIdOfEditKey,
  readIdeaAt,
  readMeta,
  DEFAULT_META,
  type BoardMeta,
  type GroupRecord,
  type IdeaView,
} from '@cocon/shared';

export interface BoardSnapshot {
  meta: BoardMeta;
  /** Every idea in creation order (hidden ones included; the view filters by role). */
  ideas: readonly IdeaView[];
  groups: readonly GroupRecord[];
  /** Dots the viewer has placed across the board. */
  myDotsUsed: number;
  /** Bumped on every recompute, handy for tests and memo keys. */
  version: number;
}

export const EMPTY_SNAPSHOT: BoardSnapshot = {
  meta: DEFAULT_META,
  ideas: [],
  groups: [],
  myDotsUsed: 0,
  version: 0,
};

export type Scheduler = (flush: () => void) => void;

/** Next animation frame, or 100 ms if frames are throttled (a background tab still updates). */
export const frameScheduler: Scheduler = (flush) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    flush();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
};

/**
 * A read-only view of the board document for React (useSyncExternalStore).
 *
 * Equivalent to `readBoard(doc, viewerId)`, but incremental: Yjs events tell which ideas changed,
 * only those are re-read, and unchanged ideas keep their object identity so memoised cards do
 * not re-render. Bursts of updates (hundreds of people typing) are coalesced into one snapshot
 * per animation frame.
 */
export class BoardStore {
  private snapshot: BoardSnapshot = EMPTY_SNAPSHOT;
  private readonly cache = new Map<string, IdeaView>();
  private readonly dirtyIdeas = new Set<string>();
  private allDirty = true;
  private groupsDirty = true;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();
  private viewerId: string | null = null;
  private detach: (() => void) | null = null;
  private doc: Y.Doc | null = null;

  constructor(private readonly schedule: Scheduler = frameScheduler) {}

  /** Starts observing a document (the store outlives reconnections; one doc at a time). */
  attach(doc: Y.Doc): void {
    this.detach?.();
    const { meta, ideas, ideaExtras, ideaEdits, groups } = boardMaps(doc);
    // An idea changes through its record (ideas), its later changes (ideaEdits, keyed
    // "<ideaId>|<field>") or its reactions, votes and comments (ideaExtras; nested in the idea
    // itself in boards of the old shape).
    const onIdeas = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const event of events) {
        if (event.target === ideas || event.target === ideaExtras) {
          for (const key of event.changes.keys.keys()) this.dirtyIdeas.add(key);
        } else {
          const ideaId = event.path[0];
          if (typeof ideaId === 'string') this.dirtyIdeas.add(ideaId);
        }
      }
      this.request();
    };
    const onEdits = (event: Y.YMapEvent<unknown>) => {
      for (const key of event.keysChanged) this.dirtyIdeas.add(ideaIdOfEditKey(key));
      this.request();
    };
    const onGroups = () => {
      this.groupsDirty = true;
      this.request();
    };
    const onMeta = () => this.request();
    ideas.observeDeep(onIdeas);
    ideaExtras.observeDeep(onIdeas);
    ideaEdits.observe(onEdits);
    groups.observe(onGroups);
    meta.observe(onMeta);
    this.detach = () => {
      ideas.unobserveDeep(onIdeas);
      ideaExtras.unobserveDeep(onIdeas);
      ideaEdits.unobserve(onEdits);
      groups.unobserve(onGroups);
      meta.unobserve(onMeta);
      this.detach = null;
    };
    this.doc = doc;
    this.allDirty = true;
    this.groupsDirty = true;
    this.request();
  }

  stop(): void {
    this.detach?.();
    this.doc = null;
  }

  /** Votes and reactions are per viewer: a new viewer re-reads everything. */
  setViewer(viewerId: string | null): void {
    if (viewerId === this.viewerId) return;
    this.viewerId = viewerId;
    this.allDirty = true;
    this.request();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BoardSnapshot => this.snapshot;

  private request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Applies pending changes now (the scheduler calls it; tests may too). */
  flush(): void {
    const doc = this.doc;
    if (!doc) return;
    const { ideas, groups } = boardMaps(doc);
    let ideasChanged = false;
    if (this.allDirty) {
      this.cache.clear();
      for (const id of ideas.keys()) {
        const idea = readIdeaAt(doc, id, this.viewerId);
        if (idea) this.cache.set(id, idea);
      }
      ideasChanged = true;
    } else {
      for (const id of this.dirtyIdeas) {
        const idea = readIdeaAt(doc, id, this.viewerId);
        if (idea) this.cache.set(id, idea);
        else this.cache.delete(id);
        ideasChanged = true;
      }
    }
    this.allDirty = false;
    this.dirtyIdeas.clear();

    const next: BoardSnapshot = { ...this.snapshot, meta: sameMeta(this.snapshot.meta, readMeta(doc)) };
    if (ideasChanged) {
      const list = [...this.cache.values()].sort((a, b) => a.order - b.order || a.createdAt - b.createdAt);
      next.ideas = list;
      next.myDotsUsed = list.reduce((sum, idea) => sum + idea.myVotes, 0);
    }
    if (this.groupsDirty) {
      next.groups = [...groups.values()].sort((a, b) => a.order - b.order);
      this.groupsDirty = false;
    }
    if (
      next.meta === this.snapshot.meta &&
      next.ideas === this.snapshot.ideas &&
      next.groups === this.snapshot.groups
    ) {
      return; // nothing visible changed
    }
    next.version = this.snapshot.version + 1;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/** Keeps the previous meta object when nothing in it changed (fewer re-renders). */
function sameMeta(previous: BoardMeta, next: BoardMeta): BoardMeta {
  const timerSame =
    previous.timer === next.timer ||
    (previous.timer !== null &&
      next.timer !== null &&
      previous.timer.endsAt === next.timer.endsAt &&
      previous.timer.remainingMs === next.timer.remainingMs &&
      previous.timer.durationMs === next.timer.durationMs &&
      previous.timer.atZero === next.timer.atZero &&
      previous.timer.actedAt === next.timer.actedAt);
  // Every field but the timer is a plain value: a new field is compared without being listed.
  const same =
    timerSame &&
    (Object.keys(next) as (keyof BoardMeta)[]).every((key) => key === 'timer' || previous[key] === next[key]);
  return same ? previous : next;
}
