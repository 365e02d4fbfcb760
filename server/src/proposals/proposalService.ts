import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { Binary } from 'mongodb';
import {
  availableActions,
  boardDocName,
  boardMaps,
  readIdeaRecord,
  contentFrozen,
  initProposalFields,
  newBudgetLine,
  newId,
  newObjective,
  newPartner,
  proposalFieldsDocName,
  proposalMaps,
  proposalTextDocName,
  readProposalFields,
  emptyActionPaths,
  readProposalText,
  transition,
  type ProposalAction,
  type ProposalDetail,
  type ProposalFieldsView,
  type ProposalStatus,
  type ProposalSummary,
  type ProposalVersionDetail,
  type ProposalVersionSummary,
  type TextFragmentName,
} from '@cocon/shared';
import {
  isDuplicateKey,
  type Database,
  type PendingTransition,
  type ProposalDoc,
  type ProposalVersionDoc,
  type SourceIdea,
} from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';
import type { CollabService } from '../collab/collabService.js';
import type { AppEvents } from '../events/appEvents.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { BoardDirectory } from '../boards/boardAccess.js';
import { INTENT_ORIGIN } from '../boards/boardMutations.js';
import { ensurePart } from '../boards/boardSchema.js';
import { canWrite, proposalRoleFor, type ProposalRole } from './proposalAccess.js';
import type { ProposalProjector } from './proposalProjector.js';
import { diffFields, diffText } from './proposalDiff.js';
import { AppError } from '../util/appError.js';
import type { ProposalContent } from './proposalDocument.js';

/** A refusal from the proposal rules (rendered by the HTTP error handler). */
export class ProposalError extends AppError {}

const EMPTY_FIELDS: ProposalFieldsView = {
  title: '',
  theme: '',
  generalObjective: '',
  leadOrganization: '',
  territories: [],
  objectives: [],
  partners: [],
  budget: [],
};

export function toSummary(p: ProposalDoc): ProposalSummary {
  return {
    id: p._id,
    title: p.fields.title,
    theme: p.fields.theme,
    communityId: p.communityId,
    status: p.status,
    territories: p.fields.territories,
    statusChangedAt: p.statusChangedAt.toISOString(),
    projectedAt: p.projectedAt?.toISOString() ?? null,
    sourceIdeaCount: p.sourceIdeas.length,
  };
}

const toVersionSummary = (v: ProposalVersionDoc): ProposalVersionSummary => ({
  id: v._id,
  name: v.name,
  auto: v.auto,
  status: v.status,
  createdByName: v.createdByName,
  createdAt: v.createdAt.toISOString(),
});

const bytes = (b: Binary) => new Uint8Array(b.buffer);

/** What adoption needs of the plan (PlanService.rollUpAdopted). */
export interface AdoptionRollUp {
  rollUpAdopted(
    proposalId: string,
    actor: { id: string; name: string },
    planId: string | null,
  ): Promise<unknown>;
}

/**
 * Proposals' lives: creation (from forum ideas too), the review workflow, named versions with
 * diff and restore. Content itself is edited live in the two Yjs documents.
 */
export class ProposalService {
  constructor(
    private readonly db: Database,
    private readonly collab: CollabService,
    private readonly boards: BoardDirectory,
    private readonly projector: ProposalProjector,
    private readonly audit: AuditLog,
    /** Rolls an adopted proposal up into a plan (PlanService). */
    private readonly rollUp: AdoptionRollUp,
    private readonly events: AppEvents,
  ) {}

  /**
   * Replaces the proposal's share link: readers who came through the old one are cut off on every
   * instance at once.
   */
  async replaceShareToken(session: Session, id: string): Promise<string> {
    const { role } = await this.access(session, id);
    if (!canWrite(role)) throw new ProposalError(403, 'forbidden', 'Only writers can share.');
    const token = randomBytes(18).toString('base64url');
    await this.db.exclusive(`proposal:${id}`, () =>
      this.db.proposals.updateOne({ _id: id }, { $set: { shareToken: token } }),
    );
    this.events.emit('proposal:access', proposalTextDocName(id));
    this.events.emit('proposal:access', proposalFieldsDocName(id));
    return token;
  }

  /** Comments changed (routes add them through ProposalComments): open views refresh. */
  commentsChanged(proposalId: string): void {
    this.events.emit('proposal:changed', proposalId, 'comments');
  }

  async get(id: string): Promise<ProposalDoc> {
    const proposal = await this.db.proposals.findOne({ _id: id });
    if (!proposal) throw new ProposalError(404, 'not_found', 'This proposal does not exist.');
    return proposal;
  }

  /** The caller's role, or a 404 when they may not see it. */
  async access(session: Session | null, id: string, shareToken: string | null = null) {
    const proposal = await this.get(id);
    const role = await proposalRoleFor(this.db, session, proposal, shareToken);
    if (!role) throw new ProposalError(404, 'not_found', 'This proposal does not exist.');
    return { proposal, role };
  }

  /** The proposal as it reads now (its live documents), for its PDF and DOCX. */
  async documentContent(
    session: Session | null,
    id: string,
    shareToken: string | null,
  ): Promise<ProposalContent> {
    const { proposal } = await this.access(session, id, shareToken);
    const organizationId = proposal.organizationId;
    const [fields, text, organization, community, territories] = await Promise.all([
      this.collab.withDocument(proposalFieldsDocName(id), (m) => readProposalFields(m.doc)),
      this.collab.withDocument(proposalTextDocName(id), (m) => readProposalText(m.doc)),
      this.db.organizations.findOne({ _id: organizationId }, { projection: { name: 1 } }),
      this.db.communities.findOne({ _id: proposal.communityId, organizationId }, { projection: { name: 1 } }),
      this.db.territories.find({ organizationId }, { projection: { name: 1 } }).toArray(),
    ]);
    return {
      fields,
      text,
      organizationName: organization?.name ?? '',
      communityName: community?.name ?? '',
      status: statusLabel(proposal.status),
      statusSince: proposal.statusChangedAt.toISOString().slice(0, 10),
      territories: new Map(territories.map((t) => [t._id, t.name])),
    };
  }

  detail(proposal: ProposalDoc, role: ProposalRole): ProposalDetail {
    const actor = role === 'facilitator' ? 'facilitator' : role === 'writer' ? 'writer' : null;
    return {
      ...toSummary(proposal),
      role,
      availableActions: actor ? availableActions(proposal.status, actor) : [],
      contentFrozen: contentFrozen(proposal.status),
      sourceIdeas: proposal.sourceIdeas,
      shareToken: canWrite(role) ? proposal.shareToken : null,
    };
  }

  async create(
    session: Session,
    input: {
      communityId: string;
      title: string;
      theme: string;
      source?: { boardId: string; ideaIds: string[] } | { boardId: string; groupId: string };
    },
  ): Promise<ProposalDoc> {
    const community = await this.db.communities.findOne({
      _id: input.communityId,
      organizationId: session.organizationId ?? '',
    });
    if (!community) throw new ProposalError(404, 'not_found', 'This community does not exist.');
    const probe = { communityId: community._id, shareToken: null, organizationId: community.organizationId };
    const role = await proposalRoleFor(this.db, session, probe);
    if (!canWrite(role))
      throw new ProposalError(403, 'forbidden', 'Only members of this community can create proposals.');
    if (input.source && role !== 'facilitator') {
      throw new ProposalError(403, 'forbidden', 'Only facilitators promote forum ideas.');
    }
    const id = newId();
    const sourceIdeas = input.source ? await this.collectIdeas(community.organizationId, input.source) : [];
    const now = new Date();
    const proposal: ProposalDoc = {
      _id: id,
      organizationId: community.organizationId,
      communityId: community._id,
      status: 'draft',
      createdBy: session.userId,
      createdAt: now,
      statusChangedAt: now,
      sourceIdeas,
      shareToken: null,
      fields: { ...EMPTY_FIELDS, title: input.title, theme: input.theme },
      text: { context: '', description: '' },
      searchText: '',
      projectionRev: -1,
      projectedAt: null,
    };
    await this.db.proposals.insertOne(proposal);

    await this.collab.withDocument(proposalFieldsDocName(id), async (managed) => {
      initProposalFields(managed.doc, input.title, input.theme);
      await managed.flushOrKeep();
    });
    if (sourceIdeas.length > 0) {
      // The ideas become the starting context, one paragraph each.
      await this.collab.withDocument(proposalTextDocName(id), async (managed) => {
        const fragment = managed.doc.getXmlFragment('context');
        managed.doc.transact(() => {
          fragment.insert(
            0,
            sourceIdeas.map((idea) => {
              const paragraph = new Y.XmlElement('paragraph');
              paragraph.insert(0, [new Y.XmlText(idea.text)]);
              return paragraph;
            }),
          );
        });
        await managed.flushOrKeep();
      });
      await this.linkIdeas(id, sourceIdeas);
    }
    await this.projector.project(id);
    await this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'proposal:create',
      targetKind: 'proposal',
      targetId: id,
      details: { title: input.title, fromIdeas: sourceIdeas.length },
    });
    return this.get(id);
  }

  private async collectIdeas(
    organizationId: string,
    source: { boardId: string; ideaIds: string[] } | { boardId: string; groupId: string },
  ) {
    const found = await this.boards.get(source.boardId);
    // A board of another organisation is as good as missing.
    const board = found?.organizationId === organizationId ? found : null;
    if (!board) throw new ProposalError(404, 'not_found', 'This board does not exist.');
    const ideas = await this.collab.withDocument(boardDocName(board._id), (managed) => {
      const picked: SourceIdea[] = [];
      boardMaps(managed.doc).ideas.forEach((_value, ideaId) => {
        const idea = readIdeaRecord(managed.doc, ideaId);
        if (!idea || idea.hidden === true) return;
        const chosen =
          'ideaIds' in source ? source.ideaIds.includes(ideaId) : (idea.groupId ?? null) === source.groupId;
        if (chosen) picked.push({ boardId: board._id, ideaId, text: idea.text });
      });
      return picked;
    });
    if (ideas.length === 0) throw new ProposalError(400, 'invalid', 'No idea matches this selection.');
    return ideas;
  }

  /** Each idea shows the proposal it fed: written into the board document by the server. */
  private async linkIdeas(proposalId: string, ideas: SourceIdea[]): Promise<void> {
    const boardIds = [...new Set(ideas.map((i) => i.boardId))];
    for (const boardId of boardIds) {
      await this.collab.withDocument(boardDocName(boardId), (managed) => {
        const { ideas: ideaMap } = boardMaps(managed.doc);
        managed.doc.transact(() => {
          for (const source of ideas.filter((i) => i.boardId === boardId)) {
            if (!ideaMap.has(source.ideaId)) continue;
            ensurePart(managed.doc, source.ideaId, 'proposals').set(proposalId, true);
          }
        }, INTENT_ORIGIN);
      });
    }
  }

  /**
   * Changes the status, then runs the steps that follow it (audit, version, re-authorization,
   * roll-up) from a marker stored with the status itself: a step that fails leaves the marker,
   * and the steps run again, each idempotent, when the same action is retried, before any other
   * change of this proposal, and at start (`resumePendingTransitions`). Changes of one proposal
   * run one at a time on an instance, steps included, so a simultaneous duplicate finds the
   * change done (409) rather than taking it for a retry.
   */
  async transition(
    session: Session,
    id: string,
    action: ProposalAction,
    reason: string,
    planId: string | null = null,
  ): Promise<ProposalDoc> {
    return this.db.exclusive(`proposal-status:${id}`, async () => {
      const { proposal, role } = await this.access(session, id);
      const actor = role === 'facilitator' ? 'facilitator' : role === 'writer' ? 'writer' : null;
      if (!actor) throw new ProposalError(403, 'forbidden', 'You cannot change this proposal’s status.');
      const earlier = proposal.pendingTransition;
      if (earlier) {
        await this.completeTransition(id, earlier);
        if (earlier.action === action) return this.get(id); // the retry of a change that failed midway
      }
      const result = transition(proposal.status, action, actor, reason);
      if (!result.ok)
        throw new ProposalError(
          result.code === 'conflict' ? 409 : result.code === 'invalid' ? 400 : 403,
          result.code,
          result.message,
        );
      if (action === 'submit' || action === 'adopt') {
        // The live document, not the projection (which may lag the last keystrokes).
        const empty = emptyActionPaths(
          await this.collab.withDocument(proposalFieldsDocName(id), (m) => readProposalFields(m.doc)),
        );
        if (empty.length > 0)
          throw new ProposalError(
            400,
            'incomplete',
            'Every action needs its text before the proposal is submitted or adopted.',
            empty.map((path) => ({ path, message: 'An action needs its text.' })),
          );
      }
      const pending: PendingTransition = {
        id: newId(),
        action,
        from: proposal.status,
        to: result.to,
        reason,
        planId,
        actorId: session.userId,
        actorName: session.displayName,
        at: new Date(),
      };
      // Compare-and-set on the status: two reviewers acting at once cannot both win (on MongoDB
      // across instances too). Set alone for this proposal: FerretDB v1's filtered update is not
      // atomic against the projector's writes.
      const updated = await this.db.exclusive(`proposal:${id}`, () =>
        this.db.proposals.updateOne(
          { _id: id, status: proposal.status },
          { $set: { status: result.to, statusChangedAt: pending.at, pendingTransition: pending } },
        ),
      );
      if (updated.modifiedCount === 0)
        throw new ProposalError(409, 'conflict', 'The status changed meanwhile; reload.');
      await this.completeTransition(id, pending);
      return this.get(id);
    });
  }

  /** Finishes the status changes a crash or a failure left midway (at start). */
  async resumePendingTransitions(): Promise<number> {
    const waiting = await this.db.proposals
      .find({ pendingTransition: { $ne: null } }, { projection: { pendingTransition: 1 } })
      .toArray();
    let resumed = 0;
    for (const { _id, pendingTransition } of waiting) {
      if (!pendingTransition) continue;
      await this.completeTransition(_id, pendingTransition);
      resumed += 1;
    }
    return resumed;
  }

  /** The steps after a status change; each may run again and does its work once. */
  private async completeTransition(id: string, pending: PendingTransition): Promise<void> {
    const proposal = await this.get(id);
    const actor = { id: pending.actorId, name: pending.actorName };
    await this.audit.record({
      id: `transition:${pending.id}`,
      organizationId: proposal.organizationId,
      actorId: actor.id,
      actorName: actor.name,
      action: `proposal:${pending.action}`,
      targetKind: 'proposal',
      targetId: id,
      details: { from: pending.from, to: pending.to, reason: pending.reason },
    });
    const versionName = `${statusLabel(pending.to)} — ${pending.at.toISOString().slice(0, 10)}`;
    await this.storeVersion(proposal, versionName, true, actor, `transition:${pending.id}`);
    this.events.emit('proposal:access', proposalTextDocName(id));
    this.events.emit('proposal:access', proposalFieldsDocName(id));
    if (pending.to === 'adopted') await this.rollUp.rollUpAdopted(id, actor, pending.planId);
    await this.db.exclusive(`proposal:${id}`, () =>
      this.db.proposals.updateOne(
        { _id: id, 'pendingTransition.id': pending.id },
        { $set: { pendingTransition: null } },
      ),
    );
    this.events.emit('proposal:changed', id, 'status');
  }

  async saveVersion(
    session: Session,
    id: string,
    name: string,
    auto = false,
  ): Promise<ProposalVersionSummary> {
    const proposal = await this.get(id);
    return this.storeVersion(proposal, name, auto, { id: session.userId, name: session.displayName });
  }

  /** Stores both documents as a version; with `versionId`, once only (a step run again). */
  private async storeVersion(
    proposal: ProposalDoc,
    name: string,
    auto: boolean,
    author: { id: string; name: string },
    versionId = newId(),
  ): Promise<ProposalVersionSummary> {
    const id = proposal._id;
    const [textState, fieldsState] = await Promise.all([
      this.collab.withDocument(proposalTextDocName(id), (m) => Y.encodeStateAsUpdate(m.doc)),
      this.collab.withDocument(proposalFieldsDocName(id), (m) => Y.encodeStateAsUpdate(m.doc)),
    ]);
    const version: ProposalVersionDoc = {
      _id: versionId,
      proposalId: id,
      name,
      auto,
      status: proposal.status,
      createdBy: author.id,
      createdByName: author.name,
      createdAt: new Date(),
      textState: new Binary(textState),
      fieldsState: new Binary(fieldsState),
      ...viewsOf(textState, fieldsState),
    };
    try {
      await this.db.proposalVersions.insertOne(version);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error; // stored by an earlier run of the same step
    }
    this.events.emit('proposal:changed', id, 'versions');
    return toVersionSummary(version);
  }

  async versions(id: string): Promise<ProposalVersionSummary[]> {
    const list = await this.db.proposalVersions
      .find({ proposalId: id }, { projection: { textState: 0, fieldsState: 0, fields: 0, text: 0 } })
      .sort({ createdAt: -1 })
      .limit(200)
      .toArray();
    return list.map(toVersionSummary);
  }

  async version(id: string, versionId: string): Promise<ProposalVersionDetail> {
    const v = await this.db.proposalVersions.findOne({ _id: versionId, proposalId: id });
    if (!v) throw new ProposalError(404, 'not_found', 'This version does not exist.');
    return {
      ...toVersionSummary(v),
      fields: v.fields,
      text: v.text,
      textState: Buffer.from(bytes(v.textState)).toString('base64'),
      fieldsState: Buffer.from(bytes(v.fieldsState)).toString('base64'),
    };
  }

  /** Diff between two versions; `to` = 'current' compares with the live documents. */
  async diff(id: string, fromId: string, toId: string) {
    const from = await this.db.proposalVersions.findOne({ _id: fromId, proposalId: id });
    if (!from) throw new ProposalError(404, 'not_found', 'This version does not exist.');
    let to: { id: string; name: string; fields: ProposalFieldsView; text: Record<TextFragmentName, string> };
    if (toId === 'current') {
      const [text, fields] = await Promise.all([
        this.collab.withDocument(proposalTextDocName(id), (m) => readProposalText(m.doc)),
        this.collab.withDocument(proposalFieldsDocName(id), (m) => readProposalFields(m.doc)),
      ]);
      to = { id: 'current', name: 'current', fields, text };
    } else {
      const v = await this.db.proposalVersions.findOne({ _id: toId, proposalId: id });
      if (!v) throw new ProposalError(404, 'not_found', 'This version does not exist.');
      to = { id: v._id, name: v.name, fields: v.fields, text: v.text };
    }
    return {
      from: { id: from._id, name: from.name },
      to: { id: to.id, name: to.name },
      fields: diffFields(from.fields, to.fields),
      text: diffText(from.text, to.text),
    };
  }

  /** Brings a version back as a new edit on top of the live documents (history is kept). */
  async restore(session: Session, id: string, versionId: string): Promise<void> {
    const { proposal, role } = await this.access(session, id);
    if (!canWrite(role)) throw new ProposalError(403, 'forbidden', 'Only writers can restore a version.');
    if (contentFrozen(proposal.status)) {
      throw new ProposalError(
        409,
        'conflict',
        'A proposal under review or decided must be sent back for changes or reopened before restoring.',
      );
    }
    const version = await this.db.proposalVersions.findOne({ _id: versionId, proposalId: id });
    if (!version) throw new ProposalError(404, 'not_found', 'This version does not exist.');
    await this.saveVersion(session, id, `Avant restauration de « ${version.name} »`, true);

    const old = new Y.Doc();
    Y.applyUpdate(old, bytes(version.textState));
    await this.collab.withDocument(proposalTextDocName(id), (managed) => {
      managed.doc.transact(() => {
        for (const name of ['context', 'description'] as const) {
          const live = managed.doc.getXmlFragment(name);
          live.delete(0, live.length);
          live.insert(
            0,
            old
              .getXmlFragment(name)
              .toArray()
              .map((node) => node.clone() as Y.XmlElement | Y.XmlText),
          );
        }
      });
    });
    await this.collab.withDocument(proposalFieldsDocName(id), (managed) => {
      writeFields(managed.doc, version.fields);
    });
    await this.audit.record({
      organizationId: session.organizationId,
      actorId: session.userId,
      actorName: session.displayName,
      action: 'proposal:restore',
      targetKind: 'proposal',
      targetId: id,
      details: { versionId, name: version.name },
    });
    await this.projector.project(id);
  }
}

function viewsOf(textState: Uint8Array, fieldsState: Uint8Array) {
  const text = new Y.Doc();
  Y.applyUpdate(text, textState);
  const fields = new Y.Doc();
  Y.applyUpdate(fields, fieldsState);
  return { text: readProposalText(text), fields: readProposalFields(fields) };
}

/** Replaces the live structured fields with `view`, keeping item ids (for diffs and comments). */
function writeFields(doc: Y.Doc, view: ProposalFieldsView): void {
  const { fields, objectives, partners, budget } = proposalMaps(doc);
  const setText = (key: string, value: string) => {
    const text = fields.get(key);
    if (text instanceof Y.Text) {
      text.delete(0, text.length);
      text.insert(0, value);
    } else {
      const fresh = new Y.Text();
      fresh.insert(0, value);
      fields.set(key, fresh);
    }
  };
  doc.transact(() => {
    setText('title', view.title);
    setText('generalObjective', view.generalObjective);
    setText('leadOrganization', view.leadOrganization);
    fields.set('theme', view.theme);
    const territories = new Y.Map<true>();
    for (const t of view.territories) territories.set(t, true);
    fields.set('territories', territories);
    objectives.delete(0, objectives.length);
    objectives.push(
      view.objectives.map((o) =>
        newObjective({
          id: o.id,
          text: o.text,
          actions: o.actions.map((a) => ({
            id: a.id,
            text: a.text,
            timeline: a.timeline,
            indicators: a.indicators,
          })),
        }),
      ),
    );
    partners.delete(0, partners.length);
    partners.push(view.partners.map((p) => newPartner(p)));
    budget.delete(0, budget.length);
    budget.push(view.budget.map((b) => newBudgetLine(b)));
  });
}

export function statusLabel(status: ProposalStatus): string {
  return {
    draft: 'Brouillon',
    submitted: 'Soumise',
    changes_requested: 'Modifications demandées',
    adopted: 'Adoptée',
    declined: 'Refusée',
  }[status];
}
