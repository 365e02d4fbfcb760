import { newId, type PartnerView } from '@cocon/shared';
import type { Database, PartnerDoc } from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';
import type { AuditLog } from '../audit/auditLog.js';
import { AppError } from '../util/appError.js';

/** A refusal from the fund's rules (rendered by the HTTP error handler). */
export class FundError extends AppError {}

/** Partner organizations and the accounts that represent them (one partner per account). */
export class PartnerDirectory {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<PartnerView[]> {
    const [partners, reps] = await Promise.all([
      this.db.partners.find({}).toArray(),
      this.db.users.find({ partnerId: { $ne: null, $exists: true } }).toArray(),
    ]);
    return partners.sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((p) => this.toView(p, reps));
  }

  async get(partnerId: string): Promise<PartnerView> {
    const partner = await this.db.partners.findOne({ _id: partnerId });
    if (!partner) throw new FundError(404, 'not_found', 'This partner does not exist.');
    const reps = await this.db.users.find({ partnerId }).toArray();
    return this.toView(partner, reps);
  }

  async create(session: Session, name: string): Promise<PartnerView> {
    const doc: PartnerDoc = { _id: newId(), name, createdAt: new Date() };
    await this.db.partners.insertOne(doc);
    await this.record(session, 'partner:create', doc._id, { name });
    return this.toView(doc, []);
  }

  /** Links an existing account; an account represents one partner at most, so this moves it. */
  async addRepresentative(session: Session, partnerId: string, email: string): Promise<PartnerView> {
    await this.get(partnerId);
    const user = await this.db.users.findOne({ email: email.toLowerCase() });
    if (!user) throw new FundError(404, 'not_found', 'No account has this e-mail address.');
    await this.db.users.updateOne({ _id: user._id }, { $set: { partnerId } });
    await this.record(session, 'partner:add-representative', partnerId, {
      userId: user._id,
      previousPartnerId: user.partnerId ?? null,
    });
    return this.get(partnerId);
  }

  async removeRepresentative(session: Session, partnerId: string, userId: string): Promise<PartnerView> {
    const { modifiedCount } = await this.db.users.updateOne(
      { _id: userId, partnerId },
      { $set: { partnerId: null } },
    );
    if (modifiedCount > 0) await this.record(session, 'partner:remove-representative', partnerId, { userId });
    return this.get(partnerId);
  }

  private record(
    session: Session,
    action: string,
    partnerId: string,
    details: Record<string, string | null>,
  ) {
    return this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action,
      targetKind: 'partner',
      targetId: partnerId,
      details,
    });
  }

  /** The partner a session represents (guests and unlinked accounts: none). */
  async partnerOf(session: Session): Promise<PartnerDoc | null> {
    if (session.kind !== 'account') return null;
    const user = await this.db.users.findOne({ _id: session.userId });
    if (!user?.partnerId) return null;
    return this.db.partners.findOne({ _id: user.partnerId });
  }

  private toView(
    partner: PartnerDoc,
    reps: { _id: string; name: string; email: string; partnerId?: string | null }[],
  ): PartnerView {
    return {
      id: partner._id,
      name: partner.name,
      representatives: reps
        .filter((r) => r.partnerId === partner._id)
        .map((r) => ({ id: r._id, name: r.name, email: r.email }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    };
  }
}
