import { useEffect, useState } from 'react';
import type { FundView } from '@cocon/shared';
import { fundApi } from './api';

/** The fund of a round's plan (its settings feed the client's live check of custom scenarios). */
export function useRoundFund(planId: string | null): FundView | null {
  const [fund, setFund] = useState<FundView | null>(null);
  useEffect(() => {
    if (!planId) return;
    let alive = true;
    fundApi
      .fund(planId)
      .then((found) => alive && setFund(found))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [planId]);
  return fund;
}
