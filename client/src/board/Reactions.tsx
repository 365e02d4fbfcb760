import { useTranslation } from 'react-i18next';
import { REACTIONS, REACTION_EMOJI, type IdeaView } from '@cocon/shared';
import type { BoardActions } from './actions';

export function Reactions({
  idea,
  enabled,
  actions,
}: {
  idea: IdeaView;
  enabled: boolean;
  actions: BoardActions;
}) {
  const { t } = useTranslation();
  return (
    <div className="reactions" role="group" aria-label={t('idea.reactions')}>
      {REACTIONS.map((reaction) => {
        const mine = idea.myReactions.includes(reaction);
        const count = idea.reactions[reaction];
        if (!enabled && count === 0) return null;
        return (
          <button
            key={reaction}
            type="button"
            className="reaction"
            aria-pressed={mine}
            disabled={!enabled}
            aria-label={t('idea.reactionToggle', { label: t(`reaction.${reaction}`), count })}
            title={t(`reaction.${reaction}`)}
            onClick={() => void actions.react(idea.id, reaction, !mine)}
          >
            <span aria-hidden="true">{REACTION_EMOJI[reaction]}</span>
            {count > 0 && (
              <span className="reaction-count" aria-hidden="true">
                {count}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
