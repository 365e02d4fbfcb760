import { useTranslation } from 'react-i18next';
import type { IdeaView } from '@cocon/shared';
import { Icon } from '../components/Icon';

/** The idea the facilitators put on screen, shown to everyone above the board. */
export function Spotlight({ idea, onClear }: { idea: IdeaView | null; onClear: (() => void) | null }) {
  const { t } = useTranslation();
  if (!idea || idea.hidden) return null;
  return (
    <section className="spotlight" aria-labelledby="spotlight-title" data-testid="spotlight">
      <h2 id="spotlight-title" className="spotlight-label">
        <Icon name="star" /> {t('board.spotlightBy')}
      </h2>
      <p className="spotlight-text">{idea.text}</p>
      <p className="spotlight-author">{idea.authorName ?? t('idea.anonymous')}</p>
      {onClear && (
        <button type="button" className="button button-quiet button-small" onClick={onClear}>
          {t('facilitator.unspotlight')}
        </button>
      )}
    </section>
  );
}
