import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type GroupRecord } from '@cocon/shared';
import type { BoardActions } from './actions';

/** Create, rename and delete the clusters ideas are sorted into. */
export function GroupManager({ groups, actions }: { groups: readonly GroupRecord[]; actions: BoardActions }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const atMax = groups.length >= LIMITS.groupsPerBoardMax;

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const value = name.trim();
    if (!value || atMax) return;
    const ack = await actions.createGroup(value);
    if (ack.ok) setName('');
  };

  return (
    <div className="panel-section">
      <h3>{t('facilitator.groups')}</h3>
      <form className="inline-form" onSubmit={(e) => void onCreate(e)}>
        <label htmlFor={id}>{t('facilitator.groupName')}</label>
        <div className="inline-form-row">
          <input
            id={id}
            className="input"
            value={name}
            maxLength={LIMITS.groupNameMax}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="submit"
            className="button button-secondary button-small"
            disabled={!name.trim() || atMax}
          >
            {t('facilitator.addGroup')}
          </button>
        </div>
      </form>
      {groups.length > 0 && (
        <ul className="group-list">
          {groups.map((group) => (
            <GroupRow key={group.id} group={group} actions={actions} />
          ))}
        </ul>
      )}
    </div>
  );
}

function GroupRow({ group, actions }: { group: GroupRecord; actions: BoardActions }) {
  const { t } = useTranslation();
  const id = useId();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(group.name);

  const onRename = async (event: FormEvent) => {
    event.preventDefault();
    const value = name.trim();
    if (!value) return;
    if (value !== group.name) await actions.renameGroup(group.id, value);
    setRenaming(false);
  };

  if (renaming) {
    return (
      <li>
        <form className="inline-form-row" onSubmit={(e) => void onRename(e)}>
          <label htmlFor={id} className="visually-hidden">
            {t('facilitator.renameLabel', { name: group.name })}
          </label>
          <input
            id={id}
            className="input"
            value={name}
            maxLength={LIMITS.groupNameMax}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
            autoFocus
          />
          <button type="submit" className="button button-secondary button-small">
            {t('idea.save')}
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="group-row">
      <span className="group-name">{group.name}</span>
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => {
          setName(group.name);
          setRenaming(true);
        }}
      >
        {t('facilitator.rename')}
      </button>
      <button
        type="button"
        className="button button-quiet button-small danger"
        aria-label={`${t('facilitator.deleteGroup')} ${group.name}`}
        onClick={() => {
          if (window.confirm(t('facilitator.confirmDeleteGroup', { name: group.name })))
            void actions.deleteGroup(group.id);
        }}
      >
        {t('idea.delete')}
      </button>
    </li>
  );
}
