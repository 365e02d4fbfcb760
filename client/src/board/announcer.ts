import type { IdeaView } from '@cocon/shared';

export type Announcement =
  { kind: 'one'; text: string; seq: number } | { kind: 'many'; count: number; seq: number };

/**
 * Announces other people's new ideas to screen readers without flooding them: the first
 * snapshot is taken as known, then at most one message per `intervalMs` ("New idea: …" or
 * "12 new ideas").
 */
export class NewIdeaAnnouncer {
  private known: Set<string> | null = null;
  private waiting: IdeaView[] = [];
  private lastAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private current: Announcement | null = null;
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly intervalMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Announcement | null => this.current;

  /** Call with every board snapshot; `viewerId`'s own ideas are not announced. */
  observe(ideas: readonly IdeaView[], viewerId: string | null, includeHidden: boolean): void {
    if (this.known === null) {
      this.known = new Set(ideas.map((idea) => idea.id));
      return;
    }
    for (const idea of ideas) {
      if (this.known.has(idea.id)) continue;
      this.known.add(idea.id);
      if (idea.authorId !== viewerId && (includeHidden || !idea.hidden)) this.waiting.push(idea);
    }
    if (this.waiting.length > 0) this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastAt + this.intervalMs - this.now());
    if (wait === 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    const ideas = this.waiting;
    this.waiting = [];
    if (ideas.length === 0) return;
    this.lastAt = this.now();
    this.seq += 1;
    const [only] = ideas;
    this.current =
      ideas.length === 1 && only
        ? { kind: 'one', text: only.text, seq: this.seq }
        : { kind: 'many', count: ideas.length, seq: this.seq };
    for (const listener of this.listeners) listener();
  }
}
