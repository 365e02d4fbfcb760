import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  ACCOUNT_ROLES,
  invitationBody,
  type AccountRole,
  type Community,
  type InvitationView,
  type Language,
  type PersonView,
} from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { Dialog } from '../components/Dialog';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import { adminApi, type CommunityMembers, type PartnerChoice } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { formatDate } from './format';
import { EmailField, LanguageField } from './accountFields';
import { DialogFormActions, SubmitFooter } from './FormActions';
import { CheckboxGroup, SelectField, fieldErrors, focusFirstError, type FieldErrors } from './forms';
import { RowActions } from './RowActions';
import { useConfirmAction } from './useConfirmAction';
import { useOrgPath } from '../org/useOrgPath';

interface Lists {
  people: PersonView[];
  invitations: InvitationView[];
  communities: Community[];
  members: CommunityMembers[];
  partners: PartnerChoice[];
}

const loadLists = async (): Promise<Lists> => {
  const [people, invitations, communities, members, partners] = await Promise.all([
    adminApi.people(),
    adminApi.invitations(),
    adminApi.communities(),
    adminApi.communityMembers(),
    // Partners come with the fund: an organisation without one still manages its people.
    adminApi.partners().catch(() => []),
  ]);
  return { people, invitations, communities, members, partners };
};

/** People of the organisation, their invitations, and the invite form. */
export function PeopleSection({ selfId }: { selfId: string }) {
  const { t, i18n } = useTranslation();
  const lists = useFetched(loadLists, 'people');
  const [editing, setEditing] = useState<PersonView | null>(null);
  const [status, setStatus] = useState('');
  const toggling = useConfirmAction(async (person: PersonView) => {
    if (!lists.data) return;
    const saved = await adminApi.updatePerson(person.id, {
      role: person.role,
      communityIds: person.communityIds,
      partnerId: person.partnerId,
      active: !person.active,
    });
    lists.set({ ...lists.data, people: lists.data.people.map((p) => (p.id === saved.id ? saved : p)) });
    setStatus(t(saved.active ? 'admin.reactivated' : 'admin.deactivated', { name: saved.name }));
  });
  const revoking = useConfirmAction(async (invitation: InvitationView) => {
    if (!lists.data) return;
    const saved = await adminApi.revokeInvitation(invitation.id);
    lists.set({
      ...lists.data,
      invitations: lists.data.invitations.map((x) => (x.id === saved.id ? saved : x)),
    });
    setStatus(t('admin.revoked', { email: saved.email }));
  });

  if (lists.error && !lists.data) return <ErrorMessage code={lists.error} />;
  if (!lists.data) return <p>{t('app.loading')}</p>;
  const data = lists.data;
  const { people, invitations, communities, partners } = data;
  const communityName = (id: string) => communities.find((c) => c.id === id)?.name ?? '';
  const partnerName = (id: string | null) => partners.find((p) => p.id === id)?.name ?? '';

  return (
    <>
      <p className="form-status" role="status">
        {status}
      </p>
      <div className="admin-columns">
        <section className="card" aria-labelledby="people-title">
          <h2 id="people-title">{t('admin.peopleTitle', { count: people.length })}</h2>
          {people.length === 0 && <p className="empty">{t('admin.noPeople')}</p>}
          <ul className="admin-list">
            {people.map((person) => (
              <li key={person.id} className={person.active ? 'admin-row' : 'admin-row admin-row-inactive'}>
                <div className="admin-row-main">
                  <strong>
                    {person.name}
                    {person.id === selfId && <span className="muted small"> {t('admin.you')}</span>}
                  </strong>
                  <span className="muted small admin-email">{person.email}</span>
                  <span className="small">
                    {t(`roles.${person.role}`)}
                    {person.role === 'partner' && person.partnerId && ` · ${partnerName(person.partnerId)}`}
                    {!person.active && <span className="admin-badge">{t('admin.inactive')}</span>}
                  </span>
                  {person.communityIds.length > 0 && (
                    <span className="muted small">{person.communityIds.map(communityName).join(' · ')}</span>
                  )}
                </div>
                <RowActions name={person.name} onEdit={() => setEditing(person)}>
                  {person.id !== selfId && (
                    <button
                      type="button"
                      className={`button button-quiet button-small${person.active ? ' danger' : ''}`}
                      aria-label={t(person.active ? 'admin.deactivateNamed' : 'admin.reactivateNamed', {
                        name: person.name,
                      })}
                      onClick={() => toggling.ask(person)}
                    >
                      {t(person.active ? 'admin.deactivate' : 'admin.reactivate')}
                    </button>
                  )}
                </RowActions>
              </li>
            ))}
          </ul>
        </section>
        <InviteForm
          communities={communities}
          partners={partners}
          onInvited={(invitation) => {
            lists.set({ ...data, invitations: [invitation, ...invitations] });
            setStatus(t('admin.invited', { email: invitation.email }));
          }}
          onMaybeInvited={lists.reload}
        />
      </div>
      <section className="card" aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t('admin.invitationsTitle')}</h2>
        {invitations.length === 0 && <p className="empty">{t('admin.noInvitations')}</p>}
        <ul className="admin-list">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="admin-row">
              <div className="admin-row-main">
                <strong className="admin-email">{invitation.email}</strong>
                <span className="small">
                  {t(`roles.${invitation.role}`)}
                  <span className={`admin-badge admin-status-${invitation.status}`}>
                    {t(`invitationStatus.${invitation.status}`)}
                  </span>
                </span>
                <span className="muted small">
                  {t('admin.invitedBy', {
                    name: invitation.invitedByName,
                    date: formatDate(invitation.createdAt, i18n.language),
                  })}
                  {invitation.status === 'pending' &&
                    ` · ${t('admin.expiresOn', { date: formatDate(invitation.expiresAt, i18n.language) })}`}
                </span>
              </div>
              {invitation.status === 'pending' && (
                <div className="admin-row-actions">
                  <button
                    type="button"
                    className="button button-quiet button-small danger"
                    aria-label={t('admin.revokeNamed', { email: invitation.email })}
                    onClick={() => revoking.ask(invitation)}
                  >
                    {t('admin.revoke')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} labelledBy="person-dialog-title">
        {editing && (
          <PersonForm
            key={editing.id}
            person={editing}
            self={editing.id === selfId}
            communities={communities}
            partners={partners}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setStatus(t('admin.personSaved', { name: saved.name }));
              // Community members changed too: the communities tab reads them again when opened.
              lists.set({ ...data, people: people.map((p) => (p.id === saved.id ? saved : p)) });
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        {...toggling.dialog}
        title={t(toggling.target?.active ? 'admin.deactivateTitle' : 'admin.reactivateTitle', {
          name: toggling.target?.name ?? '',
        })}
        confirmLabel={t(toggling.target?.active ? 'admin.deactivate' : 'admin.reactivate')}
        danger={toggling.target?.active ?? false}
      >
        <p>{t(toggling.target?.active ? 'admin.deactivateBody' : 'admin.reactivateBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        {...revoking.dialog}
        title={t('admin.revokeTitle', { email: revoking.target?.email ?? '' })}
        confirmLabel={t('admin.revoke')}
        danger
      >
        <p>{t('admin.revokeBody')}</p>
      </ConfirmDialog>
    </>
  );
}

/** The role choice, its help as the hint. */
function RoleSelect({
  id,
  value,
  onChange,
  hint,
}: {
  id: string;
  value: AccountRole;
  onChange: (role: AccountRole) => void;
  hint: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={t('admin.role')}
      value={value}
      options={ACCOUNT_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      onChange={onChange}
      hint={hint}
    />
  );
}

/** The communities a person takes part in. */
function CommunityChecks({
  id,
  communities,
  selected,
  onChange,
}: {
  id: string;
  communities: Community[];
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup
      id={id}
      legend={t('admin.communities')}
      options={communities.map((c) => ({ value: c.id, label: c.name }))}
      selected={selected}
      onChange={onChange}
      empty={t('admin.noCommunities')}
    />
  );
}

/** The partner choice, or where to add partners when there is none. */
function PartnerSelect({
  id,
  partners,
  value,
  onChange,
  error,
}: {
  id: string;
  partners: PartnerChoice[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  if (partners.length === 0) {
    return (
      <p className="notice small">
        {t('admin.noPartnersYet')} <Link to={inOrg('/plans')}>{t('admin.partnersLink')}</Link>
      </p>
    );
  }
  return (
    <SelectField
      id={id}
      label={t('admin.partner')}
      value={value}
      placeholder={t('admin.choosePartner')}
      options={partners.map((p) => ({ value: p.id, label: p.name }))}
      onChange={onChange}
      error={error}
    />
  );
}

function PersonForm({
  person,
  self,
  communities,
  partners,
  onCancel,
  onSaved,
}: {
  person: PersonView;
  self: boolean;
  communities: Community[];
  partners: PartnerChoice[];
  onCancel: () => void;
  onSaved: (person: PersonView) => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<AccountRole>(person.role);
  const [communityIds, setCommunityIds] = useState(person.communityIds);
  const [partnerId, setPartnerId] = useState(person.partnerId ?? '');
  const [partnerError, setPartnerError] = useState<string | undefined>();
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (role === 'partner' && partners.length > 0 && !partnerId) {
      setPartnerError(t('admin.choosePartner'));
      document.getElementById('person-partner')?.focus();
      return;
    }
    setPartnerError(undefined);
    setBusy(true);
    try {
      onSaved(
        await adminApi.updatePerson(person.id, {
          role,
          communityIds,
          partnerId: role === 'partner' && partnerId ? partnerId : null,
          active: person.active,
        }),
      );
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <form className="dialog-body" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2 id="person-dialog-title">{t('admin.editPerson', { name: person.name })}</h2>
      <p className="muted small admin-email">{person.email}</p>
      <RoleSelect
        id="person-role"
        value={role}
        onChange={setRole}
        hint={self ? t('admin.selfRoleHint') : t(`roleHelp.${role}`)}
      />
      {role === 'partner' && (
        <PartnerSelect
          id="person-partner"
          partners={partners}
          value={partnerId}
          onChange={setPartnerId}
          error={partnerError}
        />
      )}
      <CommunityChecks
        id="person-communities"
        communities={communities}
        selected={communityIds}
        onChange={setCommunityIds}
      />
      <DialogFormActions error={error} busy={busy} onCancel={onCancel} />
    </form>
  );
}

const INVITE_ORDER = ['email', 'partnerId'];

function InviteForm({
  communities,
  partners,
  onInvited,
  onMaybeInvited,
}: {
  communities: Community[];
  partners: PartnerChoice[];
  onInvited: (invitation: InvitationView) => void;
  /** The invitation may exist even though its e-mail failed: read the list again. */
  onMaybeInvited: () => void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AccountRole>('member');
  const [communityIds, setCommunityIds] = useState<string[]>([]);
  const [partnerId, setPartnerId] = useState('');
  const [language, setLanguage] = useState<Language>('fr');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = invitationBody.safeParse({
      email,
      role,
      communityIds,
      partnerId: role === 'partner' && partnerId ? partnerId : null,
      language,
    });
    const next: FieldErrors = parsed.success
      ? {}
      : fieldErrors(parsed.error.issues, { email: t('forms.emailInvalid') });
    if (role === 'partner' && partners.length > 0 && !partnerId) next.partnerId = t('admin.choosePartner');
    if (!parsed.success || next.partnerId) {
      setErrors(next);
      focusFirstError('invite', next, INVITE_ORDER);
      if (!next.email && !next.partnerId) setError('invalid');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onInvited(await adminApi.invite(parsed.data));
      setEmail('');
      setCommunityIds([]);
      setPartnerId('');
    } catch (err) {
      const code = errorCodeOf(err);
      setError(code);
      if (code === 'mail_failed') onMaybeInvited();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('admin.inviteTitle')}</h2>
      <p className="muted">{t('admin.inviteIntro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <EmailField id="invite-email" value={email} onChange={setEmail} error={errors.email} />
        <RoleSelect id="invite-role" value={role} onChange={setRole} hint={t(`roleHelp.${role}`)} />
        {role === 'partner' && (
          <PartnerSelect
            id="invite-partnerId"
            partners={partners}
            value={partnerId}
            onChange={setPartnerId}
            error={errors.partnerId}
          />
        )}
        <CommunityChecks
          id="invite-communities"
          communities={communities}
          selected={communityIds}
          onChange={setCommunityIds}
        />
        <LanguageField
          id="invite-language"
          label={t('admin.mailLanguage')}
          value={language}
          onChange={setLanguage}
        />
        <SubmitFooter error={error} busy={busy} label={t('admin.invite')} busyLabel={t('admin.inviting')} />
      </form>
    </section>
  );
}
