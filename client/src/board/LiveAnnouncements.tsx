import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { excerpt } from '../lib/format';
import type { NewIdeaAnnouncer } from './announcer';

/** Polite, throttled announcements of other people's new ideas (screen readers only). */
export function LiveAnnouncements({ announcer }: { announcer: NewIdeaAnnouncer }) {
  const { t } = useTranslation();
  const message = useSyncExternalStore(announcer.subscribe, announcer.getSnapshot);
  let text = '';
  if (message?.kind === 'one') text = t('board.newIdea', { text: excerpt(message.text, 120) });
  if (message?.kind === 'many') text = t('board.newIdeas', { count: message.count });
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {/* keyed so the same words said twice are announced twice */}
      <span key={message?.seq ?? 0}>{text}</span>
    </div>
  );
}
