import { newId, type PartnerView } from '@cocon/shared';
import type { Database, PartnerDoc } from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';
import type { AuditLog } from '../audit/auditLog.js';
import { AppError } from '../util/appError.js';

/** A refusal from the fund's rules (rendered by the HTTP error handler). */
export class FundError extends AppError {}

/** The organisation a session acts in; a session in none reaches no partner, fund or round. */
export function fundOrganizationOf(session: Session): string {
  if (!session.organizationId)
    throw new FundError(403, 'forbidden', 'Sign in with an account of this organisation.');
  return session.organizationId;
}

const NO_PARTNER = 'This partner does not exist.';

/**
 * Partner organizations (funders) of an organisation and the accounts that represent them: a
 * person represents at most one partner in each organisation they belong to (org_members.partnerId),
 * so one organisation's choices never touch another's. A session reaches only its organisation's
 * partners.
 */
export class PartnerDirectory {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  /** The organisation's partners, by name, with their representatives. */
  async list(session: Session): Promise<PartnerView[]> {
    const organizationId = fundOrganizationOf(session);
    const partners = await this.db.partners.find({ organizationId }).toArray();
    const reps = await this.representatives(
      organizationId,
      partners.map((p) => p._id),
    );
    return partners.sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((p) => this.toView(p, reps));
  }

  /** The organisation's partners, as stored (no representatives). */
  async docs(organizationId: string): Promise<PartnerDoc[]> {
    return this.db.partners.find({ organizationId }).toArray();
  }

  async get(session: Session, partnerId: string): Promise<PartnerView> {
    const partner = await this.partner(session, partnerId);
    return this.toView(partner, await this.representatives(partner.organizationId, [partnerId]));
  }

  /** The people of an organisation who represent one of `partnerIds` there. */
  private async representatives(organizationId: string, partnerIds: string[]) {
    if (partnerIds.length === 0) return [];
    const members = await this.db.orgMembers
      .find({ organizationId, partnerId: { $in: partnerIds } })
      .toArray();
    const users = await this.db.users.find({ _id: { $in: members.map((m) => m.userId) } }).toArray();
    return members.flatMap((m) => {
      const user = users.find((u) => u._id === m.userId);
      return user
        ? [{ _id: user._id, name: user.name, email: user.email, partnerId: m.partnerId ?? null }]
        : [];
    });
  }

  /** A partner of the session's organisation, else 404. */
  private async partner(session: Session, partnerId: string): Promise<PartnerDoc> {
    const partner = await this.db.partners.findOne({
      _id: partnerId,
      organizationId: fundOrganizationOf(session),
    });
    if (!partner) throw new FundError(404, 'not_found', NO_PARTNER);
    return partner;
  }

  async create(session: Session, name: string): Promise<PartnerView> {
    const doc: PartnerDoc = {
      _id: newId(),
      organizationId: fundOrganizationOf(session),
      name,
      createdAt: new Date(),
    };
    await this.db.partners.insertOne(doc);
    await this.record(session, 'partner:create', doc._id, { name });
    return this.toView(doc, []);
  }

  /**
   * Links an account of the organisation (an active member); a person represents one partner of
   * an organisation at most, so this moves them (within this organisation only).
   */
  async addRepresentative(session: Session, partnerId: string, email: string): Promise<PartnerView> {
    const partner = await this.partner(session, partnerId);
    const user = await this.db.users.findOne({ email: email.toLowerCase() });
    const member =
      user &&
      (await this.db.orgMembers.findOne({
        organizationId: partner.organizationId,
        userId: user._id,
        active: true,
      }));
    if (!user || !member)
      throw new FundError(404, 'not_found', 'No account of this organisation has this e-mail address.');
    await this.db.orgMembers.updateOne({ _id: member._id }, { $set: { partnerId } });
    await this.record(session, 'partner:add-representative', partnerId, {
      userId: user._id,
      previousPartnerId: member.partnerId ?? null,
    });
    return this.get(session, partnerId);
  }

  async removeRepresentative(session: Session, partnerId: string, userId: string): Promise<PartnerView> {
    const partner = await this.partner(session, partnerId);
    const { modifiedCount } = await this.db.orgMembers.updateOne(
      { _id: `${partner.organizationId}:${userId}`, partnerId },
      { $set: { partnerId: null } },
    );
    if (modifiedCount > 0) await this.record(session, 'partner:remove-representative', partnerId, { userId });
    return this.get(session, partnerId);
  }

  private record(
    session: Session,
    action: string,
    partnerId: string,
    details: Record<string, string | null>,
  ) {
    return this.audit.record({
      organizationId: fundOrganizationOf(session),
      actorId: session.userId,
      actorName: session.displayName,
      action,
      targetKind: 'partner',
      targetId: partnerId,
      details,
    });
  }

  /**
   * The partner a session represents, when it is a partner of the organisation the session acts
   * in (guests, unlinked accounts and partners of another organisation: none).
   */
  async partnerOf(session: Session): Promise<PartnerDoc | null> {
    if (session.kind !== 'account' || !session.organizationId) return null;
    const member = await this.db.orgMembers.findOne({ _id: `${session.organizationId}:${session.userId}` });
    if (!member?.partnerId) return null;
    return this.db.partners.findOne({ _id: member.partnerId, organizationId: session.organizationId });
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
