import * as Y from 'yjs';

/** The first way a document breaks its schema, or null when it keeps it. */
export type SchemaCheck = (doc: Y.Doc) => string | null;

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/**
 * Keeps a client-written document to its schema. A shadow copy follows every change of the live
 * document; a client's update is applied to the shadow first and checked there, and reaches the
 * live document (and everyone) only when the result still keeps the schema. A CRDT cannot take an
 * update back once applied: checking on a copy is what makes refusing possible.
 */
export class SchemaGuard {
  private shadow: Y.Doc;
  /** True while a checked update is applied to the live document (the shadow has it already). */
  private applying = false;
  private readonly follow = (update: Uint8Array) => {
    if (!this.applying) Y.applyUpdate(this.shadow, update);
  };

  constructor(
    private readonly live: Y.Doc,
    private readonly check: SchemaCheck,
  ) {
    this.shadow = copyOf(live);
    live.on('update', this.follow);
  }

  /** Applies `update` to the live document if it keeps the schema; otherwise says why not. */
  apply(update: Uint8Array, origin: unknown): string | null {
    Y.applyUpdate(this.shadow, update);
    const problem = this.check(this.shadow);
    if (problem) {
      // The shadow took the refused update: start it again from the live document.
      this.shadow.destroy();
      this.shadow = copyOf(this.live);
      return problem;
    }
    this.applying = true;
    try {
      Y.applyUpdate(this.live, update, origin);
    } finally {
      this.applying = false;
    }
    return null;
  }

  close(): void {
    this.live.off('update', this.follow);
    this.shadow.destroy();
  }
}
