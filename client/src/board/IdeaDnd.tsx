import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import type { GroupRecord, IdeaView } from '@cocon/shared';
import { excerpt } from '../lib/format';
import { Icon } from '../components/Icon';
import { IdeaCard } from './IdeaCard';

/** Droppable id of the "not grouped" section (group ids are never this short). */
const UNGROUPED = '~';

/**
 * The section under the pointer wins; the default (the section the dragged card overlaps most)
 * picks the wrong one when a tall card is dropped on a short section. Keyboard drags have no
 * pointer and fall back to overlap.
 */
const underPointerFirst: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

/** Drag and drop of ideas between groups, for facilitators (pointer, touch and keyboard). */
export function FacilitatorDnd({
  ideas,
  groups,
  onMove,
  children,
}: {
  ideas: readonly IdeaView[];
  groups: readonly GroupRecord[];
  onMove: (ideaId: string, groupId: string | null) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const sensors = useSensors(
    // A small distance keeps clicks on the handle from starting a drag.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Press and hold on phones, so scrolling the board still works.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );
  const groupName = (id: string | number | undefined) =>
    id === UNGROUPED || id === undefined
      ? t('board.ungrouped')
      : (groups.find((g) => g.id === id)?.name ?? String(id));
  const ideaText = (id: string | number) => excerpt(ideas.find((idea) => idea.id === id)?.text ?? '', 60);

  const announcements: Announcements = {
    onDragStart: ({ active }) => `${t('dnd.start')} ${ideaText(active.id)}`,
    onDragOver: ({ over }) => (over ? t('dnd.over', { name: groupName(over.id) }) : undefined),
    onDragEnd: ({ over }) => (over ? t('dnd.drop', { name: groupName(over.id) }) : t('dnd.cancel')),
    onDragCancel: () => t('dnd.cancel'),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const ideaId = String(active.id);
    const groupId = over.id === UNGROUPED ? null : String(over.id);
    const idea = ideas.find((candidate) => candidate.id === ideaId);
    if (idea && idea.groupId !== groupId) onMove(ideaId, groupId);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={underPointerFirst}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
    >
      {children}
    </DndContext>
  );
}

export function DroppableSection({
  groupId,
  labelledBy,
  children,
}: {
  groupId: string | null;
  labelledBy: string | undefined;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: groupId ?? UNGROUPED });
  return (
    <section
      ref={setNodeRef}
      className={`idea-section droppable${isOver ? ' is-over' : ''}`}
      aria-labelledby={labelledBy}
    >
      {children}
    </section>
  );
}

/** Memoised like IdeaCard, so a facilitator's board only re-renders the ideas that changed. */
export const DraggableIdea = memo(function DraggableIdea({
  idea,
  spotlighted,
}: {
  idea: IdeaView;
  spotlighted: boolean;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: idea.id,
    // Held ideas are not on the board yet: nothing to move until they are released.
    disabled: idea.hidden || idea.held !== undefined,
  });
  const fixed = idea.hidden || idea.held !== undefined;
  const handle = fixed ? null : (
    <button
      type="button"
      ref={setActivatorNodeRef}
      className="drag-handle"
      aria-label={t('facilitator.dragHandle')}
      title={t('facilitator.dragHandle')}
      {...attributes}
      {...listeners}
    >
      <Icon name="grip" />
    </button>
  );
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <IdeaCard
      idea={idea}
      spotlighted={spotlighted}
      drag={{ setNodeRef, handle, style, dragging: isDragging }}
    />
  );
});
