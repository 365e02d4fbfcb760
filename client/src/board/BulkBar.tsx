import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type GroupRecord, type IdeaView } from '@cocon/shared';
import { Dialog } from '../components/Dialog';
import { PromoteDialog } from '../proposals/PromoteDialog';
import type { BoardActions } from './actions';
import { useSelection, type SelectionStore } from './selection';
import { HideReasonForm } from './HideDialog';

/**
 * What a facilitator does to the ideas they ticked: hide them with one reason, move them into a
 * cluster, approve those waiting, promote them into one proposal. Each is one intent (one
 * transaction on the server); the selection is cleared once it succeeds.
 */
export function BulkBar({
  boardId,
  store,
  ideas,
  groups,
  actions,
  shownCount,
}: {
  boardId: string;
  store: SelectionStore;
  ideas: readonly IdeaView[];
  groups: readonly GroupRecord[];
  actions: BoardActions;
  shownCount: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const selected = useSelection(store);
  const [hiding, setHiding] = useState(false);
  const [promoting, setPromoting] = useState(false);
  const byId = new Map(ideas.map((idea) => [idea.id, idea]));
  const chosen = selected.map((ideaId) => byId.get(ideaId)).filter((idea): idea is IdeaView => !!idea);
  const live = chosen.filter((idea) => !idea.hidden && !idea.held);
  const waiting = chosen.filter((idea) => idea.held === 'premoderation');
  const hideable = chosen.filter((idea) => !idea.hidden);
  const done = (ok: boolean) => {
    if (ok) store.clear();
  };

  return (
    <div className="bulk-bar" role="group" aria-label={t('facilitator.bulkActions')} data-testid="bulk-bar">
      {selected.length === 0 ? (
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => store.selectAll()}
          disabled={shownCount === 0}
        >
          {t('facilitator.selectAll', { count: Math.min(shownCount, LIMITS.bulkIdeasMax) })}
        </button>
      ) : (
        <>
          <span className="bulk-count" aria-live="polite">
            {t('facilitator.selectedCount', { count: selected.length })}
          </span>
          <button
            type="button"
            className="button button-danger button-small"
            disabled={hideable.length === 0}
            onClick={() => setHiding(true)}
          >
            {t('facilitator.bulkHide')}
          </button>
          {groups.length > 0 && (
            <span className="move-to">
              <label htmlFor={`${id}-move`} className="visually-hidden">
                {t('facilitator.bulkMoveLabel')}
              </label>
              <select
                id={`${id}-move`}
                className="select select-small"
                value=""
                disabled={live.length === 0}
                onChange={(e) => {
                  const value = e.target.value;
                  if (!value) return;
                  void actions
                    .groupMany(
                      live.map((idea) => idea.id),
                      value === '-' ? null : value,
                    )
                    .then((ack) => done(ack.ok));
                }}
              >
                <option value="">{t('facilitator.bulkMoveTo')}</option>
                <option value="-">{t('board.ungrouped')}</option>
                {groups.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
              </select>
            </span>
          )}
          {waiting.length > 0 && (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void actions.approve(waiting.map((idea) => idea.id)).then((ack) => done(ack.ok))}
            >
              {t('facilitator.bulkApprove', { count: waiting.length })}
            </button>
          )}
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={live.length === 0}
            onClick={() => setPromoting(true)}
          >
            {t('facilitator.bulkPromote')}
          </button>
          <button type="button" className="button button-quiet button-small" onClick={() => store.clear()}>
            {t('facilitator.clearSelection')}
          </button>
          <span className="muted small bulk-hint">{t('facilitator.selectHint')}</span>
        </>
      )}
      <Dialog open={hiding} onClose={() => setHiding(false)} labelledBy={`${id}-title`}>
        {hiding && (
          <HideReasonForm
            titleId={`${id}-title`}
            title={t('facilitator.bulkHideTitle', { count: hideable.length })}
            intro={t('facilitator.bulkHideIntro')}
            confirmLabel={t('facilitator.bulkHideConfirm', { count: hideable.length })}
            onCancel={() => setHiding(false)}
            onConfirm={async (reason) => {
              const ack = await actions.hideMany(
                hideable.map((idea) => idea.id),
                reason,
              );
              done(ack.ok);
              return ack.ok;
            }}
          />
        )}
      </Dialog>
      {promoting && (
        <PromoteDialog
          boardId={boardId}
          source={{ kind: 'ideas', ideaIds: live.map((idea) => idea.id), text: live[0]?.text ?? '' }}
          onClose={() => setPromoting(false)}
        />
      )}
    </div>
  );
}
