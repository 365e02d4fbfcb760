import {
  memo,
  use,
  useEffect,
  useId,
  useRef,
  useState,
  type CSSProperties,
  type FormEvent,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { checkBoardAction, LIMITS, type IdeaView } from '@cocon/shared';
import { Icon } from '../components/Icon';
import { PromoteButton, ProposalLinks } from '../proposals/PromoteDialog';
import { useBoardContext } from './BoardContext';
import { Comments } from './Comments';
import { Reactions } from './Reactions';
import { RelativeTime } from './RelativeTime';
import { VoteControls } from './VoteControls';
import { SelectionContext, useSelected } from './selection';

export interface DragBinding {
  setNodeRef: Ref<HTMLElement>;
  handle: ReactNode;
  style: CSSProperties | undefined;
  dragging: boolean;
}

/**
 * One idea. Memoised on the idea object: the board store keeps unchanged ideas identical,
 * so a new idea elsewhere does not re-render the other 1,999 cards.
 */
export const IdeaCard = memo(function IdeaCard({
  idea,
  spotlighted,
  drag,
}: {
  idea: IdeaView;
  spotlighted: boolean;
  drag?: DragBinding | undefined;
}) {
  const { t } = useTranslation();
  const context = useBoardContext();
  const { role, meta, viewerId, ownIdeaIds, actions, hidden, groups } = context;
  const textId = useId();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // Back on the "Edit" button after saving or cancelling, so keyboard users keep their place:
  // once the button is rendered again (an animation frame can come before React's commit when
  // the save is acknowledged on a busy machine).
  const returnFocus = useRef(false);
  const stopEditing = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  useEffect(() => {
    if (editing || !returnFocus.current) return;
    returnFocus.current = false;
    editButton.current?.focus();
  }, [editing]);
  const moderator = role === 'facilitator';
  const mine = viewerId !== null && (idea.authorId === viewerId || ownIdeaIds.has(idea.id));
  const allowed = (action: Parameters<typeof checkBoardAction>[2]) =>
    checkBoardAction(role, meta, action) === null;
  const record = idea.hidden ? hidden.get(idea.id) : undefined;
  const author = idea.authorName ?? t('idea.anonymous');
  const text = idea.hidden ? (record?.text ?? t('idea.hiddenNoText')) : idea.text;

  const held = idea.held;
  const live = !idea.hidden && !held;
  const className = [
    'idea-card',
    idea.hidden && 'is-hidden',
    held && 'is-held',
    spotlighted && 'is-spotlight',
    drag?.dragging && 'is-dragging',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <article
      ref={drag?.setNodeRef as Ref<HTMLElement>}
      style={drag?.style}
      className={className}
      aria-labelledby={textId}
      data-testid="idea-card"
      data-idea-id={idea.id}
    >
      <div className="idea-meta">
        {moderator && <SelectBox ideaId={idea.id} />}
        {drag?.handle}
        <span className="idea-author">
          {author}
          {mine && <span className="muted"> ({t('idea.you')})</span>}
        </span>
        <span aria-hidden="true">·</span>
        <RelativeTime at={idea.createdAt} />
        {idea.editedAt !== null && <span className="muted small">({t('idea.edited')})</span>}
        {idea.hidden && <span className="chip chip-hidden">{t('idea.hidden')}</span>}
        {held && (
          <span className="chip chip-held" data-testid="idea-held">
            {held === 'premoderation'
              ? t('idea.heldWaiting')
              : moderator
                ? t('idea.heldPrivate')
                : t('idea.heldPrivateMine')}
          </span>
        )}
        {spotlighted && (
          <span className="chip chip-spotlight">
            <Icon name="star" /> {t('board.spotlight')}
          </span>
        )}
      </div>

      {editing ? (
        <EditIdea idea={idea} onDone={stopEditing} />
      ) : (
        <p className="idea-text" id={textId} data-testid="idea-text">
          {text}
        </p>
      )}
      {live && <ProposalLinks proposalIds={idea.proposalIds} />}

      {idea.hidden && record && (
        <p className="hidden-reason" data-testid="hidden-reason">
          {t('idea.hiddenReason', { reason: record.reason })} —{' '}
          {record.hiddenByName
            ? t('idea.hiddenBy', { name: record.hiddenByName })
            : t('idea.hiddenByFacilitation')}
        </p>
      )}
      {idea.hidden && record && (record.comments?.length ?? 0) > 0 && (
        <details className="hidden-comments">
          <summary>{t('idea.hiddenComments', { count: record.comments.length })}</summary>
          <ul className="comment-list">
            {record.comments.map((comment) => (
              <li key={comment.id} className="comment">
                <p className="comment-text">{comment.text}</p>
                <p className="comment-meta">{comment.authorName ?? t('idea.anonymous')}</p>
              </li>
            ))}
          </ul>
        </details>
      )}

      {live && (
        <>
          <div className="idea-actions">
            <Reactions idea={idea} enabled={allowed('react')} actions={actions} />
            {meta.phase === 'vote' && (
              <VoteControls
                idea={idea}
                enabled={allowed('vote')}
                dotsLeft={context.dotsLeft}
                actions={actions}
                votesHidden={meta.votesHidden}
                moderator={moderator}
              />
            )}
          </div>
          <Comments
            idea={idea}
            canComment={allowed('comment')}
            viewerId={viewerId}
            moderator={moderator}
            actions={actions}
          />
        </>
      )}

      <IdeaTools
        idea={idea}
        canEdit={mine && !editing && !idea.hidden && allowed('editOwn')}
        canDelete={mine && !idea.hidden && allowed('deleteOwn')}
        moderator={moderator}
        spotlighted={spotlighted}
        onEdit={() => setEditing(true)}
        editButton={editButton}
        groups={groups}
      />
    </article>
  );
});

/** The facilitator's tick for bulk actions; shift-click ticks the range from the last one. */
function SelectBox({ ideaId }: { ideaId: string }) {
  const { t } = useTranslation();
  const store = use(SelectionContext);
  const selected = useSelected(ideaId);
  if (!store || selected === null) return null;
  return (
    <input
      type="checkbox"
      className="idea-select"
      checked={selected}
      aria-label={t('facilitator.selectIdea')}
      data-testid="idea-select"
      // A click (or Space, which clicks) carries the Shift key: a range from the last one ticked.
      onChange={(event) => store.toggle(ideaId, (event.nativeEvent as MouseEvent).shiftKey === true)}
    />
  );
}

function IdeaTools({
  idea,
  canEdit,
  canDelete,
  moderator,
  spotlighted,
  onEdit,
  editButton,
  groups,
}: {
  idea: IdeaView;
  canEdit: boolean;
  canDelete: boolean;
  moderator: boolean;
  spotlighted: boolean;
  onEdit: () => void;
  editButton: RefObject<HTMLButtonElement | null>;
  groups: ReturnType<typeof useBoardContext>['groups'];
}) {
  const { t } = useTranslation();
  const { actions, requestHide } = useBoardContext();
  const selectId = useId();
  if (!canEdit && !canDelete && !moderator) return null;
  return (
    <div className="idea-tools" role="group" aria-label={t('idea.actions')}>
      {canEdit && (
        <button ref={editButton} type="button" className="button button-quiet button-small" onClick={onEdit}>
          {t('idea.edit')}
        </button>
      )}
      {canDelete && (
        <button
          type="button"
          className="button button-quiet button-small danger"
          onClick={() => {
            if (window.confirm(t('idea.confirmDelete'))) void actions.remove(idea.id);
          }}
        >
          {t('idea.delete')}
        </button>
      )}
      {moderator && idea.held && (
        <>
          {idea.held === 'premoderation' && (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void actions.approve([idea.id])}
            >
              {t('facilitator.approve')}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet button-small danger"
            onClick={() => requestHide(idea)}
          >
            {t('facilitator.reject')}
          </button>
          <MoreTools>
            <RemoveAuthorButton ideaId={idea.id} />
          </MoreTools>
        </>
      )}
      {moderator && !idea.hidden && !idea.held && (
        <>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => void actions.spotlight(spotlighted ? null : idea.id)}
          >
            {spotlighted ? t('facilitator.unspotlight') : t('facilitator.spotlight')}
          </button>
          <button
            type="button"
            className="button button-quiet button-small danger"
            onClick={() => requestHide(idea)}
          >
            {t('facilitator.hide')}
          </button>
          <MoreTools>
            <PromoteButton source={{ kind: 'ideas', ideaIds: [idea.id], text: idea.text }} />
            <RemoveAuthorButton ideaId={idea.id} />
          </MoreTools>
          {groups.length > 0 && (
            <span className="move-to">
              <label htmlFor={selectId} className="visually-hidden">
                {t('facilitator.moveToLabel')}
              </label>
              <select
                id={selectId}
                className="select select-small"
                value={idea.groupId ?? ''}
                onChange={(e) => void actions.group(idea.id, e.target.value || null)}
              >
                <option value="" disabled={idea.groupId === null}>
                  {idea.groupId === null ? t('facilitator.moveTo') : t('board.ungrouped')}
                </option>
                {groups.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
              </select>
            </span>
          )}
        </>
      )}
      {moderator && idea.hidden && (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void actions.restore(idea.id)}
        >
          {t('facilitator.restore')}
        </button>
      )}
    </div>
  );
}

/** What a facilitator does less often to one idea, folded so that cards stay short. */
function MoreTools({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details
      className="idea-more"
      onKeyDown={(event) => {
        // Escape folds it again, back on its summary.
        if (event.key !== 'Escape' || !event.currentTarget.open) return;
        event.currentTarget.open = false;
        event.currentTarget.querySelector('summary')?.focus();
      }}
    >
      <summary className="button button-quiet button-small">{t('facilitator.moreActions')}</summary>
      <div className="idea-more-menu">{children}</div>
    </details>
  );
}

/** Removes the idea's author (a guest) from the forum, after a confirmation. */
function RemoveAuthorButton({ ideaId }: { ideaId: string }) {
  const { t } = useTranslation();
  const { actions } = useBoardContext();
  return (
    <button
      type="button"
      className="button button-quiet button-small danger"
      onClick={() => {
        if (window.confirm(t('facilitator.confirmRemoveAuthor'))) void actions.removeAuthor(ideaId);
      }}
    >
      {t('facilitator.removeAuthor')}
    </button>
  );
}

function EditIdea({ idea, onDone }: { idea: IdeaView; onDone: () => void }) {
  const { t } = useTranslation();
  const { actions } = useBoardContext();
  const id = useId();
  const [text, setText] = useState(idea.text);
  const [saving, setSaving] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    if (value === idea.text) return onDone();
    setSaving(true);
    const ack = await actions.edit(idea.id, value);
    setSaving(false);
    if (ack.ok) onDone();
  };

  return (
    <form className="edit-idea" onSubmit={(e) => void onSubmit(e)}>
      <label htmlFor={id} className="visually-hidden">
        {t('idea.editLabel')}
      </label>
      <textarea
        id={id}
        className="input"
        value={text}
        rows={3}
        maxLength={LIMITS.ideaTextMax}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void onSubmit(e);
        }}
        autoFocus
      />
      <div className="edit-idea-row">
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={saving || !text.trim()}
        >
          {t('idea.save')}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onDone}>
          {t('idea.cancel')}
        </button>
      </div>
    </form>
  );
}
