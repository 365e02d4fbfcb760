import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdeaView } from '@cocon/shared';
import type { BoardActions } from './actions';

/** +/− dot on one idea; counts in-flight clicks so a fast double tap cannot overspend. */
export function VoteControls({
  idea,
  enabled,
  dotsLeft,
  actions,
  votesHidden = false,
  moderator = false,
}: {
  idea: IdeaView;
  enabled: boolean;
  dotsLeft: number;
  actions: BoardActions;
  /** Totals kept off the board until the reveal: participants see only their own dots. */
  votesHidden?: boolean;
  moderator?: boolean;
}) {
  const { t } = useTranslation();
  const [inflight, setInflight] = useState(0);

  const vote = async (delta: 1 | -1) => {
    setInflight((n) => n + delta);
    await actions.vote(idea.id, delta, votesHidden);
    setInflight((n) => n - delta);
  };

  const canAdd = enabled && dotsLeft - Math.max(0, inflight) > 0;
  const canRemove = enabled && idea.myVotes + Math.min(0, inflight) > 0;
  return (
    <div className="votes" role="group" aria-label={t('idea.vote')}>
      <div className="vote-stepper">
        <button
          type="button"
          className="vote-button"
          onClick={() => void vote(-1)}
          disabled={!canRemove}
          aria-label={t('idea.voteRemove')}
          data-testid="vote-remove"
        >
          −
        </button>
        <span className="vote-dots" aria-hidden="true">
          {Array.from({ length: Math.min(idea.myVotes, 10) }, (_, i) => (
            <span key={i} className="dot" />
          ))}
        </span>
        <span className="vote-mine" data-testid="my-votes">
          {t('idea.myVotes', { count: idea.myVotes })}
        </span>
        <button
          type="button"
          className="vote-button"
          onClick={() => void vote(1)}
          disabled={!canAdd}
          aria-label={t('idea.voteAdd')}
          data-testid="vote-add"
        >
          +
        </button>
      </div>
      <span className="vote-total">
        {votesHidden && !moderator ? t('idea.totalHidden') : t('idea.totalVotes', { count: idea.votes })}
        {votesHidden && moderator && <span className="muted"> ({t('idea.totalHiddenForOthers')})</span>}
      </span>
    </div>
  );
}
