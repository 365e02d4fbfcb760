import type * as Y from 'yjs';
import {
  holdingMaps,
  moderationMap,
  readHeld,
  readHiddenVotes,
  type HeldRecord,
  type HiddenRecord,
} from '@cocon/shared';

export type HiddenIdeas = ReadonlyMap<string, HiddenRecord>;

/** The moderation document as facilitators see it. */
export interface ModerationSnapshot {
  /** Hidden ideas' texts and reasons. */
  hidden: HiddenIdeas;
  /** Ideas held off the board (private mode, pre-moderation), in posting order. */
  held: readonly HeldRecord[];
  /** Dots placed while totals are hidden: idea -> person -> dots. */
  hiddenVotes: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const NONE: ModerationSnapshot = { hidden: new Map(), held: [], hiddenVotes: new Map() };

/** The moderation document (facilitators only), read again whenever it changes. */
export class ModerationStore {
  private snapshot: ModerationSnapshot = NONE;
  private readonly listeners = new Set<() => void>();
  private detach: (() => void) | null = null;

  attach(doc: Y.Doc): void {
    this.detach?.();
    const hidden = moderationMap(doc);
    const { held, votes } = holdingMaps(doc);
    const readHidden = () => this.publish({ hidden: new Map(hidden.entries()) });
    const readHolding = () => this.publish({ held: readHeld(doc) });
    const readVotes = () => this.publish({ hiddenVotes: readHiddenVotes(doc) });
    hidden.observe(readHidden);
    held.observe(readHolding);
    votes.observe(readVotes);
    this.detach = () => {
      hidden.unobserve(readHidden);
      held.unobserve(readHolding);
      votes.unobserve(readVotes);
    };
    this.publish({
      hidden: new Map(hidden.entries()),
      held: readHeld(doc),
      hiddenVotes: readHiddenVotes(doc),
    });
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ModerationSnapshot => this.snapshot;

  private publish(patch: Partial<ModerationSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
