import { useEffect, useState } from 'react';
import type { FundView } from '@cocon/shared';
import { planApi } from '../plan/api';
import { fundApi } from './api';

/**
 * The fund a round belongs to (and so its plan): a round only knows its fund's id, funds are
 * read by plan. The plan in the address (?plan=, set by the fund page's links) is tried first,
 * then every plan. Null until found (or when nothing matches).
 */
export function useRoundFund(fundId: string | null, planHint: string | null): FundView | null {
  const [fund, setFund] = useState<FundView | null>(null);
  useEffect(() => {
    if (!fundId) return;
    let alive = true;
    const tryPlan = (planId: string) => fundApi.fund(planId).catch(() => null);
    void (async () => {
      if (planHint) {
        const hinted = await tryPlan(planHint);
        if (hinted?.id === fundId) return alive && setFund(hinted);
      }
      const plans = await planApi.list().catch(() => []);
      for (const plan of plans) {
        if (!alive || plan.id === planHint) continue;
        const found = await tryPlan(plan.id);
        if (found?.id === fundId) return alive && setFund(found);
      }
    })();
    return () => {
      alive = false;
    };
  }, [fundId, planHint]);
  return fund;
}
