import { newId } from '@cocon/shared';
import { isDuplicateKey, type AuditDoc, type Database } from '../db/mongo.js';
import type { Logger } from '../util/logger.js';

export interface AuditEntry {
  /** Given by steps that may run again: the entry is then recorded once. */
  id?: string;
  /** The organisation the action happened in (null: platform level, such as creating one). */
  organizationId: string | null;
  actorId: string;
  actorName: string;
  action: string;
  targetKind: string;
  targetId: string;
  details?: AuditDoc['details'];
}

/** Who did what, when: moderation, phase changes, sign-ins. */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      const { id, ...fields } = entry;
      await this.db.audit.insertOne({ _id: id ?? newId(), at: new Date(), details: {}, ...fields });
    } catch (error) {
      if (isDuplicateKey(error)) return; // recorded by an earlier run of the same step
      // The action itself succeeded; losing its trace is logged loudly rather than undone.
      this.logger.error('audit log write failed', { ...entry, error: String(error) });
    }
  }

  async forTarget(organizationId: string, targetId: string, limit = 100): Promise<AuditDoc[]> {
    return this.db.audit.find({ organizationId, targetId }).sort({ at: -1 }).limit(limit).toArray();
  }
}
