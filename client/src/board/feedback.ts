import type { ClientErrorCode } from '../api/http';

export interface FeedbackMessage {
  code: ClientErrorCode;
  seq: number;
  /** A posting pace's refusal: seconds until the next idea is accepted. */
  waitSeconds?: number;
}

/** The last refused action on a board, shown in an alert region until dismissed or stale. */
export class FeedbackStore {
  private current: FeedbackMessage | null = null;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly lifetimeMs = 10_000) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FeedbackMessage | null => this.current;

  error(code: ClientErrorCode, retryAfterMs?: number): void {
    this.seq += 1;
    this.set({
      code,
      seq: this.seq,
      ...(retryAfterMs !== undefined ? { waitSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } : {}),
    });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.dismiss(), this.lifetimeMs);
  }

  dismiss(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.set(null);
  }

  private set(message: FeedbackMessage | null): void {
    this.current = message;
    for (const listener of this.listeners) listener();
  }
}
