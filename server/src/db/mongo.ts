import { MongoClient, type Binary, type Collection, type Db } from 'mongodb';
import { KeyedQueue } from '../util/keyedQueue.js';
import type {
  AccountRole,
  ActionStatus,
  AllocationMethod,
  Language,
  TerritoryKind,
  DecisionView,
  FundSettings,
  Opinion,
  RoundProject,
  RoundRules,
  RoundStatus,
  ProposalFieldsView,
  ProposalStatus,
  SessionKind,
  TextFragmentName,
} from '@cocon/shared';

/** Documents as stored. Ids are strings from `newId()`; no nested arrays, no dotted keys (FerretDB v1). */
export interface UserDoc {
  _id: string;
  email: string;
  name: string;
  passwordHash: string;
  /** Before organisations: the partner represented. Read only by the migration (now on org_members). */
  partnerId?: string | null;
  /** May create organisations for other bodies (set on the first admin and from the command line). */
  platformOperator?: boolean;
  language?: Language;
  /** Before organisations: one global role. Read only by the migration. */
  role?: AccountRole;
  createdAt: Date;
}
/**
 * A person in one organisation, with their role there. `_id` is `<organizationId>:<userId>`, so
 * a person is in an organisation at most once (a unique key: atomic on MongoDB and FerretDB).
 */
export interface OrgMemberDoc {
  _id: string;
  organizationId: string;
  userId: string;
  role: AccountRole;
  /** false once an admin deactivates them: sign-in there and every connection refused. */
  active: boolean;
  /** The partner (funder) of this organisation they represent in fund consultations, if any. */
  partnerId?: string | null;
  createdAt: Date;
}
/** An invitation by e-mail; the link carries a token whose SHA-256 is stored. */
export interface InvitationDoc {
  _id: string;
  organizationId: string;
  email: string;
  role: AccountRole;
  communityIds: string[];
  partnerId: string | null;
  tokenHash: string;
  invitedBy: string;
  invitedByName: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}
/** A password reset link's token (SHA-256), single use. */
export interface PasswordResetDoc {
  _id: string;
  userId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}
export interface SessionDoc {
  /** sha256 of the cookie token: a leaked database does not leak live sessions. */
  _id: string;
  kind: SessionKind;
  userId: string;
  displayName: string;
  /** Role in `organizationId`; null for guests and accounts in no organisation. */
  role: AccountRole | null;
  email: string | null;
  forumId: string | null;
  /** The organisation the session acts in (guests: their forum's). */
  organizationId: string | null;
  platformOperator: boolean;
  language: Language;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}
export interface OrganizationDoc {
  _id: string;
  /** Shown in URLs; unique. */
  slug: string;
  name: string;
  region: string;
  /** Themes (enjeux fédérateurs, visées transversales) of its plan, in plan order. */
  themes?: string[];
  createdAt: Date;
}
export interface TerritoryDoc {
  _id: string;
  organizationId: string;
  name: string;
  kind: TerritoryKind;
}
export interface CommunityDoc {
  _id: string;
  organizationId: string;
  name: string;
  themes: string[];
}
export interface ForumDoc {
  _id: string;
  organizationId: string;
  title: string;
  description: string;
  joinCode: string;
  createdBy: string;
  createdAt: Date;
}
/**
 * The name a guest shows in one forum. `_id` is `<forumId>:<guestNameKey(name)>`, so one name
 * (case and accents aside) is one guest's in a forum: a unique key, atomic on MongoDB and FerretDB.
 */
export interface GuestNameDoc {
  _id: string;
  forumId: string;
  guestId: string;
  /** The key of the name the guest asked for: asking again gives back `name` (unique per guest). */
  askedKey: string;
  /** The name shown: the one asked for, or it with a number ("Marie (2)"). */
  name: string;
  createdAt: Date;
}
export interface BoardDoc {
  _id: string;
  organizationId: string;
  forumId: string;
  title: string;
  communityId: string | null;
  order: number;
  createdAt: Date;
}
/** A person's membership of one community of practice (its proposals are theirs to write). */
export interface MembershipDoc {
  _id: string;
  organizationId: string;
  userId: string;
  communityId: string;
  role: 'member' | 'lead';
}
export interface AuditDoc {
  _id: string;
  /** null for platform-level entries (an organisation created). */
  organizationId: string | null;
  at: Date;
  actorId: string;
  actorName: string;
  action: string;
  targetKind: string;
  targetId: string;
  details: Record<string, string | number | boolean | null>;
}
/** A guest removed from a forum by a facilitator: their device is refused when it rejoins. */
export interface ForumRemovalDoc {
  /** `<forumId>:<guestId>`. */
  _id: string;
  forumId: string;
  organizationId: string;
  guestId: string;
  removedAt: Date;
  removedBy: string;
}
/** Where a proposal came from: ideas of a forum board (kept even if the ideas change later). */
export interface SourceIdea {
  boardId: string;
  ideaId: string;
  text: string;
}

/**
 * A proposal: its workflow state, lineage and share token, plus the projection of its two
 * Yjs documents into plain fields (which feeds lists, search and the plan roll-up).
 */
export interface ProposalDoc {
  _id: string;
  organizationId: string;
  communityId: string;
  status: ProposalStatus;
  createdBy: string;
  createdAt: Date;
  statusChangedAt: Date;
  sourceIdeas: SourceIdea[];
  shareToken: string | null;
  /** Projection; projectionRev only grows (sum of the documents' Yjs clocks). */
  fields: ProposalFieldsView;
  text: Record<TextFragmentName, string>;
  searchText: string;
  projectionRev: number;
  projectedAt: Date | null;
  /** A status change whose later steps have not all run yet (see ProposalService.transition). */
  pendingTransition?: PendingTransition | null;
}

/** What a status change still has to do after the status itself was set. */
export interface PendingTransition {
  id: string;
  action: string;
  from: ProposalStatus;
  to: ProposalStatus;
  reason: string;
  /** The plan an adoption rolls into (null: the organisation's current plan). */
  planId: string | null;
  actorId: string;
  actorName: string;
  at: Date;
}

export interface ProposalCommentReply {
  id: string;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
}

export interface ProposalCommentDoc {
  _id: string;
  proposalId: string;
  /** A field path such as "objectives.<id>.text", or a text range kept as Yjs relative positions. */
  anchor:
    | { kind: 'field'; path: string }
    | { kind: 'text'; fragment: TextFragmentName; start: string; end: string; quote: string };
  text: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  replies: ProposalCommentReply[];
}

export interface ProposalVersionDoc {
  _id: string;
  proposalId: string;
  name: string;
  auto: boolean;
  status: ProposalStatus;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  textState: Binary;
  fieldsState: Binary;
  fields: ProposalFieldsView;
  text: Record<TextFragmentName, string>;
}

export interface PlanDoc {
  _id: string;
  organizationId: string;
  /** Archived plans leave the lists and the adoption choices but stay readable. */
  archived?: boolean;
  title: string;
  periodFrom: number;
  periodTo: number;
  createdBy: string;
  createdAt: Date;
  carriedFrom: string | null;
  /** Bumped on every change to the plan or its items (caches compare it). */
  version?: number;
}

/** One node of a plan's tree, flat (parentId) so progress updates touch one small document. */
export interface PlanItemDoc {
  _id: string;
  planId: string;
  kind: 'theme' | 'objective' | 'action' | 'indicator';
  parentId: string | null;
  order: number;
  text: string;
  /** Where it came from: `proposal:<id>:<item id>` (idempotent roll-up) or `import:<line>`. */
  sourceKey: string | null;
  proposalId: string | null;
  themeKind?: 'enjeu' | 'visee' | 'orientation';
  generalObjective?: string;
  timeline?: string;
  /** Absent in actions written before statuses could be unset: read as `unset`. */
  status?: ActionStatus;
  /** When a person last chose the status (absent: the status was never a person's choice). */
  statusChosenAt?: Date;
  weight?: number;
  budget?: number | null;
  communityIds?: string[];
  territoryIds?: string[];
  milestones?: { id: string; date: string; label: string; done: boolean }[];
  indicatorKind?: 'quantitative' | 'qualitative';
  target?: number | null;
  unit?: string;
  measurements?: { id: string; date: string; value: number; note: string }[];
  notes?: { id: string; date: string; text: string }[];
  updatedAt: Date;
}

/** A partner organization (funder) of the consolidated fund. */
export interface PartnerDoc {
  _id: string;
  organizationId: string;
  name: string;
  createdAt: Date;
}

/** The consolidated fund of a plan (one per plan). */
export interface FundDoc extends FundSettings {
  _id: string;
  organizationId: string;
  planId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A consultation round; projects and partners' limits are frozen when it opens. */
export interface RoundDoc {
  _id: string;
  organizationId: string;
  fundId: string;
  title: string;
  status: RoundStatus;
  budgetCents: number;
  rules: RoundRules;
  projects: RoundProject[];
  partners: { id: string; name: string; limit: number }[];
  openedAt: Date;
  closedAt: Date | null;
  decidedAt: Date | null;
  /** Totals per project when the round closed, to compare with later recomputations. */
  closingTotals: { projectId: string; total: number }[] | null;
  decision: (Omit<DecisionView, 'decidedAt'> & { decidedBy: string; decidedAt: Date }) | null;
  /** Decided, but the plan's budgets are not all set yet (see FundService.decide). */
  decisionPending?: boolean;
}

export interface BallotLineDoc {
  projectId: string;
  amount: number;
  opinion: Opinion | null;
  reason: string;
  rev: number;
  updatedBy: string;
  updatedByName: string;
  updatedAt: Date;
}

/**
 * One revision of a partner's ballot in a round: the whole ballot after one line changed.
 * Append-only; `_id` is `<round>:<partner>:<rev>`, so of two writers that start from the same
 * revision exactly one can insert the next one (a unique key is an atomic compare-and-set on
 * MongoDB and on FerretDB alike, where a filtered update is not).
 */
export interface BallotRevisionDoc {
  _id: string;
  roundId: string;
  partnerId: string;
  rev: number;
  method: AllocationMethod;
  lines: BallotLineDoc[];
  at: Date;
}

/** A facilitator's own allocation of a round, kept to compare and possibly decide. */
export interface ScenarioDoc {
  _id: string;
  roundId: string;
  name: string;
  allocations: { projectId: string; cents: number }[];
  createdBy: string;
  createdAt: Date;
}

/** Server-wide settings, such as the pseudonym secret every instance shares. */
export interface SettingDoc {
  _id: string;
  value: string;
}

export interface YjsUpdateDoc {
  docName: string;
  seq: number;
  update: Binary;
  bytes: number;
  at: Date;
}
/** The last writer epoch handed out for a document (see cluster/persistenceLease.ts). */
export interface YjsEpochDoc {
  _id: string;
  epoch: number;
}
export interface YjsSnapshotDoc {
  _id: string;
  seq: number;
  state: Binary;
  bytes: number;
  at: Date;
}

export interface Database {
  client: MongoClient;
  db: Db;
  users: Collection<UserDoc>;
  orgMembers: Collection<OrgMemberDoc>;
  invitations: Collection<InvitationDoc>;
  passwordResets: Collection<PasswordResetDoc>;
  sessions: Collection<SessionDoc>;
  organizations: Collection<OrganizationDoc>;
  territories: Collection<TerritoryDoc>;
  communities: Collection<CommunityDoc>;
  forums: Collection<ForumDoc>;
  guestNames: Collection<GuestNameDoc>;
  forumRemovals: Collection<ForumRemovalDoc>;
  boards: Collection<BoardDoc>;
  memberships: Collection<MembershipDoc>;
  audit: Collection<AuditDoc>;
  yjsUpdates: Collection<YjsUpdateDoc>;
  yjsSnapshots: Collection<YjsSnapshotDoc>;
  yjsEpochs: Collection<YjsEpochDoc>;
  proposals: Collection<ProposalDoc>;
  proposalComments: Collection<ProposalCommentDoc>;
  proposalVersions: Collection<ProposalVersionDoc>;
  settings: Collection<SettingDoc>;
  plans: Collection<PlanDoc>;
  planItems: Collection<PlanItemDoc>;
  partners: Collection<PartnerDoc>;
  funds: Collection<FundDoc>;
  rounds: Collection<RoundDoc>;
  ballotRevisions: Collection<BallotRevisionDoc>;
  scenarios: Collection<ScenarioDoc>;
  /**
   * Runs `task` alone for `key` in this process. FerretDB v1 (SQLite) applies an update as a
   * read of the whole document then a write of it: concurrent updates of one document, even of
   * different fields, lose writes (a probe: 100 concurrent `$push` kept 9; 10 status
   * compare-and-sets had 6 winners). Every update of a proposal (`proposal:<id>`), a plan item
   * (`plan-item:<id>`), a plan (`plan:<id>`), a comment (`comment:<id>`) or a round
   * (`round:<id>`) goes through here with that key; MongoDB needs it not, but it costs nothing.
   */
  exclusive<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function connectDatabase(url: string, dbName: string): Promise<Database> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 5_000,
    // Keep trying while the database is away: stores are retried by the caller.
    retryWrites: false,
    appName: 'cocon',
  });
  await client.connect();
  const db = client.db(dbName);
  const writes = new KeyedQueue();
  const database: Database = {
    client,
    db,
    users: db.collection<UserDoc>('users'),
    orgMembers: db.collection<OrgMemberDoc>('org_members'),
    invitations: db.collection<InvitationDoc>('invitations'),
    passwordResets: db.collection<PasswordResetDoc>('password_resets'),
    sessions: db.collection<SessionDoc>('sessions'),
    organizations: db.collection<OrganizationDoc>('organizations'),
    territories: db.collection<TerritoryDoc>('territories'),
    communities: db.collection<CommunityDoc>('communities'),
    forums: db.collection<ForumDoc>('forums'),
    guestNames: db.collection<GuestNameDoc>('forum_guest_names'),
    forumRemovals: db.collection<ForumRemovalDoc>('forum_removals'),
    boards: db.collection<BoardDoc>('boards'),
    memberships: db.collection<MembershipDoc>('memberships'),
    audit: db.collection<AuditDoc>('audit_log'),
    yjsUpdates: db.collection<YjsUpdateDoc>('yjs_updates'),
    yjsSnapshots: db.collection<YjsSnapshotDoc>('yjs_snapshots'),
    yjsEpochs: db.collection<YjsEpochDoc>('yjs_epochs'),
    proposals: db.collection<ProposalDoc>('proposals'),
    proposalComments: db.collection<ProposalCommentDoc>('proposal_comments'),
    proposalVersions: db.collection<ProposalVersionDoc>('proposal_versions'),
    settings: db.collection<SettingDoc>('settings'),
    plans: db.collection<PlanDoc>('plans'),
    planItems: db.collection<PlanItemDoc>('plan_items'),
    partners: db.collection<PartnerDoc>('partners'),
    funds: db.collection<FundDoc>('funds'),
    rounds: db.collection<RoundDoc>('fund_rounds'),
    ballotRevisions: db.collection<BallotRevisionDoc>('fund_ballot_revisions'),
    scenarios: db.collection<ScenarioDoc>('fund_scenarios'),
    exclusive: (key, task) => writes.run(key, task),
    close: () => client.close(),
  };
  await ensureIndexes(database);
  return database;
}

async function ensureIndexes(d: Database): Promise<void> {
  await Promise.all([
    d.users.createIndex({ email: 1 }, { unique: true }),
    d.orgMembers.createIndex({ userId: 1 }),
    d.orgMembers.createIndex({ organizationId: 1, partnerId: 1 }),
    d.invitations.createIndex({ tokenHash: 1 }, { unique: true }),
    d.invitations.createIndex({ organizationId: 1, createdAt: -1 }),
    d.passwordResets.createIndex({ tokenHash: 1 }, { unique: true }),
    d.organizations.createIndex({ slug: 1 }, { unique: true }),
    d.boards.createIndex({ organizationId: 1 }),
    d.proposals.createIndex({ organizationId: 1, status: 1 }),
    d.partners.createIndex({ organizationId: 1 }),
    d.plans.createIndex({ organizationId: 1 }),
    d.audit.createIndex({ organizationId: 1, at: -1 }),
    // No TTL index: FerretDB v1 lacks them; SessionStore purges expired sessions itself.
    d.sessions.createIndex({ expiresAt: 1 }),
    d.sessions.createIndex({ userId: 1 }),
    d.territories.createIndex({ organizationId: 1 }),
    d.communities.createIndex({ organizationId: 1 }),
    d.forums.createIndex({ joinCode: 1 }, { unique: true }),
    d.forums.createIndex({ organizationId: 1 }),
    d.guestNames.createIndex({ forumId: 1, guestId: 1, askedKey: 1 }, { unique: true }),
    d.guestNames.createIndex({ forumId: 1, askedKey: 1 }),
    d.boards.createIndex({ forumId: 1, order: 1 }),
    d.memberships.createIndex({ userId: 1, communityId: 1 }, { unique: true }),
    d.audit.createIndex({ targetId: 1, at: -1 }),
    d.audit.createIndex({ at: -1 }),
    d.yjsUpdates.createIndex({ docName: 1, seq: 1 }, { unique: true }),
    d.proposals.createIndex({ communityId: 1, status: 1 }),
    d.proposals.createIndex({ 'fields.theme': 1 }),
    d.proposals.createIndex({ 'fields.territories': 1 }),
    d.proposals.createIndex({ shareToken: 1 }),
    d.proposalComments.createIndex({ proposalId: 1, createdAt: 1 }),
    d.proposalVersions.createIndex({ proposalId: 1, createdAt: -1 }),
    d.plans.createIndex({ periodFrom: 1, periodTo: 1 }),
    d.planItems.createIndex({ planId: 1, kind: 1 }),
    d.planItems.createIndex({ planId: 1, sourceKey: 1 }),
    d.planItems.createIndex({ proposalId: 1 }),
    d.funds.createIndex({ planId: 1 }, { unique: true }),
    d.rounds.createIndex({ fundId: 1, openedAt: -1 }),
    d.ballotRevisions.createIndex({ roundId: 1, partnerId: 1, rev: -1 }),
    d.scenarios.createIndex({ roundId: 1, createdAt: 1 }),
  ]);
}

/**
 * A write refused because a unique key exists already: the compare-and-set of inserts with chosen
 * ids (atomic on MongoDB and FerretDB alike).
 */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/** True when the database answers a ping within `timeoutMs`. */
export async function pingDatabase(d: Database, timeoutMs = 2_000): Promise<boolean> {
  // The driver does not honour timeoutMS while no server is selectable (it waits for server
  // selection, 5 s): race a timer so a health check answers within `timeoutMs` either way.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = d.db.command({ ping: 1 }, { timeoutMS: timeoutMs }).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
