import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresencePayload } from '@cocon/shared';
import { Icon } from '../components/Icon';

/** "42 personnes", expandable to the (bounded) list of names. */
export function PresenceButton({ presence }: { presence: PresencePayload | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (!presence) return null;
  const more = presence.count - presence.names.length;
  return (
    <div
      className="presence"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          event.currentTarget.querySelector('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        className="chip chip-button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
        title={t('presence.showNames')}
      >
        <Icon name="people" /> {t('presence.count', { count: presence.count })}
      </button>
      {open && (
        <div id={listId} className="presence-list" role="region" aria-label={t('presence.listTitle')}>
          <ul>
            {presence.names.map((name, index) => (
              <li key={`${index}-${name}`}>{name}</li>
            ))}
          </ul>
          {more > 0 && <p className="muted small">{t('presence.andMore', { count: more })}</p>}
        </div>
      )}
    </div>
  );
}
