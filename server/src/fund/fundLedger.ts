import type { Database } from '../db/mongo.js';
import type { PlanFunding, PlanFundingSource } from '../plan/planExport.js';

/**
 * What the fund decided for a plan, read for the plan exports. Apart from FundService (which
 * needs the PlanService to set budgets) so that the PlanService can receive it in its
 * constructor without a cycle.
 */
export class FundLedger implements PlanFundingSource {
  constructor(private readonly db: Database) {}

  /** Decided rounds of the plan's fund, oldest first; null when the plan (of this organisation) has no fund. */
  async planFunding(organizationId: string, planId: string): Promise<PlanFunding | null> {
    const fund = await this.db.funds.findOne({ planId, organizationId });
    if (!fund) return null;
    const rounds = await this.db.rounds
      .find({ fundId: fund._id, status: 'decided' })
      .sort({ decidedAt: 1 })
      .toArray();
    return {
      fundTitle: fund.title,
      decisions: rounds.flatMap((r) =>
        r.decision
          ? [
              {
                round: r.title,
                decidedAt: r.decision.decidedAt.toISOString(),
                decidedByName: r.decision.decidedByName,
                justification: r.decision.justification,
                totalCents: r.decision.allocations.reduce((s, a) => s + a.cents, 0),
                allocations: r.decision.allocations.map((a) => ({
                  proposalId: a.projectId,
                  title: r.projects.find((p) => p.id === a.projectId)?.title ?? a.projectId,
                  cents: a.cents,
                })),
              },
            ]
          : [],
      ),
    };
  }
}
