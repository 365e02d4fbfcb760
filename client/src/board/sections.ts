import { foldForSearch, type GroupRecord, type IdeaView } from '@cocon/shared';

export type IdeaSort = 'newest' | 'oldest' | 'popular';
export const IDEA_SORTS: readonly IdeaSort[] = ['newest', 'oldest', 'popular'];

export interface Section {
  /** null for "not grouped" */
  group: GroupRecord | null;
  ideas: IdeaView[];
}

const support = (idea: IdeaView): number =>
  idea.votes * 10 + idea.reactions.like + idea.reactions.love + idea.reactions.insight;

const comparators: Record<IdeaSort, (a: IdeaView, b: IdeaView) => number> = {
  newest: (a, b) => b.order - a.order || b.createdAt - a.createdAt,
  oldest: (a, b) => a.order - b.order || a.createdAt - b.createdAt,
  popular: (a, b) => support(b) - support(a) || b.order - a.order,
};

/**
 * Groups in their order, then the ungrouped ideas (also those whose group was deleted).
 * Hidden ideas are left out unless `includeHidden` (facilitators see them greyed).
 */
export function buildSections(
  ideas: readonly IdeaView[],
  groups: readonly GroupRecord[],
  options: {
    includeHidden: boolean;
    sort: IdeaSort;
    query?: string;
    /** Hidden ideas shown anyway: a participant's own (they are told why). */
    ownHidden?: ReadonlyMap<string, unknown>;
  },
): Section[] {
  const byGroup = new Map<string | null, IdeaView[]>();
  const known = new Set(groups.map((group) => group.id));
  const query = foldForSearch(options.query ?? '');
  for (const idea of ideas) {
    if (idea.hidden && !options.includeHidden && !options.ownHidden?.has(idea.id)) continue;
    if (query && !matches(idea, query)) continue;
    const key = idea.groupId !== null && known.has(idea.groupId) ? idea.groupId : null;
    let list = byGroup.get(key);
    if (!list) byGroup.set(key, (list = []));
    list.push(idea);
  }
  const compare = comparators[options.sort];
  const sections: Section[] = groups.map((group) => ({
    group,
    ideas: (byGroup.get(group.id) ?? []).sort(compare),
  }));
  sections.push({ group: null, ideas: (byGroup.get(null) ?? []).sort(compare) });
  return sections;
}

/** Accent- and case-insensitive match on the text and the author's name. */
function matches(idea: IdeaView, foldedQuery: string): boolean {
  return foldForSearch(`${idea.text} ${idea.authorName ?? ''}`).includes(foldedQuery);
}

export const visibleIdeaCount = (
  ideas: readonly IdeaView[],
  includeHidden: boolean,
  ownHidden?: ReadonlyMap<string, unknown>,
): number =>
  includeHidden
    ? ideas.length
    : ideas.reduce((n, idea) => n + (idea.hidden && !ownHidden?.has(idea.id) ? 0 : 1), 0);
