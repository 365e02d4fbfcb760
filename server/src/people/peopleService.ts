import { hashToken, newToken } from '../auth/tokens.js';
import {
  INVITATION_TTL_MS,
  PASSWORD_RESET_TTL_MS,
  canAdminister,
  newId,
  type AcceptInvitationBody,
  type InvitationBody,
  type InvitationPreview,
  type InvitationView,
  type Language,
  type PersonView,
  type ProfileView,
  type UpdatePersonBody,
} from '@cocon/shared';
import type { Database, InvitationDoc, OrganizationDoc, UserDoc } from '../db/mongo.js';
import { actorOf, type Session, type SessionStore } from '../auth/sessions.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { assertStrongPassword } from '../auth/passwordPolicy.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Mailer } from '../mail/mailer.js';
import { invitationMail, passwordResetMail } from '../mail/templates.js';
import type { OrganizationService } from '../organizations/organizationService.js';
import { AppError } from '../util/appError.js';
import type { Logger } from '../util/logger.js';

export class PeopleError extends AppError {}

export interface PeopleOptions {
  /** The address people open, for links in e-mails (https://cocon.example.org). */
  publicUrl: string;
  now?: () => number;
}

/**
 * The people of an organisation: who they are and their role there, invitations by e-mail,
 * deactivation (which ends their live connections on every instance), password resets and
 * each person's own profile.
 */
export class PeopleService {
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionStore,
    private readonly organizations: OrganizationService,
    private readonly mailer: Mailer,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
    private readonly options: PeopleOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  // ------------------------------------------------------------------ people of an organisation

  async list(session: Session): Promise<PersonView[]> {
    const orgId = this.administered(session);
    const [members, memberships] = await Promise.all([
      this.db.orgMembers.find({ organizationId: orgId }).toArray(),
      this.db.memberships.find({ organizationId: orgId }).toArray(),
    ]);
    const users = await this.db.users.find({ _id: { $in: members.map((m) => m.userId) } }).toArray();
    return members
      .flatMap((m) => {
        const user = users.find((u) => u._id === m.userId);
        if (!user) return [];
        return [
          {
            id: user._id,
            name: user.name,
            email: user.email,
            role: m.role,
            communityIds: memberships.filter((c) => c.userId === user._id).map((c) => c.communityId),
            partnerId: m.partnerId ?? null,
            active: m.active,
          },
        ];
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  /**
   * Changes a person's role, communities or partner, or deactivates them. Their sessions acting
   * in this organisation follow at once on every instance: ended when deactivated, re-read when
   * the role changes (their live connections reconnect with the new rights).
   */
  async update(session: Session, userId: string, body: UpdatePersonBody): Promise<PersonView> {
    const orgId = this.administered(session);
    const member = await this.db.orgMembers.findOne({ _id: `${orgId}:${userId}` });
    if (!member) throw new PeopleError(404, 'not_found', 'No such person here.');
    if (userId === session.userId && (!body.active || body.role !== 'admin')) {
      throw new PeopleError(409, 'conflict', 'Ask another admin to change your own role.');
    }
    if (body.partnerId) await this.assertPartner(orgId, body.partnerId);
    await this.db.orgMembers.updateOne(
      { _id: member._id },
      {
        $set: {
          role: body.role,
          active: body.active,
          // The partner they represent here; left out of the body, it stays as it is.
          ...(body.partnerId !== undefined ? { partnerId: body.partnerId } : {}),
        },
      },
    );
    await this.setCommunities(orgId, userId, body.communityIds);
    if (!body.active) {
      const live = await this.db.sessions.find({ userId, organizationId: orgId }).toArray();
      for (const s of live) await this.sessions.destroy(s);
      // A pending invitation must not bring them back.
      const user = await this.db.users.findOne({ _id: userId }, { projection: { email: 1 } });
      await this.db.invitations.updateMany(
        { organizationId: orgId, email: user?.email ?? '', acceptedAt: null, revokedAt: null },
        { $set: { revokedAt: new Date(this.now()) } },
      );
    } else {
      // A new role, communities or partner: their live connections reconnect with the new rights.
      await this.sessions.refreshAllOf(userId, orgId, { role: body.role });
    }
    await this.record(session, body.active ? 'person:update' : 'person:deactivate', userId, {
      role: body.role,
      active: body.active,
    });
    const person = (await this.list(session)).find((p) => p.id === userId);
    if (!person) throw new PeopleError(404, 'not_found', 'No such person here.');
    return person;
  }

  // ------------------------------------------------------------------ invitations

  async invitations(session: Session): Promise<InvitationView[]> {
    const orgId = this.administered(session);
    const rows = await this.db.invitations
      .find({ organizationId: orgId })
      .sort({ createdAt: -1 })
      .limit(500)
      .toArray();
    return rows.map((i) => this.toInvitationView(i));
  }

  /** Invites someone by e-mail; the link's token is stored hashed and works until it expires. */
  async invite(session: Session, body: Required<InvitationBody>): Promise<InvitationView> {
    const orgId = this.administered(session);
    const org = await this.organizations.get(orgId);
    if (!org) throw new PeopleError(404, 'not_found', 'No organisation.');
    if (body.partnerId) await this.assertPartner(orgId, body.partnerId);
    const communities = await this.db.communities
      .find({ organizationId: orgId, _id: { $in: body.communityIds } })
      .toArray();
    const invitation = await this.sendInvitation(
      org,
      body,
      session.userId,
      session.displayName,
      communities.map((c) => c._id),
    );
    await this.record(session, 'invitation:create', invitation._id, { email: body.email, role: body.role });
    return this.toInvitationView(invitation);
  }

  /**
   * Invites the first admin of an organisation a platform operator just created. When the mail
   * cannot go, the organisation (which nothing refers to yet) is removed, so that creating it
   * again works instead of finding its address taken by a body nobody can enter.
   */
  async inviteFirstAdmin(
    session: Session,
    org: OrganizationDoc,
    email: string,
    language: Language,
  ): Promise<void> {
    try {
      await this.sendInvitation(
        org,
        { email, role: 'admin', communityIds: [], partnerId: null, language },
        session.userId,
        session.displayName,
        [],
      );
    } catch (error) {
      await this.db.organizations.deleteOne({ _id: org._id });
      throw error;
    }
  }

  async revoke(session: Session, invitationId: string): Promise<InvitationView> {
    const orgId = this.administered(session);
    const updated = await this.db.invitations.findOneAndUpdate(
      { _id: invitationId, organizationId: orgId, acceptedAt: null, revokedAt: null },
      { $set: { revokedAt: new Date(this.now()) } },
      { returnDocument: 'after' },
    );
    if (!updated) throw new PeopleError(404, 'not_found', 'No pending invitation with this id.');
    await this.record(session, 'invitation:revoke', invitationId, { email: updated.email });
    return this.toInvitationView(updated);
  }

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.usableInvitation(token);
    const [org, user] = await Promise.all([
      this.organizations.get(invitation.organizationId),
      this.db.users.findOne({ email: invitation.email }, { projection: { _id: 1 } }),
    ]);
    return {
      organizationName: org?.name ?? '',
      email: invitation.email,
      role: invitation.role,
      hasAccount: user !== null,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  /**
   * Accepts an invitation: creates the account (name and password) or, for an existing one,
   * adds the organisation to it once the person proves it is theirs (signed in as them, or their
   * password): the link alone never opens an existing account. Someone deactivated in that
   * organisation stays so. The invitation is marked accepted first, conditionally, so a link
   * works once even when two tabs submit it together.
   */
  async accept(
    body: AcceptInvitationBody,
    signedIn: Session | null,
  ): Promise<{ user: UserDoc; organizationId: string }> {
    const invitation = await this.usableInvitation(body.token);
    let user = await this.db.users.findOne({ email: invitation.email });
    if (!user) {
      if (!body.name || !body.password) {
        throw new PeopleError(400, 'invalid', 'Choose your name and a password.');
      }
      assertStrongPassword(body.password, [invitation.email, body.name]);
    } else {
      const proven =
        (signedIn?.kind === 'account' && signedIn.userId === user._id) ||
        (body.password !== undefined && (await verifyPassword(body.password, user.passwordHash)));
      if (!proven) {
        throw new PeopleError(401, 'bad_credentials', 'Sign in, or give the password of this account.');
      }
      const existing = await this.db.orgMembers.findOne({ _id: `${invitation.organizationId}:${user._id}` });
      if (existing && !existing.active) {
        throw new PeopleError(
          403,
          'deactivated',
          'Your access to this organisation was turned off by its admins.',
        );
      }
    }
    const claimed = await this.db.invitations.findOneAndUpdate(
      { _id: invitation._id, acceptedAt: null, revokedAt: null },
      { $set: { acceptedAt: new Date(this.now()) } },
    );
    if (!claimed) throw new PeopleError(410, 'link_expired', 'This invitation was already used or revoked.');
    if (!user) {
      user = {
        _id: newId(),
        email: invitation.email,
        name: body.name!,
        passwordHash: await hashPassword(body.password!),
        language: 'fr',
        createdAt: new Date(this.now()),
      };
      await this.db.users.insertOne(user);
    }
    await this.organizations.addMember(
      invitation.organizationId,
      user._id,
      invitation.role,
      invitation.partnerId,
    );
    await this.setCommunities(invitation.organizationId, user._id, invitation.communityIds);
    // Already a member with live sessions there: they reconnect with the new role.
    await this.sessions.refreshAllOf(user._id, invitation.organizationId, { role: invitation.role });
    await this.audit.record({
      organizationId: invitation.organizationId,
      actorId: user._id,
      actorName: user.name,
      action: 'invitation:accept',
      targetKind: 'invitation',
      targetId: invitation._id,
    });
    return { user, organizationId: invitation.organizationId };
  }

  // ------------------------------------------------------------------ passwords

  /**
   * Sends a reset link when the address has an account; answers the same either way, so the
   * form does not tell who has an account.
   */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.db.users.findOne({ email });
    if (!user) return;
    const token = newToken();
    const expiresAt = new Date(this.now() + PASSWORD_RESET_TTL_MS);
    await this.db.passwordResets.insertOne({
      _id: newId(),
      userId: user._id,
      tokenHash: hashToken(token),
      createdAt: new Date(this.now()),
      expiresAt,
      usedAt: null,
    });
    const link = `${this.options.publicUrl}/reset/${token}`;
    const mail = passwordResetMail({ link, expiresAt, language: user.language ?? 'fr' });
    await this.mailer.send({ to: user.email, ...mail }).catch((error: unknown) => {
      this.logger.error('password reset mail failed', { error: String(error) });
      throw new PeopleError(503, 'mail_failed', 'The e-mail could not be sent; try again later.');
    });
  }

  /** Sets a new password from a reset link; every session of the person ends. */
  async resetPassword(token: string, password: string): Promise<UserDoc> {
    const reset = await this.db.passwordResets.findOne({ tokenHash: hashToken(token) });
    if (!reset || reset.usedAt || reset.expiresAt.getTime() < this.now()) {
      throw new PeopleError(410, 'link_expired', 'This link has expired or was already used.');
    }
    const user = await this.db.users.findOne({ _id: reset.userId });
    if (!user) throw new PeopleError(410, 'link_expired', 'This link has expired or was already used.');
    assertStrongPassword(password, [user.email, user.name]);
    const claimed = await this.db.passwordResets.findOneAndUpdate(
      { _id: reset._id, usedAt: null },
      { $set: { usedAt: new Date(this.now()) } },
    );
    if (!claimed) throw new PeopleError(410, 'link_expired', 'This link has expired or was already used.');
    await this.db.users.updateOne(
      { _id: user._id },
      { $set: { passwordHash: await hashPassword(password) } },
    );
    await this.expireResetLinks(user._id);
    await this.sessions.destroyAllOf(user._id);
    return user;
  }

  // ------------------------------------------------------------------ one's own profile

  async profile(session: Session): Promise<ProfileView> {
    const user = await this.account(session);
    return { id: user._id, name: user.name, email: user.email, language: user.language ?? 'fr' };
  }

  async updateProfile(session: Session, body: { name: string; language: Language }): Promise<ProfileView> {
    await this.account(session);
    await this.db.users.updateOne(
      { _id: session.userId },
      { $set: { name: body.name, language: body.language } },
    );
    const live = await this.db.sessions.find({ userId: session.userId }).toArray();
    for (const s of live) await this.sessions.update(s, { displayName: body.name, language: body.language });
    return this.profile(session);
  }

  /** Changes one's password; the person's other sessions end. */
  async changePassword(session: Session, current: string, next: string): Promise<void> {
    const user = await this.account(session);
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new PeopleError(400, 'bad_credentials', 'The current password is wrong.');
    }
    assertStrongPassword(next, [user.email, user.name]);
    await this.db.users.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(next) } });
    await this.expireResetLinks(user._id);
    await this.sessions.destroyAllOf(user._id, session._id);
  }

  /** Reset links sent before a password change no longer work. */
  private async expireResetLinks(userId: string): Promise<void> {
    await this.db.passwordResets.updateMany(
      { userId, usedAt: null },
      { $set: { usedAt: new Date(this.now()) } },
    );
  }

  // ------------------------------------------------------------------ helpers

  private async sendInvitation(
    org: OrganizationDoc,
    body: Required<InvitationBody>,
    invitedBy: string,
    invitedByName: string,
    communityIds: string[],
  ): Promise<InvitationDoc> {
    const token = newToken();
    const invitation: InvitationDoc = {
      _id: newId(),
      organizationId: org._id,
      email: body.email,
      role: body.role,
      communityIds,
      partnerId: body.partnerId,
      tokenHash: hashToken(token),
      invitedBy,
      invitedByName,
      createdAt: new Date(this.now()),
      expiresAt: new Date(this.now() + INVITATION_TTL_MS),
      acceptedAt: null,
      revokedAt: null,
    };
    await this.db.invitations.insertOne(invitation);
    const mail = invitationMail({
      organizationName: org.name,
      inviterName: invitedByName,
      role: body.role,
      link: `${this.options.publicUrl}/invitation/${token}`,
      expiresAt: invitation.expiresAt,
      language: body.language,
    });
    try {
      await this.mailer.send({ to: body.email, ...mail });
    } catch (error) {
      this.logger.error('invitation mail failed', { error: String(error) });
      await this.db.invitations.deleteOne({ _id: invitation._id });
      throw new PeopleError(503, 'mail_failed', 'The invitation could not be sent; try again later.');
    }
    return invitation;
  }

  private async usableInvitation(token: string): Promise<InvitationDoc> {
    const invitation = await this.db.invitations.findOne({ tokenHash: hashToken(token) });
    if (
      !invitation ||
      invitation.acceptedAt ||
      invitation.revokedAt ||
      invitation.expiresAt.getTime() < this.now()
    ) {
      throw new PeopleError(
        410,
        'link_expired',
        'This invitation has expired, was revoked or was already used.',
      );
    }
    return invitation;
  }

  private async setCommunities(organizationId: string, userId: string, wanted: string[]): Promise<void> {
    // Only active members belong to communities.
    const member = await this.db.orgMembers.findOne({ _id: `${organizationId}:${userId}`, active: true });
    const communityIds = member ? wanted : [];
    const communities = await this.db.communities
      .find({ organizationId, _id: { $in: communityIds } })
      .toArray();
    const keep = communities.map((c) => c._id);
    await this.db.memberships.deleteMany({ organizationId, userId, communityId: { $nin: keep } });
    for (const communityId of keep) {
      await this.db.memberships.updateOne(
        { userId, communityId },
        { $setOnInsert: { _id: newId(), organizationId, userId, communityId, role: 'member' } },
        { upsert: true },
      );
    }
  }

  private async assertPartner(organizationId: string, partnerId: string): Promise<void> {
    const partner = await this.db.partners.findOne({ _id: partnerId, organizationId });
    if (!partner) throw new PeopleError(400, 'invalid', 'No such partner here.');
  }

  private administered(session: Session): string {
    const orgId = session.organizationId;
    if (!orgId || !canAdminister(actorOf(session), { organizationId: orgId })) {
      throw new PeopleError(403, 'forbidden', 'Admins only.');
    }
    return orgId;
  }

  private async account(session: Session): Promise<UserDoc> {
    const user = session.kind === 'account' ? await this.db.users.findOne({ _id: session.userId }) : null;
    if (!user) throw new PeopleError(403, 'forbidden', 'Sign in with an account.');
    return user;
  }

  private toInvitationView(i: InvitationDoc): InvitationView {
    const status = i.acceptedAt
      ? 'accepted'
      : i.revokedAt
        ? 'revoked'
        : i.expiresAt.getTime() < this.now()
          ? 'expired'
          : 'pending';
    return {
      id: i._id,
      email: i.email,
      role: i.role,
      communityIds: i.communityIds,
      partnerId: i.partnerId,
      invitedByName: i.invitedByName,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      status,
    };
  }

  private record(
    session: Session,
    action: string,
    targetId: string,
    details: Record<string, string | boolean>,
  ) {
    return this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action,
      targetKind: action.split(':')[0] ?? 'person',
      targetId,
      details,
    });
  }
}
