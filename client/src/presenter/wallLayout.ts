import type { GroupRecord, IdeaView } from '@cocon/shared';

export interface WallSection {
  /** null: the ideas in no cluster. */
  group: GroupRecord | null;
  /** The newest ideas of the section that fit, newest first. */
  ideas: IdeaView[];
  /** Visible ideas of the section in all. */
  total: number;
}

/**
 * What the room's screen shows of the ideas: only the newest that fit, never the whole board (a
 * board can hold thousands). Without clusters, one section of `capacity` ideas; with clusters,
 * one section per cluster (and one for the ungrouped ideas, when there are some), each with its
 * share of the capacity. Hidden ideas are left out. Runs over the board once.
 */
export function wallSections(
  ideas: readonly IdeaView[],
  groups: readonly GroupRecord[],
  capacity: number,
): WallSection[] {
  const byGroup = new Map<string | null, IdeaView[]>();
  const known = new Set(groups.map((group) => group.id));
  for (const idea of ideas) {
    if (idea.hidden) continue;
    const key = idea.groupId !== null && known.has(idea.groupId) ? idea.groupId : null;
    let list = byGroup.get(key);
    if (!list) byGroup.set(key, (list = []));
    list.push(idea);
  }
  const sections: { group: GroupRecord | null; all: IdeaView[] }[] = groups.map((group) => ({
    group,
    all: byGroup.get(group.id) ?? [],
  }));
  const ungrouped = byGroup.get(null) ?? [];
  if (groups.length === 0 || ungrouped.length > 0) sections.push({ group: null, all: ungrouped });
  const each = Math.max(1, Math.floor(capacity / Math.max(1, sections.length)));
  return sections.map(({ group, all }) => ({
    group,
    // The board keeps creation order: the newest are at the end.
    ideas: all.slice(-each).reverse(),
    total: all.length,
  }));
}
