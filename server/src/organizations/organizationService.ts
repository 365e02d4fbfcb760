import {
  canAdminister,
  canReadOrganization,
  newId,
  type CommunityBody,
  type Community,
  type OrganizationBody,
  type OrganizationSettings,
  type OrganizationSummary,
  type Territory,
  type TerritoryBody,
  type UpdateOrganizationBody,
} from '@cocon/shared';
import {
  isDuplicateKey,
  type CommunityDoc,
  type Database,
  type OrganizationDoc,
  type OrgMemberDoc,
  type TerritoryDoc,
  type UserDoc,
} from '../db/mongo.js';
import { actorOf, type Session, type SessionStore } from '../auth/sessions.js';
import { hashPassword } from '../auth/passwords.js';
import { assertStrongPassword } from '../auth/passwordPolicy.js';
import type { AuditLog } from '../audit/auditLog.js';
import { AppError } from '../util/appError.js';

export class OrganizationError extends AppError {}

/** The marker inserted by the first set-up: a unique key, so only one set-up can ever win. */
const SETUP_MARKER = 'setup:first-organization';

/**
 * Organisations (regional bodies) and what each sets up for itself: its name and region, its
 * territories, its plan's themes, its communities of practice and their members. Every method
 * takes the acting session and works inside that session's organisation only.
 */
export class OrganizationService {
  /** Organisations read lately; read again after a minute (another instance may rename one). */
  private readonly cache = new Map<string, { org: OrganizationDoc; at: number }>();

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
  ) {}

  /** An organisation by id (cached: names change rarely, and every change here refreshes it). */
  async get(id: string): Promise<OrganizationDoc | null> {
    const cached = this.cache.get(id);
    if (cached && Date.now() - cached.at < 60_000) return cached.org;
    const org = await this.db.organizations.findOne({ _id: id });
    if (org) this.cache.set(id, { org, at: Date.now() });
    return org;
  }

  /** A person's active membership of one organisation. */
  async membership(organizationId: string, userId: string): Promise<OrgMemberDoc | null> {
    return this.db.orgMembers.findOne({ _id: `${organizationId}:${userId}`, active: true });
  }

  /** The membership a new session acts in: the oldest active one. */
  async defaultMembership(userId: string): Promise<OrgMemberDoc | null> {
    const [first] = await this.db.orgMembers
      .find({ userId, active: true })
      .sort({ createdAt: 1 })
      .limit(1)
      .toArray();
    return first ?? null;
  }

  /** True while the database has no organisation: the set-up page is offered. */
  async setupNeeded(): Promise<boolean> {
    const [marker, orgs] = await Promise.all([
      this.db.settings.findOne({ _id: SETUP_MARKER }),
      this.db.organizations.estimatedDocumentCount(),
    ]);
    return !marker && orgs === 0;
  }

  /**
   * First run: creates the first organisation and its admin, who is also the platform operator.
   * Once only: the marker's unique key lets one caller through, even across instances.
   */
  async setup(input: {
    organization: OrganizationBody & { region: string };
    admin: { name: string; email: string; password: string };
  }): Promise<UserDoc> {
    if (!(await this.setupNeeded()))
      throw new OrganizationError(409, 'already_set_up', 'Cocon is already set up.');
    assertStrongPassword(input.admin.password, [input.admin.email, input.admin.name]);
    // An account that exists already is not taken over by whoever knows its e-mail.
    if (await this.db.users.findOne({ email: input.admin.email }, { projection: { _id: 1 } })) {
      throw new OrganizationError(409, 'conflict', 'An account already has this e-mail address.');
    }
    try {
      await this.db.settings.insertOne({ _id: SETUP_MARKER, value: new Date().toISOString() });
    } catch (error) {
      if (isDuplicateKey(error))
        throw new OrganizationError(409, 'already_set_up', 'Cocon is already set up.');
      throw error;
    }
    let org: OrganizationDoc;
    try {
      org = await this.insertOrganization(input.organization);
    } catch (error) {
      // Nothing was set up: the set-up stays open.
      await this.db.settings.deleteOne({ _id: SETUP_MARKER });
      throw error;
    }
    const user: UserDoc = {
      _id: newId(),
      email: input.admin.email,
      name: input.admin.name,
      passwordHash: await hashPassword(input.admin.password),
      platformOperator: true,
      language: 'fr',
      createdAt: new Date(),
    };
    await this.db.users.insertOne(user);
    await this.addMember(org._id, user._id, 'admin');
    await this.audit.record({
      organizationId: org._id,
      actorId: user._id,
      actorName: user.name,
      action: 'organization:setup',
      targetKind: 'organization',
      targetId: org._id,
      details: { name: org.name },
    });
    return { ...user, platformOperator: true };
  }

  /** A platform operator creates another body (its first admin is invited by e-mail). */
  async create(session: Session, input: OrganizationBody & { region: string }): Promise<OrganizationDoc> {
    if (session.kind !== 'account' || !session.platformOperator) {
      throw new OrganizationError(403, 'forbidden', 'Platform operators only.');
    }
    const org = await this.insertOrganization(input);
    await this.audit.record({
      organizationId: null,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'organization:create',
      targetKind: 'organization',
      targetId: org._id,
      details: { name: org.name, slug: org.slug },
    });
    return org;
  }

  /** Creates an organisation from the command line (no session: the operator is the machine). */
  async insertOrganization(input: { name: string; region: string; slug: string }): Promise<OrganizationDoc> {
    const org: OrganizationDoc = {
      _id: newId(),
      slug: input.slug,
      name: input.name,
      region: input.region,
      themes: [],
      createdAt: new Date(),
    };
    try {
      await this.db.organizations.insertOne(org);
    } catch (error) {
      if (isDuplicateKey(error))
        throw new OrganizationError(409, 'slug_taken', 'Another organisation has this address.');
      throw error;
    }
    return org;
  }

  /** Puts a person in an organisation with a role (idempotent: an existing membership is updated). */
  async addMember(
    organizationId: string,
    userId: string,
    role: OrgMemberDoc['role'],
    partnerId: string | null = null,
  ): Promise<void> {
    await this.db.orgMembers.updateOne(
      { _id: `${organizationId}:${userId}` },
      {
        $set: { role, active: true, ...(partnerId ? { partnerId } : {}) },
        $setOnInsert: { organizationId, userId, createdAt: new Date() },
      },
      { upsert: true },
    );
  }

  /** The organisations a person belongs to (active memberships), with their role in each. */
  async mine(userId: string): Promise<OrganizationSummary[]> {
    const members = await this.db.orgMembers.find({ userId, active: true }).toArray();
    const orgs = await this.db.organizations
      .find({ _id: { $in: members.map((m) => m.organizationId) } })
      .toArray();
    return orgs
      .map((o) => ({
        id: o._id,
        slug: o.slug,
        name: o.name,
        region: o.region,
        role: members.find((m) => m.organizationId === o._id)!.role,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  /** Every organisation (platform operators). */
  async all(session: Session): Promise<OrganizationSettings[]> {
    if (!session.platformOperator) throw new OrganizationError(403, 'forbidden', 'Platform operators only.');
    const orgs = await this.db.organizations.find({}).sort({ name: 1 }).toArray();
    return orgs.map(toSettings);
  }

  /** Makes the session act in another of the person's organisations. */
  async switchTo(
    session: Session,
    organizationId: string,
  ): Promise<{ session: Session; org: OrganizationDoc }> {
    if (session.kind !== 'account') throw new OrganizationError(403, 'forbidden', 'Sign in with an account.');
    const member = await this.db.orgMembers.findOne({
      _id: `${organizationId}:${session.userId}`,
      active: true,
    });
    const org = member ? await this.get(organizationId) : null;
    if (!member || !org) throw new OrganizationError(404, 'not_found', 'No such organisation.');
    const next = await this.sessions.update(session, { organizationId, role: member.role });
    return { session: next, org };
  }

  // ------------------------------------------------------------------ settings

  async settings(session: Session): Promise<OrganizationSettings> {
    return toSettings(await this.own(session, 'read'));
  }

  async updateSettings(session: Session, body: UpdateOrganizationBody): Promise<OrganizationSettings> {
    const org = await this.own(session, 'admin');
    await this.db.organizations.updateOne(
      { _id: org._id },
      { $set: { name: body.name, region: body.region } },
    );
    this.cache.delete(org._id);
    await this.record(session, 'organization:update', 'organization', org._id, { name: body.name });
    return this.settings(session);
  }

  async setThemes(session: Session, themes: string[]): Promise<OrganizationSettings> {
    const org = await this.own(session, 'admin');
    await this.db.organizations.updateOne({ _id: org._id }, { $set: { themes } });
    this.cache.delete(org._id);
    await this.record(session, 'organization:themes', 'organization', org._id, { count: themes.length });
    return this.settings(session);
  }

  // ------------------------------------------------------------------ territories

  async territories(session: Session): Promise<Territory[]> {
    const org = await this.own(session, 'read');
    const rows = await this.db.territories.find({ organizationId: org._id }).sort({ name: 1 }).toArray();
    return rows.map(toTerritory);
  }

  async addTerritory(session: Session, body: TerritoryBody): Promise<Territory> {
    const org = await this.own(session, 'admin');
    const territory: TerritoryDoc = {
      _id: newId(),
      organizationId: org._id,
      name: body.name,
      kind: body.kind,
    };
    await this.db.territories.insertOne(territory);
    await this.record(session, 'territory:create', 'territory', territory._id, { name: body.name });
    return toTerritory(territory);
  }

  async updateTerritory(session: Session, id: string, body: TerritoryBody): Promise<Territory> {
    const org = await this.own(session, 'admin');
    const result = await this.db.territories.findOneAndUpdate(
      { _id: id, organizationId: org._id },
      { $set: { name: body.name, kind: body.kind } },
      { returnDocument: 'after' },
    );
    if (!result) throw new OrganizationError(404, 'not_found', 'No such territory.');
    await this.record(session, 'territory:update', 'territory', id, { name: body.name });
    return toTerritory(result);
  }

  /** A territory that a plan action or a proposal names cannot be deleted (rename it instead). */
  async deleteTerritory(session: Session, id: string): Promise<void> {
    const org = await this.own(session, 'admin');
    const territory = await this.db.territories.findOne({ _id: id, organizationId: org._id });
    if (!territory) throw new OrganizationError(404, 'not_found', 'No such territory.');
    const plans = await this.db.plans.find({ organizationId: org._id }, { projection: { _id: 1 } }).toArray();
    const used =
      (await this.db.planItems.findOne(
        { planId: { $in: plans.map((p) => p._id) }, territoryIds: id },
        { projection: { _id: 1 } },
      )) ??
      (await this.db.proposals.findOne(
        { organizationId: org._id, 'fields.territories': id },
        { projection: { _id: 1 } },
      ));
    if (used) throw new OrganizationError(409, 'in_use', 'Plans or proposals name this territory.');
    await this.db.territories.deleteOne({ _id: id, organizationId: org._id });
    await this.record(session, 'territory:delete', 'territory', id, { name: territory.name });
  }

  // ------------------------------------------------------------------ communities

  async communities(session: Session): Promise<Community[]> {
    const org = await this.own(session, 'read');
    const [rows, memberships] = await Promise.all([
      this.db.communities.find({ organizationId: org._id }).sort({ name: 1 }).toArray(),
      this.db.memberships.find({ organizationId: org._id, userId: session.userId }).toArray(),
    ]);
    const mine = new Set(memberships.map((m) => m.communityId));
    return rows.map((c) => ({ id: c._id, name: c.name, themes: c.themes, isMember: mine.has(c._id) }));
  }

  /** A community with the ids of its members (admin pages). */
  async communityMembers(session: Session): Promise<{ communityId: string; userIds: string[] }[]> {
    const org = await this.own(session, 'admin');
    const memberships = await this.db.memberships.find({ organizationId: org._id }).toArray();
    const byCommunity = new Map<string, string[]>();
    for (const m of memberships)
      byCommunity.set(m.communityId, [...(byCommunity.get(m.communityId) ?? []), m.userId]);
    return [...byCommunity].map(([communityId, userIds]) => ({ communityId, userIds }));
  }

  async addCommunity(session: Session, body: Required<CommunityBody>): Promise<Community> {
    const org = await this.own(session, 'admin');
    const community: CommunityDoc = {
      _id: newId(),
      organizationId: org._id,
      name: body.name,
      themes: body.themes,
    };
    await this.db.communities.insertOne(community);
    await this.setCommunityMembers(org._id, community._id, body.memberIds);
    await this.record(session, 'community:create', 'community', community._id, { name: body.name });
    return {
      id: community._id,
      name: community.name,
      themes: community.themes,
      isMember: body.memberIds.includes(session.userId),
    };
  }

  async updateCommunity(session: Session, id: string, body: Required<CommunityBody>): Promise<Community> {
    const org = await this.own(session, 'admin');
    const result = await this.db.communities.findOneAndUpdate(
      { _id: id, organizationId: org._id },
      { $set: { name: body.name, themes: body.themes } },
      { returnDocument: 'after' },
    );
    if (!result) throw new OrganizationError(404, 'not_found', 'No such community.');
    await this.setCommunityMembers(org._id, id, body.memberIds);
    await this.record(session, 'community:update', 'community', id, { name: body.name });
    return {
      id,
      name: result.name,
      themes: result.themes,
      isMember: body.memberIds.includes(session.userId),
    };
  }

  /** A community that has proposals cannot be deleted. */
  async deleteCommunity(session: Session, id: string): Promise<void> {
    const org = await this.own(session, 'admin');
    const community = await this.db.communities.findOne({ _id: id, organizationId: org._id });
    if (!community) throw new OrganizationError(404, 'not_found', 'No such community.');
    if (await this.db.proposals.findOne({ communityId: id }, { projection: { _id: 1 } })) {
      throw new OrganizationError(409, 'in_use', 'This community has proposals.');
    }
    await this.db.memberships.deleteMany({ communityId: id, organizationId: org._id });
    await this.db.communities.deleteOne({ _id: id, organizationId: org._id });
    await this.record(session, 'community:delete', 'community', id, { name: community.name });
  }

  /**
   * Sets the members of a community to exactly `userIds`, keeping only people of the
   * organisation. Memberships have the unique key (user, community), so concurrent adds are safe.
   */
  async setCommunityMembers(organizationId: string, communityId: string, userIds: string[]): Promise<void> {
    const people = await this.db.orgMembers
      .find({ organizationId, userId: { $in: userIds }, active: true })
      .toArray();
    const keep = people.map((p) => p.userId);
    const before = await this.db.memberships.find({ organizationId, communityId }).toArray();
    await this.db.memberships.deleteMany({ organizationId, communityId, userId: { $nin: keep } });
    for (const userId of keep) {
      await this.db.memberships.updateOne(
        { userId, communityId },
        { $setOnInsert: { _id: newId(), organizationId, userId, communityId, role: 'member' } },
        { upsert: true },
      );
    }
    // Whoever joined or left writes (or no longer writes) the community's proposals: their live
    // connections reconnect with their new rights.
    const had = new Set(before.map((m) => m.userId));
    const changed = [
      ...before.map((m) => m.userId).filter((u) => !keep.includes(u)),
      ...keep.filter((u) => !had.has(u)),
    ];
    for (const userId of changed) await this.sessions.refreshAllOf(userId, organizationId);
  }

  /** The acting session's organisation, when it may read it (or administer it). */
  private async own(session: Session, need: 'read' | 'admin'): Promise<OrganizationDoc> {
    const org = session.organizationId ? await this.get(session.organizationId) : null;
    if (!org) throw new OrganizationError(404, 'not_found', 'No organisation.');
    const actor = actorOf(session);
    const allowed =
      need === 'admin'
        ? canAdminister(actor, { organizationId: org._id })
        : canReadOrganization(actor, { organizationId: org._id });
    if (!allowed)
      throw new OrganizationError(403, 'forbidden', need === 'admin' ? 'Admins only.' : 'Members only.');
    return org;
  }

  private record(
    session: Session,
    action: string,
    targetKind: string,
    targetId: string,
    details: Record<string, string | number>,
  ) {
    return this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action,
      targetKind,
      targetId,
      details,
    });
  }
}

const toSettings = (o: OrganizationDoc): OrganizationSettings => ({
  id: o._id,
  slug: o.slug,
  name: o.name,
  region: o.region,
  themes: o.themes ?? [],
});

const toTerritory = (t: TerritoryDoc): Territory => ({ id: t._id, name: t.name, kind: t.kind });
