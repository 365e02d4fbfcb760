import { guestNameKey, nthGuestName, type GuestNameChange } from '@cocon/shared';
import { isDuplicateKey, type Database, type GuestNameDoc } from '../db/mongo.js';
import { InsertBatcher } from '../db/insertBatcher.js';
import { AppError } from '../util/appError.js';

/**
 * The names guests show in a forum, one guest per name (case and accents aside): the first to
 * ask for "Marie" is "Marie", the next ones "Marie (2)", "Marie (3)"... A guest keeps the name
 * they were given: asking for it again from the same device (the same guest id) gives it back.
 *
 * Each name shown is a document whose `_id` is the forum and the name's key: of two guests who
 * ask for one name at the same moment, on one instance or two, exactly one can insert it (a
 * unique key is an atomic compare-and-set on MongoDB and FerretDB alike, where a filtered update
 * is not); the other meets a duplicate key and tries the next number.
 */
export class GuestNames {
  constructor(
    private readonly db: Database,
    /** Names tried before giving up (each try is one insert); only a crowd of one name reaches it. */
    private readonly maxAttempts = 200,
  ) {
    this.inserts = new InsertBatcher(db.guestNames);
  }

  /** A room joining at once shares its writes; each name still gets its own answer (InsertBatcher). */
  private readonly inserts: InsertBatcher<GuestNameDoc>;

  /** The name `guestId` shows in `forumId` when they ask for `asked` (cleaned by guestNameSchema). */
  async claim(
    forumId: string,
    guestId: string,
    asked: string,
  ): Promise<{ name: string; change: GuestNameChange | null }> {
    const askedKey = guestNameKey(asked);
    const kept = (name: string) => ({ name, change: name === asked ? null : ('restored' as const) });
    const mine = () => this.db.guestNames.findOne({ forumId, guestId, askedKey });
    const take = async (n: number) => {
      const name = nthGuestName(asked, n);
      try {
        await this.inserts.insert({
          _id: `${forumId}:${guestNameKey(name)}`,
          forumId,
          guestId,
          askedKey,
          name,
          createdAt: new Date(),
        });
        return { name, change: n > 1 ? ('taken' as const) : null };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return null;
      }
    };
    // Most names in a room are free: one insert decides (a room of 500 joining at once made three
    // round trips per guest, a read, a count and this insert). A device that already has a name
    // for this ask meets a duplicate key, the name's or the (forum, guest, ask) one, and gets it
    // back just below.
    const first = await take(1);
    if (first) return first;
    // Someone else shows this name, or this guest already has one for it (a rejoin, a double tap).
    const existing = await mine();
    if (existing) return kept(existing.name);
    // Start after the guests who asked for this name before (a hint only: the inserts decide).
    let n = Math.max(2, (await this.db.guestNames.countDocuments({ forumId, askedKey })) + 1);
    for (let attempt = 1; attempt < this.maxAttempts; attempt++, n++) {
      const taken = await take(n);
      if (taken) return taken;
      const theirs = await mine();
      if (theirs) return kept(theirs.name);
    }
    throw new AppError(409, 'conflict', 'Too many people use this name here; choose another one.');
  }
}
