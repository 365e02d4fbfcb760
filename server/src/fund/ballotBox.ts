import {
  checkBallot,
  emptyBallotLine,
  type BallotLine,
  type BallotLineBody,
  type BallotView,
} from '@cocon/shared';
import {
  isDuplicateKey,
  type BallotLineDoc,
  type BallotRevisionDoc,
  type Database,
  type RoundDoc,
} from '../db/mongo.js';
import type { Session } from '../auth/sessions.js';
import type { AppEvents } from '../events/appEvents.js';
import type { AuditLog } from '../audit/auditLog.js';
import { FundError, fundOrganizationOf, type PartnerDirectory } from './partnerDirectory.js';

const ATTEMPTS = 20;
const NO_ROUND = 'This consultation round does not exist.';

const PROBLEM_MESSAGES = {
  round_not_open: 'The round is not open: ballots can no longer change.',
  unknown_project: 'This project is not in the round.',
  over_limit: 'This would give more than your organization has to distribute.',
  above_cap: 'This gives the project more than it may receive.',
  reason_required: 'An objection needs its reason.',
  line_changed: 'Another representative changed this line meanwhile.',
} as const;

/** The newest revision of every ballot of a round. */
export async function latestBallots(db: Database, roundId: string): Promise<BallotRevisionDoc[]> {
  const revisions = await db.ballotRevisions.find({ roundId }).sort({ partnerId: 1, rev: -1 }).toArray();
  const latest = new Map<string, BallotRevisionDoc>();
  for (const r of revisions) if (!latest.has(r.partnerId)) latest.set(r.partnerId, r);
  return [...latest.values()];
}

/**
 * Partners' ballots. A representative changes one line at a time; the whole ballot is checked
 * against the round's rules and stored as a new revision only if nobody stored one meanwhile
 * (else it is checked again on top of that one), so two representatives editing different lines
 * both land. Editing a line someone else changed since you saw it is refused with the current
 * line, never overwritten.
 */
export class BallotBox {
  constructor(
    private readonly db: Database,
    private readonly partners: PartnerDirectory,
    private readonly audit: AuditLog,
    /** Told after a ballot changes ('ballot:changed'): the partner's other representatives and facilitators refresh. */
    private readonly events: AppEvents,
  ) {}

  /** The ballot of the partner `session` represents in `round` (a round of its organisation). */
  async ballotFor(session: Session, round: RoundDoc): Promise<BallotView> {
    if (round.organizationId !== fundOrganizationOf(session)) throw new FundError(404, 'not_found', NO_ROUND);
    const partnerId = await this.representedIn(session, round);
    return this.view(round, partnerId, await this.latest(round._id, partnerId));
  }

  async setLine(
    session: Session,
    roundId: string,
    projectId: string,
    body: BallotLineBody,
  ): Promise<BallotView> {
    // One change at a time per round here: closing or deciding waits for it (db.exclusive).
    return this.db.exclusive(`round:${roundId}`, async () => {
      const round = await this.db.rounds.findOne({
        _id: roundId,
        organizationId: fundOrganizationOf(session),
      });
      if (!round) throw new FundError(404, 'not_found', NO_ROUND);
      const partnerId = await this.representedIn(session, round);
      if (round.status !== 'open') throw refuse(409, 'round_not_open');
      const limit = round.partners.find((p) => p.id === partnerId)!.limit;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const current = await this.latest(roundId, partnerId);
        const lines = current?.lines ?? [];
        const before = lines.find((l) => l.projectId === projectId);
        if ((before?.rev ?? 0) !== body.baseRev) {
          throw new FundError(409, 'conflict', PROBLEM_MESSAGES.line_changed, undefined, {
            problem: 'line_changed',
            ...(before ? { line: toLineView(before) } : {}),
          });
        }
        const line: BallotLineDoc = {
          projectId,
          amount: body.amount,
          opinion: body.opinion,
          reason: body.reason,
          rev: (before?.rev ?? 0) + 1,
          updatedBy: session.userId,
          updatedByName: session.displayName,
          updatedAt: new Date(),
        };
        const next = [...lines.filter((l) => l.projectId !== projectId), line];
        const problem = checkBallot(next, projectId, { rules: round.rules, projects: round.projects, limit });
        if (problem) throw refuse(400, problem);
        const rev = (current?.rev ?? 0) + 1;
        const stored = await this.insertRevision({
          _id: `${roundId}:${partnerId}:${rev}`,
          roundId,
          partnerId,
          rev,
          method: round.rules.method,
          lines: next,
          at: line.updatedAt,
        });
        if (!stored) continue; // another instance stored this revision first: check again on top of it
        await this.audit.record({
          organizationId: round.organizationId,
          actorId: session.userId,
          actorName: session.displayName,
          action: 'ballot:line',
          targetKind: 'round',
          targetId: roundId,
          details: {
            partnerId,
            projectId,
            amountBefore: before?.amount ?? 0,
            amount: line.amount,
            opinion: line.opinion,
            reason: line.reason || null,
          },
        });
        this.events.emit('ballot:changed', roundId, partnerId);
        return this.view(round, partnerId, { lines: next });
      }
      throw new FundError(409, 'conflict', 'Too many simultaneous changes to this ballot; try again.');
    });
  }

  private async latest(roundId: string, partnerId: string): Promise<BallotRevisionDoc | null> {
    const [newest] = await this.db.ballotRevisions
      .find({ roundId, partnerId })
      .sort({ rev: -1 })
      .limit(1)
      .toArray();
    return newest ?? null;
  }

  private async insertRevision(doc: BallotRevisionDoc): Promise<boolean> {
    try {
      await this.db.ballotRevisions.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  private async representedIn(session: Session, round: RoundDoc): Promise<string> {
    const partner = await this.partners.partnerOf(session);
    if (!partner || !round.partners.some((p) => p.id === partner._id)) {
      throw new FundError(403, 'forbidden', 'Only representatives of a partner of this round have a ballot.');
    }
    return partner._id;
  }

  private view(round: RoundDoc, partnerId: string, doc: Pick<BallotRevisionDoc, 'lines'> | null): BallotView {
    const partner = round.partners.find((p) => p.id === partnerId)!;
    const lines = doc?.lines ?? [];
    return {
      roundId: round._id,
      partnerId,
      partnerName: partner.name,
      method: round.rules.method,
      limit: partner.limit,
      used: lines.reduce((s, l) => s + l.amount, 0),
      lines: round.projects.map((p) => {
        const line = lines.find((l) => l.projectId === p.id);
        return line ? toLineView(line) : emptyBallotLine(p.id);
      }),
    };
  }
}

function toLineView(line: BallotLineDoc): BallotLine {
  return {
    projectId: line.projectId,
    amount: line.amount,
    opinion: line.opinion,
    reason: line.reason,
    rev: line.rev,
    updatedByName: line.updatedByName,
    updatedAt: line.updatedAt.toISOString(),
  };
}

function refuse(status: number, problem: keyof typeof PROBLEM_MESSAGES): FundError {
  return new FundError(
    status,
    status === 409 ? 'conflict' : 'invalid',
    PROBLEM_MESSAGES[problem],
    undefined,
    {
      problem,
    },
  );
}
