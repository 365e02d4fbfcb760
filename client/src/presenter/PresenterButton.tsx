import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgPath } from '../org/useOrgPath';

/** Opens the room's screen for this board in a window of its own (to drag onto the projector). */
export function PresenterButton({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const href = inOrg(`/boards/${encodeURIComponent(boardId)}/present`);
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    const opened = window.open(href, `cocon-presenter-${boardId}`, 'popup=yes,width=1280,height=720');
    if (opened) event.preventDefault(); // otherwise the link opens a tab
  };
  return (
    <p className="presenter-open">
      <a
        className="button button-secondary button-small"
        href={href}
        target="_blank"
        rel="noopener"
        onClick={open}
        aria-describedby={`presenter-hint-${boardId}`}
        data-testid="open-presenter"
      >
        {t('presenter.open')}
      </a>{' '}
      <span id={`presenter-hint-${boardId}`} className="muted small">
        {t('presenter.openHint')}
      </span>
    </p>
  );
}
