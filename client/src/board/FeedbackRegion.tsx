import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackStore } from './feedback';

/** Errors from refused actions, announced assertively and dismissable. */
export function FeedbackRegion({ store }: { store: FeedbackStore }) {
  const { t } = useTranslation();
  const message = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <div className="feedback-region" role="alert" aria-atomic="true">
      {message && (
        <div className="toast toast-error" key={message.seq} data-testid="board-error">
          <span>
            {message.waitSeconds !== undefined
              ? t('board.paceWait', { count: message.waitSeconds })
              : t(`errors.${message.code}`)}
          </span>
          <button
            type="button"
            className="toast-close"
            onClick={() => store.dismiss()}
            aria-label={t('errors.dismiss')}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
