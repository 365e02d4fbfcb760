import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, communityBody, type Community, type PersonView } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { Dialog } from '../components/Dialog';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import { adminApi, type CommunityMembers } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { DialogFormActions } from './FormActions';
import { RowActions } from './RowActions';
import { useConfirmAction } from './useConfirmAction';
import { CheckboxGroup, Field } from './forms';

interface Lists {
  communities: Community[];
  members: CommunityMembers[];
  people: PersonView[];
  themes: string[];
}

const loadLists = async (): Promise<Lists> => {
  const [communities, members, people, themes] = await Promise.all([
    adminApi.communities(),
    adminApi.communityMembers(),
    adminApi.people(),
    adminApi.themes(),
  ]);
  return { communities, members, people, themes };
};

/** Communities of practice: their themes and members. */
export function CommunitiesSection() {
  const { t } = useTranslation();
  const lists = useFetched(loadLists, 'communities');
  // null: closed; 'new': adding; otherwise the community being edited.
  const [editing, setEditing] = useState<Community | 'new' | null>(null);
  const [status, setStatus] = useState('');
  const removal = useConfirmAction(async (community: Community) => {
    await adminApi.deleteCommunity(community.id);
    setStatus(t('admin.communityRemoved', { name: community.name }));
    lists.reload();
  });

  if (lists.error && !lists.data) return <ErrorMessage code={lists.error} />;
  if (!lists.data) return <p>{t('app.loading')}</p>;
  const { communities, members, people, themes } = lists.data;
  const memberIdsOf = (id: string) => members.find((m) => m.communityId === id)?.userIds ?? [];

  return (
    <section className="card" aria-labelledby="communities-title">
      <h2 id="communities-title">{t('admin.tab_communities')}</h2>
      <p className="muted">{t('admin.communitiesIntro')}</p>
      <p className="form-status" role="status">
        {status}
      </p>
      {communities.length === 0 && <p className="empty">{t('admin.noCommunities')}</p>}
      <ul className="admin-list">
        {communities.map((community) => (
          <li key={community.id} className="admin-row">
            <div className="admin-row-main">
              <strong>{community.name}</strong>
              <span className="muted small">
                {community.themes.length > 0 ? community.themes.join(' · ') : t('admin.noThemeChosen')}
              </span>
              <span className="muted small">
                {t('admin.memberCount', { count: memberIdsOf(community.id).length })}
              </span>
            </div>
            <RowActions
              name={community.name}
              onEdit={() => setEditing(community)}
              onRemove={() => removal.ask(community)}
            />
          </li>
        ))}
      </ul>
      <button type="button" className="button button-secondary" onClick={() => setEditing('new')}>
        {t('admin.addCommunity')}
      </button>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} labelledBy="community-dialog-title">
        {editing !== null && (
          <CommunityForm
            key={editing === 'new' ? 'new' : editing.id}
            community={editing === 'new' ? null : editing}
            memberIds={editing === 'new' ? [] : memberIdsOf(editing.id)}
            themes={themes}
            people={people}
            onCancel={() => setEditing(null)}
            onSaved={(name) => {
              setEditing(null);
              setStatus(t('admin.communitySaved', { name }));
              lists.reload();
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        {...removal.dialog}
        title={t('admin.removeCommunityTitle', { name: removal.target?.name ?? '' })}
        confirmLabel={t('admin.remove')}
        danger
      >
        <p>{removal.error === 'in_use' ? t('admin.communityInUse') : t('admin.removeCommunityBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function CommunityForm({
  community,
  memberIds,
  themes,
  people,
  onCancel,
  onSaved,
}: {
  community: Community | null;
  memberIds: string[];
  themes: string[];
  people: PersonView[];
  onCancel: () => void;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const filterId = useId();
  const [name, setName] = useState(community?.name ?? '');
  const [chosenThemes, setChosenThemes] = useState(community?.themes ?? []);
  const [chosenMembers, setChosenMembers] = useState(memberIds);
  const [filter, setFilter] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  // Themes no longer in the plan stay choosable while the community still has them.
  const themeOptions = [...themes, ...chosenThemes.filter((x) => !themes.includes(x))];
  const needle = filter.trim().toLowerCase();
  const shownPeople = people.filter(
    (p) =>
      chosenMembers.includes(p.id) ||
      (p.active && (!needle || `${p.name} ${p.email}`.toLowerCase().includes(needle))),
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = communityBody.safeParse({ name, themes: chosenThemes, memberIds: chosenMembers });
    if (!parsed.success) {
      if (parsed.error.issues.some((issue) => issue.path[0] === 'name')) {
        setNameError(t('forms.required'));
        document.getElementById('community-name')?.focus();
      } else setError('invalid');
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      if (community) await adminApi.updateCommunity(community.id, parsed.data);
      else await adminApi.createCommunity(parsed.data);
      onSaved(parsed.data.name);
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <form className="dialog-body" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2 id="community-dialog-title">
        {community ? t('admin.editCommunity', { name: community.name }) : t('admin.addCommunity')}
      </h2>
      <Field
        id="community-name"
        label={t('admin.communityName')}
        value={name}
        onChange={setName}
        error={nameError}
        maxLength={LIMITS.titleMax}
        required
      />
      <CheckboxGroup
        id="community-themes"
        legend={t('admin.communityThemes')}
        options={themeOptions.map((x) => ({ value: x, label: x }))}
        selected={chosenThemes}
        onChange={setChosenThemes}
        empty={t('admin.noThemesYet')}
      />
      <div className="field">
        <label htmlFor={filterId}>{t('admin.filterPeople')}</label>
        <input
          id={filterId}
          className="input"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <CheckboxGroup
        id="community-members"
        legend={t('admin.communityMembers', { count: chosenMembers.length })}
        options={shownPeople.map((p) => ({
          value: p.id,
          label: p.name,
          detail: `${p.email}${p.active ? '' : ` (${t('admin.inactive')})`}`,
        }))}
        selected={chosenMembers}
        onChange={setChosenMembers}
        empty={t('admin.noPeopleMatch')}
      />
      <DialogFormActions error={error} busy={busy} onCancel={onCancel} />
    </form>
  );
}
