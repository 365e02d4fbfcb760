import {
  computeResults,
  consultationTotals,
  generatedScenario,
  generatedScenarios,
  partnerLimits,
  roundProjectFrom,
  scenarioView,
  type AllocationContext,
  type FundAuditEntry,
  type FundSettingsBody,
  type FundView,
  type FundedProject,
  type OpenRoundBody,
  type ResultsView,
  type RoundSummary,
  type RoundView,
  type ScenarioView,
  type StoredBallot,
  type YearAmount,
  newId,
  fundSettingsBody,
  canFacilitate,
  type CustomScenarioBody,
  type DecisionBody,
} from '@cocon/shared';
import type { BallotRevisionDoc, Database, FundDoc, RoundDoc, ScenarioDoc } from '../db/mongo.js';
import { actorOf, type Session } from '../auth/sessions.js';
import type { AppEvents } from '../events/appEvents.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { PlanService } from '../plan/planService.js';
import { FundError, fundOrganizationOf, type PartnerDirectory } from './partnerDirectory.js';
import { latestBallots } from './ballotBox.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const NO_ROUND = 'This consultation round does not exist.';

/**
 * The fund of a plan and its consultation rounds: settings, opening and closing rounds, results
 * recomputed from the stored ballots, scenarios checked against every rule, and the decision
 * that sets the plan's action budgets. Ballots themselves: BallotBox; decisions read for the plan
 * exports: FundLedger. Every fund and round belongs to its plan's organisation: a session reaches
 * only those of the organisation it acts in, any other is "not found".
 */
export class FundService {
  constructor(
    private readonly db: Database,
    private readonly partners: PartnerDirectory,
    private readonly plans: PlanService,
    private readonly audit: AuditLog,
    /** Told after a round changes (status, decision, scenarios: 'round:changed'). */
    private readonly events: AppEvents,
  ) {}

  async fundOfPlan(session: Session, planId: string): Promise<FundView> {
    const organizationId = fundOrganizationOf(session);
    if (!(await this.plans.store.get(organizationId, planId)))
      throw new FundError(404, 'not_found', 'This plan does not exist.');
    const fund = await this.db.funds.findOne({ planId, organizationId });
    if (!fund) throw new FundError(404, 'not_found', 'This plan has no fund yet.');
    return this.fundView(fund);
  }

  async saveSettings(session: Session, planId: string, input: FundSettingsBody): Promise<FundView> {
    const organizationId = fundOrganizationOf(session);
    const settings = fundSettingsBody.parse(input);
    if (!(await this.plans.store.get(organizationId, planId)))
      throw new FundError(404, 'not_found', 'This plan does not exist.');
    const known = new Set((await this.partners.docs(organizationId)).map((p) => p._id));
    const unknown = settings.contributions.find((c) => !known.has(c.partnerId));
    if (unknown) throw new FundError(400, 'invalid', `Unknown partner ${unknown.partnerId}.`);
    const now = new Date();
    await this.db.funds.updateOne(
      { planId, organizationId },
      {
        $set: { ...settings, planId, organizationId, updatedAt: now },
        $setOnInsert: { _id: newId(), createdAt: now },
      },
      { upsert: true },
    );
    const fund = (await this.db.funds.findOne({ planId, organizationId }))!;
    await this.record(session, 'fund:settings', 'fund', fund._id, {
      planId,
      totalCents: settings.contributions.reduce((s, c) => s + c.amountCents, 0),
      contributions: settings.contributions.length,
    });
    return this.fundView(fund);
  }

  async openRound(session: Session, fundId: string, body: OpenRoundBody): Promise<RoundView> {
    const organizationId = fundOrganizationOf(session);
    const fund = await this.fund(organizationId, fundId);
    const proposals = await this.db.proposals
      .find({ _id: { $in: body.projectIds }, organizationId })
      .toArray();
    const missing = body.projectIds.filter(
      (id) => !proposals.some((p) => p._id === id && p.status === 'adopted'),
    );
    if (missing.length > 0)
      throw new FundError(400, 'invalid', `Only adopted proposals can be funded: ${missing.join(', ')}.`);
    const { decidedByYear } = await this.earlierDecisions(fund._id, null);
    const total = fund.contributions.reduce((s, c) => s + c.amountCents, 0);
    const decided = decidedByYear.reduce((s, d) => s + d.cents, 0);
    if (body.budgetCents > total - decided) {
      throw new FundError(400, 'invalid', 'The budget is more than what the fund has left to allocate.');
    }
    const partners = (await this.partners.docs(organizationId)).sort((a, b) =>
      a.name.localeCompare(b.name, 'fr'),
    );
    const eligible =
      body.rules.method === 'points'
        ? partners
        : partners.filter((p) => fund.contributions.some((c) => c.partnerId === p._id && c.amountCents > 0));
    const limits = partnerLimits(
      fund,
      eligible.map((p) => p._id),
      body.rules,
      body.budgetCents,
    );
    const round: RoundDoc = {
      _id: newId(),
      organizationId,
      fundId,
      title: body.title,
      status: 'open',
      budgetCents: body.budgetCents,
      rules: body.rules,
      projects: body.projectIds.map((id) =>
        roundProjectFrom(id, proposals.find((p) => p._id === id)!.fields, fund.startYear),
      ),
      partners: eligible.map((p) => ({ id: p._id, name: p.name, limit: limits.get(p._id) ?? 0 })),
      openedAt: new Date(),
      closedAt: null,
      decidedAt: null,
      closingTotals: null,
      decision: null,
    };
    await this.db.rounds.insertOne(round);
    await this.record(session, 'round:open', 'round', round._id, {
      fundId,
      title: round.title,
      budgetCents: round.budgetCents,
      method: round.rules.method,
      projects: round.projects.length,
    });
    return this.roundView(session, round._id, fund);
  }

  /** A round of the session's organisation, else 404. */
  async round(session: Session, roundId: string): Promise<RoundDoc> {
    const round = await this.db.rounds.findOne({ _id: roundId, organizationId: fundOrganizationOf(session) });
    if (!round) throw new FundError(404, 'not_found', NO_ROUND);
    return round;
  }

  /** The round as `session` sees it; `fund` when the caller already read the round's fund. */
  async roundView(session: Session, roundId: string, fund?: FundDoc): Promise<RoundView> {
    const round = await this.round(session, roundId);
    const [viewer, ballots, { planId }] = await Promise.all([
      this.viewerOf(session, round),
      latestBallots(this.db, roundId),
      fund ?? this.fund(round.organizationId, round.fundId),
    ]);
    return {
      ...this.summary(round),
      planId,
      rules: round.rules,
      projects: round.projects,
      partners: round.partners.map((p) => ({
        ...p,
        hasBallot: ballots.some(
          (b) => b.partnerId === p.id && b.lines.some((l) => l.amount > 0 || l.opinion),
        ),
      })),
      decision: round.decision
        ? {
            scenarioKind: round.decision.scenarioKind,
            scenarioName: round.decision.scenarioName,
            allocations: round.decision.allocations,
            cashFlow: round.decision.cashFlow,
            justification: round.decision.justification,
            decidedByName: round.decision.decidedByName,
            decidedAt: round.decision.decidedAt.toISOString(),
          }
        : null,
      viewer,
    };
  }

  /**
   * Who `session` is in the round: a facilitator, and which of its partners it represents. A
   * round of another organisation is refused (404).
   */
  async viewerOf(
    session: Session,
    round: Pick<RoundDoc, 'partners' | 'organizationId'>,
  ): Promise<RoundView['viewer']> {
    if (!session.organizationId || round.organizationId !== session.organizationId)
      throw new FundError(404, 'not_found', NO_ROUND);
    const partner = await this.partners.partnerOf(session);
    const representing = partner && round.partners.some((p) => p.id === partner._id) ? partner : null;
    return {
      facilitator: canFacilitate(actorOf(session), round),
      partnerId: representing?._id ?? null,
      partnerName: representing?.name ?? null,
    };
  }

  /**
   * For the socket server's round rooms: who `session` is in the round, or null when the round
   * does not exist or belongs to another organisation.
   */
  async roundViewer(
    session: Session,
    roundId: string,
  ): Promise<{ facilitator: boolean; partnerId: string | null } | null> {
    if (!session.organizationId) return null;
    const round = await this.db.rounds.findOne(
      { _id: roundId, organizationId: session.organizationId },
      { projection: { partners: 1, organizationId: 1 } },
    );
    if (!round) return null;
    const { facilitator, partnerId } = await this.viewerOf(session, round);
    return { facilitator, partnerId };
  }

  async results(session: Session, roundId: string): Promise<ResultsView> {
    const round = await this.round(session, roundId);
    const [ctx, ballots] = await Promise.all([this.context(round), this.storedBallots(round)]);
    const results = computeResults(roundId, ballots, round.partners.length, ctx);
    let matchesClosing: boolean | null = null;
    if (round.closingTotals) {
      const now = consultationTotals(ballots, round.projects);
      matchesClosing = round.closingTotals.every((t) => now.get(t.projectId) === t.total);
    }
    return { ...results, matchesClosing };
  }

  close(session: Session, roundId: string): Promise<RoundView> {
    return this.db.exclusive(`round:${roundId}`, async () => {
      const round = await this.round(session, roundId);
      const latest = await latestBallots(this.db, roundId);
      const totals = consultationTotals(toStored(round, latest), round.projects);
      const closingTotals = [...totals].map(([projectId, total]) => ({ projectId, total }));
      const { matchedCount } = await this.db.rounds.updateOne(
        { _id: roundId, organizationId: round.organizationId, status: 'open' },
        { $set: { status: 'closed', closedAt: new Date(), closingTotals } },
      );
      if (matchedCount === 0) throw new FundError(409, 'conflict', 'Only an open round can be closed.');
      await this.record(session, 'round:close', 'round', roundId, {
        ballots: latest.length,
      });
      this.events.emit('round:changed', roundId, 'status');
      return this.roundView(session, roundId);
    });
  }

  reopen(session: Session, roundId: string): Promise<RoundView> {
    return this.db.exclusive(`round:${roundId}`, async () => {
      const round = await this.round(session, roundId);
      const { matchedCount } = await this.db.rounds.updateOne(
        { _id: roundId, organizationId: round.organizationId, status: 'closed' },
        { $set: { status: 'open', closedAt: null, closingTotals: null } },
      );
      if (matchedCount === 0)
        throw new FundError(409, 'conflict', 'Only a closed, undecided round can be reopened.');
      await this.record(session, 'round:reopen', 'round', roundId, {});
      this.events.emit('round:changed', roundId, 'status');
      return this.roundView(session, roundId);
    });
  }

  async scenarios(session: Session, roundId: string): Promise<ScenarioView[]> {
    const round = await this.round(session, roundId);
    const [ctx, ballots, custom] = await Promise.all([
      this.context(round),
      this.storedBallots(round),
      this.db.scenarios.find({ roundId }).sort({ createdAt: 1 }).toArray(),
    ]);
    return [...generatedScenarios(ballots, ctx), ...custom.map((s) => customScenarioView(s, ctx))];
  }

  async saveScenario(session: Session, roundId: string, body: CustomScenarioBody): Promise<ScenarioView> {
    const round = await this.round(session, roundId);
    const unknown = body.allocations.find((a) => !round.projects.some((p) => p.id === a.projectId));
    if (unknown)
      throw new FundError(400, 'invalid', `This project is not in the round: ${unknown.projectId}.`);
    const doc = {
      _id: newId(),
      roundId,
      name: body.name,
      allocations: body.allocations,
      createdBy: session.userId,
      createdAt: new Date(),
    };
    await this.db.scenarios.insertOne(doc);
    await this.record(session, 'round:scenario', 'round', roundId, {
      scenarioId: doc._id,
      name: doc.name,
      totalCents: doc.allocations.reduce((s, a) => s + a.cents, 0),
    });
    this.events.emit('round:changed', roundId, 'scenarios');
    return customScenarioView(doc, await this.context(round));
  }

  /**
   * Records the decision (a scenario that breaks no rule) with a pending mark, then sets the
   * plan's action budgets and clears the mark. A failure between the two leaves the mark: the
   * budgets are set again (absolute amounts) when the decision is retried, and at start
   * (`resumePendingDecisions`).
   */
  decide(session: Session, roundId: string, body: DecisionBody): Promise<RoundView> {
    return this.db.exclusive(`round:${roundId}`, async () => {
      const round = await this.round(session, roundId);
      if (round.status === 'decided' && round.decisionPending) {
        await this.applyDecision(round);
        return this.roundView(session, roundId);
      }
      if (round.status !== 'closed') throw new FundError(409, 'conflict', 'Close the round before deciding.');
      const fund = await this.fund(round.organizationId, round.fundId);
      const [ctx, ballots] = await Promise.all([this.context(round, fund), this.storedBallots(round)]);
      // Only the chosen scenario is computed: a generated one by its kind, else a custom one.
      let scenario = generatedScenario(body.scenarioId, ballots, ctx);
      if (!scenario) {
        const custom = await this.db.scenarios.findOne({ _id: body.scenarioId, roundId });
        scenario = custom && customScenarioView(custom, ctx);
      }
      if (!scenario) throw new FundError(404, 'not_found', 'This scenario does not exist.');
      if (scenario.error || scenario.violations.length > 0) {
        throw new FundError(
          409,
          'conflict',
          'This scenario breaks a rule of the round; it cannot be decided.',
        );
      }
      const decidedAt = new Date();
      const decision = {
        scenarioKind: scenario.kind,
        scenarioName: scenario.name,
        allocations: scenario.allocations,
        cashFlow: scenario.cashFlow,
        justification: body.justification,
        decidedBy: session.userId,
        decidedByName: session.displayName,
        decidedAt,
      };
      const { matchedCount } = await this.db.rounds.updateOne(
        { _id: roundId, organizationId: round.organizationId, status: 'closed' },
        { $set: { status: 'decided', decidedAt, decision, decisionPending: true } },
      );
      if (matchedCount === 0) throw new FundError(409, 'conflict', 'The round changed meanwhile; reload it.');
      await this.applyDecision(
        { ...round, status: 'decided', decidedAt, decision, decisionPending: true },
        fund,
      );
      return this.roundView(session, roundId, fund);
    });
  }

  /** Sets the budgets of decisions a crash or a failure left pending (at start). */
  async resumePendingDecisions(): Promise<number> {
    const pending = await this.db.rounds.find({ status: 'decided', decisionPending: true }).toArray();
    for (const round of pending) {
      await this.db.exclusive(`round:${round._id}`, () => this.applyDecision(round));
    }
    return pending.length;
  }

  /** The steps after a decision is recorded; each may run again and does its work once. */
  private async applyDecision(round: RoundDoc, fund?: FundDoc): Promise<void> {
    const decision = round.decision;
    if (!decision) return;
    const { planId } = fund ?? (await this.fund(round.organizationId, round.fundId));
    const actor = { id: decision.decidedBy, name: decision.decidedByName };
    const updatedActions = await this.plans.setFundedBudgets(
      round.organizationId,
      planId,
      new Map(decision.allocations.map((a) => [a.projectId, a.cents])),
      { id: round._id, title: round.title },
      actor,
    );
    await this.audit.record({
      id: `round-decide:${round._id}`,
      organizationId: round.organizationId,
      actorId: actor.id,
      actorName: actor.name,
      action: 'round:decide',
      targetKind: 'round',
      targetId: round._id,
      details: {
        scenario: decision.scenarioName,
        kind: decision.scenarioKind,
        totalCents: decision.allocations.reduce((sum, a) => sum + a.cents, 0),
        justification: decision.justification,
        planActionsUpdated: updatedActions,
      },
    });
    await this.db.rounds.updateOne(
      { _id: round._id, status: 'decided' },
      { $set: { decisionPending: false } },
    );
    this.events.emit('round:changed', round._id, 'status');
  }

  async auditTrail(session: Session, roundId: string): Promise<FundAuditEntry[]> {
    const round = await this.round(session, roundId);
    return (await this.audit.forTarget(round.organizationId, roundId, 500)).map((e) => ({
      at: e.at.toISOString(),
      actorName: e.actorName,
      action: e.action,
      details: e.details,
    }));
  }

  /** The round's ballots as the arithmetic reads them. */
  async storedBallots(round: RoundDoc): Promise<StoredBallot[]> {
    return toStored(round, await latestBallots(this.db, round._id));
  }

  /** What the arithmetic needs of the round and its fund (`fund` when the caller already read it). */
  async context(round: RoundDoc, fund?: FundDoc): Promise<AllocationContext> {
    fund ??= await this.fund(round.organizationId, round.fundId);
    const { earlier, decidedByYear } = await this.earlierDecisions(fund._id, round._id);
    return {
      budgetCents: round.budgetCents,
      projects: round.projects,
      rules: round.rules,
      fund,
      earlier,
      decidedByYear,
    };
  }

  /** What other decided rounds of the fund already fund, and spend each year. */
  private async earlierDecisions(
    fundId: string,
    exceptRoundId: string | null,
  ): Promise<{ earlier: FundedProject[]; decidedByYear: YearAmount[] }> {
    const decided = await this.db.rounds.find({ fundId, status: 'decided' }).toArray();
    const earlier: FundedProject[] = [];
    const byYear = new Map<number, number>();
    for (const round of decided) {
      if (round._id === exceptRoundId || !round.decision) continue;
      for (const a of round.decision.allocations) {
        const project = round.projects.find((p) => p.id === a.projectId);
        if (project)
          earlier.push({
            id: project.id,
            theme: project.theme,
            territories: project.territories,
            cents: a.cents,
          });
      }
      for (const row of round.decision.cashFlow)
        byYear.set(row.year, (byYear.get(row.year) ?? 0) + row.spendCents);
    }
    return {
      earlier,
      decidedByYear: [...byYear].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, cents })),
    };
  }

  /** A fund of the organisation, else 404. */
  private async fund(organizationId: string, fundId: string): Promise<FundDoc> {
    const fund = await this.db.funds.findOne({ _id: fundId, organizationId });
    if (!fund) throw new FundError(404, 'not_found', 'This fund does not exist.');
    return fund;
  }

  private async fundView(fund: FundDoc): Promise<FundView> {
    const [rounds, { decidedByYear }] = await Promise.all([
      this.db.rounds.find({ fundId: fund._id }).sort({ openedAt: -1 }).toArray(),
      this.earlierDecisions(fund._id, null),
    ]);
    return {
      id: fund._id,
      planId: fund.planId,
      title: fund.title,
      startYear: fund.startYear,
      years: fund.years,
      contributions: fund.contributions,
      themeEnvelopes: fund.themeEnvelopes,
      mrcFloors: fund.mrcFloors,
      updatedAt: fund.updatedAt.toISOString(),
      totalCents: fund.contributions.reduce((s, c) => s + c.amountCents, 0),
      decidedByYear,
      rounds: rounds.map((r) => this.summary(r)),
    };
  }

  private summary(round: RoundDoc): RoundSummary {
    return {
      id: round._id,
      fundId: round.fundId,
      title: round.title,
      status: round.status,
      budgetCents: round.budgetCents,
      projectCount: round.projects.length,
      openedAt: round.openedAt.toISOString(),
      closedAt: iso(round.closedAt),
      decidedAt: iso(round.decidedAt),
    };
  }

  record(
    session: Session,
    action: string,
    targetKind: string,
    targetId: string,
    details: Record<string, string | number | boolean | null>,
  ) {
    return this.audit.record({
      organizationId: fundOrganizationOf(session),
      actorId: session.userId,
      actorName: session.displayName,
      action,
      targetKind,
      targetId,
      details,
    });
  }
}

/** The latest ballots of the round's partners, as the arithmetic reads them. */
function toStored(round: RoundDoc, latest: BallotRevisionDoc[]): StoredBallot[] {
  return latest
    .filter((b) => round.partners.some((p) => p.id === b.partnerId))
    .map((b) => ({
      partnerId: b.partnerId,
      partnerName: round.partners.find((p) => p.id === b.partnerId)!.name,
      lines: b.lines,
    }));
}

function customScenarioView(s: ScenarioDoc, ctx: AllocationContext): ScenarioView {
  return scenarioView(
    s._id,
    'custom',
    s.name,
    () => new Map(s.allocations.map((a) => [a.projectId, a.cents])),
    ctx,
  );
}
