import type { ActionStatus } from '@cocon/shared';
import type { Database } from '../db/mongo.js';

/** The statuses the importer and the roll-up used to set on their own. */
const INVENTED: ActionStatus[] = ['not_started', 'ongoing'];

/**
 * Brings actions stored before statuses could be unset up to date. The importer used to set
 * "En continu" actions to `ongoing` and every other one to `not_started`, and the proposal
 * roll-up did the same: statuses nobody chose, which counted as progress (50 % and 0 %). Such an
 * action becomes `unset` unless the audit log shows that a person chose its status, in which
 * case the choice is kept and dated (`statusChosenAt`). Statuses only a person sets
 * (`in_progress`, `done`) are kept as they are.
 *
 * Idempotent: afterwards no action matches, so a later start reads nothing but one query.
 */
export async function unsetInventedStatuses(db: Database): Promise<{ unset: number; kept: number }> {
  const legacy = await db.planItems
    .find(
      { kind: 'action', status: { $in: INVENTED }, statusChosenAt: { $exists: false } },
      { projection: { _id: 1 } },
    )
    .toArray();
  if (legacy.length === 0) return { unset: 0, kept: 0 };
  // The last time a person chose each action's status (entries of plan:action-status).
  const chosenAt = new Map<string, Date>();
  const entries = db.audit.find({ action: 'plan:action-status' }, { projection: { at: 1, details: 1 } });
  for await (const entry of entries) {
    const actionId = entry.details.actionId;
    if (typeof actionId !== 'string') continue;
    const known = chosenAt.get(actionId);
    if (!known || known < entry.at) chosenAt.set(actionId, entry.at);
  }
  let unset = 0;
  let kept = 0;
  for (const { _id } of legacy) {
    const at = chosenAt.get(_id);
    // Conditional on the old state: a person choosing meanwhile (another instance) wins. Alone
    // on the item, as every plan item write is (FerretDB v1's filtered update is not atomic).
    const filter = { _id, status: { $in: INVENTED }, statusChosenAt: { $exists: false } };
    const result = await db.exclusive(`plan-item:${_id}`, () =>
      db.planItems.updateOne(filter, { $set: at ? { statusChosenAt: at } : { status: 'unset' } }),
    );
    if (result.modifiedCount === 0) continue;
    if (at) kept += 1;
    else unset += 1;
  }
  return { unset, kept };
}
