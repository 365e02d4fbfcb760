import { createContext, use, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Community, Territory } from '@cocon/shared';
import { planApi } from './api';

export interface Lookups {
  territories: Territory[];
  communities: Community[];
  territoryName: (id: string) => string;
  communityName: (id: string) => string;
}

const EMPTY: Lookups = {
  territories: [],
  communities: [],
  territoryName: (id) => id,
  communityName: (id) => id,
};

const LookupsContext = createContext<Lookups>(EMPTY);

/** The region's MRCs and communities (names for tags, filters and dashboards), fetched once. */
export function LookupsProvider({ children }: { children: ReactNode }) {
  const [territories, setTerritories] = useState<Territory[]>([]);
  const [communities, setCommunities] = useState<Community[]>([]);
  useEffect(() => {
    let alive = true;
    // Names are a comfort: without them, tags show ids and filters stay empty.
    planApi
      .territories()
      .then((list) => alive && setTerritories(list))
      .catch(() => {});
    planApi
      .communities()
      .then((list) => alive && setCommunities(list))
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, []);
  const value = useMemo<Lookups>(() => {
    const t = new Map(territories.map((x) => [x.id, x.name]));
    const c = new Map(communities.map((x) => [x.id, x.name]));
    return {
      territories,
      communities,
      territoryName: (id) => t.get(id) ?? id,
      communityName: (id) => c.get(id) ?? id,
    };
  }, [territories, communities]);
  return <LookupsContext value={value}>{children}</LookupsContext>;
}

export const useLookups = (): Lookups => use(LookupsContext);
