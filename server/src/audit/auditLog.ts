import { newId } from '@cocon/shared';
import type { AuditDoc, Database } from '../db/mongo.js';
import type { Logger } from '../util/logger.js';

export interface AuditEntry {
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
      await this.db.audit.insertOne({ _id: newId(), at: new Date(), details: {}, ...entry });
    } catch (error) {
      // The action itself succeeded; losing its trace is logged loudly rather than undone.
      this.logger.error('audit log write failed', { ...entry, error: String(error) });
    }
  }

  async forTarget(organizationId: string, targetId: string, limit = 100): Promise<AuditDoc[]> {
    return this.db.audit.find({ organizationId, targetId }).sort({ at: -1 }).limit(limit).toArray();
  }
}
