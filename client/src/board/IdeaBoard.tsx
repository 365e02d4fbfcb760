import {
  memo,
  startTransition,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupRecord, IdeaView, Phase } from '@cocon/shared';
import { useBoardContext } from './BoardContext';
import { FacilitatorDnd, DraggableIdea, DroppableSection } from './IdeaDnd';
import { IdeaCard } from './IdeaCard';
import { PromoteButton } from '../proposals/PromoteDialog';
import { buildSections, IDEA_SORTS, visibleIdeaCount, type IdeaSort, type Section } from './sections';
import { BulkBar } from './BulkBar';
import { SelectionContext, SelectionStore } from './selection';
import './compact.css';

/** How long one's own new idea stays highlighted after it was scrolled into view. */
const HIGHLIGHT_MS = 2_500;

/** Cards rendered per section before "show more": keeps phones fast on a 2,000-idea board. */
const PAGE = 60;
/**
 * Cards of the first paint: a phone's screenful and more. The rest of the page follows at once in
 * a transition (on a 2,000-idea board, 60 cards first put a slow phone's first card ~250 ms later).
 */
const FIRST_PAINT = 12;

export function IdeaBoard({
  boardId,
  ideas,
  groups,
  moderator,
  spotlightIdeaId,
  phase,
  onMove,
  highlightId = null,
  onHighlighted,
}: {
  boardId: string;
  phase: Phase;
  /** One's own idea just posted: scrolled into view and highlighted once it is on the page. */
  highlightId?: string | null;
  onHighlighted?: () => void;
  ideas: readonly IdeaView[];
  groups: readonly GroupRecord[];
  moderator: boolean;
  spotlightIdeaId: string | null;
  onMove: (ideaId: string, groupId: string | null) => void;
}) {
  const { t } = useTranslation();
  const sortId = useId();
  const filterId = useId();
  // Until someone picks an order: newest while ideas come in, most supported once it is over.
  const [chosenSort, setSort] = useState<IdeaSort | null>(null);
  const sort = chosenSort ?? (phase === 'closed' ? 'popular' : 'newest');
  const [filter, setFilter] = useState('');
  // Typing stays responsive on a 2,000-idea board: the list catches up a moment later.
  const query = useDeferredValue(filter);
  // A participant's context holds only their own hidden ideas: they see those, and why.
  const { hidden, actions } = useBoardContext();
  const ownHidden = moderator ? undefined : hidden;
  const sections = useMemo(
    () => buildSections(ideas, groups, { includeHidden: moderator, sort, query, ownHidden }),
    [ideas, groups, moderator, sort, query, ownHidden],
  );
  const shown = sections.reduce((n, section) => n + section.ideas.length, 0);
  // Facilitators tick ideas for bulk actions, in the order shown (shift-click ranges).
  const [selection] = useState(() => new SelectionStore());
  useEffect(() => {
    if (!moderator) return;
    const order = sections.flatMap((section) => section.ideas.map((idea) => idea.id));
    selection.setOrder(order);
    selection.keepOnly(new Set(order));
  }, [moderator, sections, selection]);
  useEffect(() => {
    if (!highlightId) return;
    const card = document.querySelector<HTMLElement>(`[data-idea-id="${CSS.escape(highlightId)}"]`);
    if (!card) return; // not arrived yet: the next render of `ideas` tries again
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    card.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    card.classList.add('is-new');
    // Not cleared with the effect: the highlight outlives the next render (the card stays).
    setTimeout(() => card.classList.remove('is-new'), HIGHLIGHT_MS);
    onHighlighted?.();
  }, [highlightId, ideas, onHighlighted]);
  const total = visibleIdeaCount(ideas, moderator, ownHidden);
  const showHeadings = groups.length > 0;

  const list = sections.map((section) => {
    if (!section.group && section.ideas.length === 0 && !(moderator && showHeadings)) return null;
    return (
      <IdeaSection
        key={section.group?.id ?? 'ungrouped'}
        section={section}
        heading={showHeadings}
        moderator={moderator}
        spotlightIdeaId={spotlightIdeaId}
      />
    );
  });

  return (
    <section className="idea-board" aria-labelledby="ideas-title">
      <div className="idea-board-head">
        <h2 id="ideas-title">{t('board.ideas', { count: total })}</h2>
        <div className="board-tools">
          <div className="filter">
            <label htmlFor={filterId}>{t('board.filter')}</label>
            <input
              id={filterId}
              type="search"
              className="input input-small"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              autoComplete="off"
            />
          </div>
          <div className="sort">
            <label htmlFor={sortId}>{t('board.sort')}</label>
            <select
              id={sortId}
              className="select select-small"
              value={sort}
              onChange={(e) => setSort(e.target.value as IdeaSort)}
            >
              {IDEA_SORTS.map((value) => (
                <option key={value} value={value}>
                  {t(
                    value === 'newest'
                      ? 'board.sortNewest'
                      : value === 'oldest'
                        ? 'board.sortOldest'
                        : 'board.sortPopular',
                  )}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {moderator && (
        <BulkBar
          boardId={boardId}
          store={selection}
          ideas={ideas}
          groups={groups}
          actions={actions}
          shownCount={shown}
        />
      )}
      {query && (
        <p className="muted small" role="status">
          {t('board.filtered', { count: shown })}
        </p>
      )}
      {total === 0 && <p className="empty">{t('board.emptyBoard')}</p>}
      {moderator ? (
        <SelectionContext value={selection}>
          <FacilitatorDnd ideas={ideas} groups={groups} onMove={onMove}>
            {list}
          </FacilitatorDnd>
        </SelectionContext>
      ) : (
        list
      )}
    </section>
  );
}

const IdeaSection = memo(function IdeaSection({
  section,
  heading,
  moderator,
  spotlightIdeaId,
}: {
  section: Section;
  heading: boolean;
  moderator: boolean;
  spotlightIdeaId: string | null;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [limit, setLimit] = useState(FIRST_PAINT);
  useEffect(() => {
    startTransition(() => setLimit((n) => Math.max(n, PAGE)));
  }, []);
  const shown = section.ideas.slice(0, limit);
  const rest = section.ideas.length - shown.length;
  const name = section.group?.name ?? t('board.ungrouped');

  const body: ReactNode = (
    <>
      {heading && (
        <h3 id={headingId} className="section-title">
          {name}{' '}
          <span className="section-count">
            <span aria-hidden="true">{section.ideas.length}</span>
            <span className="visually-hidden">({t('board.ideas', { count: section.ideas.length })})</span>
          </span>
        </h3>
      )}
      {moderator && section.group && section.ideas.length > 0 && (
        <PromoteButton source={{ kind: 'group', groupId: section.group.id, name: section.group.name }} />
      )}
      {section.ideas.length === 0 && heading && <p className="empty small">{t('board.emptyGroup')}</p>}
      <ul className="idea-list" aria-labelledby={heading ? headingId : undefined}>
        {shown.map((idea) => (
          <li key={idea.id}>
            {moderator ? (
              <DraggableIdea idea={idea} spotlighted={idea.id === spotlightIdeaId} />
            ) : (
              <IdeaCard idea={idea} spotlighted={idea.id === spotlightIdeaId} />
            )}
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <button
          type="button"
          className="button button-secondary show-more"
          onClick={() => setLimit((n) => n + PAGE)}
        >
          {t('board.showMore', { count: Math.min(rest, PAGE) })}
        </button>
      )}
    </>
  );

  return moderator ? (
    <DroppableSection groupId={section.group?.id ?? null} labelledBy={heading ? headingId : undefined}>
      {body}
    </DroppableSection>
  ) : (
    <section className="idea-section" aria-labelledby={heading ? headingId : undefined}>
      {body}
    </section>
  );
});
