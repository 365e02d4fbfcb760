import { createHmac, randomBytes } from 'node:crypto';
import { isDuplicateKey, type Database } from '../db/mongo.js';

/**
 * Participants appear on a board under a pseudonym, never their account or session id: the
 * board document every participant receives cannot link a person across boards, and an
 * anonymous idea carries a key of its own, which only the server can tie back to its author.
 */
export class Pseudonyms {
  private secret: Promise<Buffer> | null = null;

  constructor(private readonly db: Database) {}

  /** A person's key on one board (votes, reactions, named ideas, comments). */
  async boardKey(boardId: string, userId: string): Promise<string> {
    return this.mac(await this.key(), `board:${boardId}:${userId}`);
  }

  /** The author key of one anonymous idea: unlinkable to the author's other ideas. */
  async anonymousKeyFn(boardId: string, userId: string): Promise<(ideaId: string) => string> {
    const key = await this.key();
    return (ideaId) => this.mac(key, `anonymous:${boardId}:${userId}:${ideaId}`);
  }

  private mac(key: Buffer, text: string): string {
    return `p_${createHmac('sha256', key).update(text).digest('base64url').slice(0, 22)}`;
  }

  /** One secret shared by every instance, created on first use and kept in MongoDB. */
  private key(): Promise<Buffer> {
    this.secret ??= (async () => {
      try {
        await this.db.settings.updateOne(
          { _id: 'pseudonyms' },
          { $setOnInsert: { value: randomBytes(32).toString('base64') } },
          { upsert: true },
        );
      } catch (error) {
        // Another instance created it at the same moment (two upserts both insert): read theirs.
        if (!isDuplicateKey(error)) throw error;
      }
      const doc = await this.db.settings.findOne({ _id: 'pseudonyms' });
      if (!doc) throw new Error('pseudonym secret missing');
      return Buffer.from(doc.value, 'base64');
    })();
    this.secret.catch(() => (this.secret = null));
    return this.secret;
  }
}
