import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';

interface Pending<T extends Document> {
  doc: OptionalUnlessRequiredId<T>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Inserts into one collection, written as one unordered insertMany while the previous write is
 * under way (a group commit): a lone insert goes at once, a crowd's inserts share a write. A
 * room joining at once is two inserts per guest (a name, a session); FerretDB (SQLite) commits
 * each on its own, about 2 ms apiece and hardly in parallel, so 500 guests queued about 2 s of
 * inserts, where 500 in batches of 50 take some 35 ms. Each caller still gets its own outcome: a
 * duplicate key fails that document alone, with the driver's code (isDuplicateKey), and the
 * others are written.
 */
export class InsertBatcher<T extends Document> {
  private readonly queue: Pending<T>[] = [];
  private writing = false;

  constructor(
    private readonly collection: Collection<T>,
    private readonly maxBatch = 100,
  ) {}

  insert(doc: OptionalUnlessRequiredId<T>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      if (batch.length === 1) {
        const [one] = batch as [Pending<T>];
        await this.collection.insertOne(one.doc).then(() => one.resolve(), one.reject);
        continue;
      }
      await this.collection
        .insertMany(
          batch.map((p) => p.doc),
          { ordered: false },
        )
        .then(
          () => batch.forEach((p) => p.resolve()),
          (error: unknown) => {
            const failed = failuresByIndex(error);
            // Not a per-document answer (the database away): every insert of the batch failed.
            if (!failed) return batch.forEach((p) => p.reject(error));
            batch.forEach((p, i) => {
              const failure = failed.get(i);
              if (failure) p.reject(failure);
              else p.resolve();
            });
          },
        );
    }
    this.writing = false;
  }
}

/** The documents an unordered insertMany refused, by index, each as an error with its code. */
function failuresByIndex(error: unknown): Map<number, Error> | null {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (!writeErrors) return null;
  const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as {
    index: number;
    code?: number;
    errmsg?: string;
  }[];
  return new Map(
    list.map((w) => [w.index, Object.assign(new Error(w.errmsg ?? 'write error'), { code: w.code })]),
  );
}
