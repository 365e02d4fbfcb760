import type * as Y from 'yjs';
import { moderationMap, type HiddenRecord } from '@cocon/shared';

export type HiddenIdeas = ReadonlyMap<string, HiddenRecord>;
const NONE: HiddenIdeas = new Map();

/** Hidden ideas' texts and reasons from the moderation document (facilitators only). */
export class ModerationStore {
  private snapshot: HiddenIdeas = NONE;
  private readonly listeners = new Set<() => void>();
  private detach: (() => void) | null = null;

  attach(doc: Y.Doc): void {
    this.detach?.();
    const hidden = moderationMap(doc);
    const read = () => {
      this.snapshot = new Map(hidden.entries());
      for (const listener of this.listeners) listener();
    };
    hidden.observe(read);
    this.detach = () => hidden.unobserve(read);
    read();
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): HiddenIdeas => this.snapshot;
}
