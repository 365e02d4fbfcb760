import type { Ack, BoardMine } from '@cocon/shared';

/** Asks the server for the viewer's own things (`board:mine`). */
export type MineQuery = () => Promise<Ack<BoardMine>>;

/**
 * The viewer's own held ideas, hidden dots and hidden ideas' reasons: none of it is in the board
 * document, so it is asked for (at join, when the board's options change, after the viewer's own
 * posts and edits) and patched from vote acknowledgements. One request at a time; a refresh asked
 * for meanwhile runs once after it.
 */
export class MineStore {
  private snapshot: BoardMine | null = null;
  private readonly listeners = new Set<() => void>();
  private running = false;
  private again = false;
  private stopped = false;
  private readonly held = new Set<string>();

  constructor(private readonly query: MineQuery) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BoardMine | null => this.snapshot;

  /** Whether this idea is one of the viewer's held ones (its edits change what we hold). */
  holds(ideaId: string): boolean {
    return this.held.has(ideaId);
  }

  refresh(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.query()
      .then((ack) => {
        if (ack.ok && !this.stopped) this.set(ack.data);
      })
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }

  /** A vote's acknowledgement says how many of the viewer's dots the idea now has. */
  patchVote(ideaId: string, onIdea: number): void {
    const current = this.snapshot ?? { held: [], votes: {}, hidden: [] };
    const votes = { ...current.votes };
    if (onIdea > 0) votes[ideaId] = onIdea;
    else delete votes[ideaId];
    this.set({ ...current, votes });
  }

  start(): void {
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
  }

  private set(next: BoardMine): void {
    this.snapshot = next;
    this.held.clear();
    for (const idea of next.held) this.held.add(idea.id);
    for (const listener of this.listeners) listener();
  }
}
