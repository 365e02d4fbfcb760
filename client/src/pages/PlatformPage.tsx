import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LANGUAGES,
  LIMITS,
  createOrganizationBody,
  type Language,
  type OrganizationSettings,
} from '@cocon/shared';
import { adminApi } from '../admin/api';
import {
  Field,
  SelectField,
  fieldErrors,
  fieldId,
  focusFirstError,
  hasErrors,
  serverFieldErrors,
  type FieldErrors,
} from '../admin/forms';
import { slugFromName } from '../admin/slug';
import type { ClientErrorCode } from '../api/http';
import { AccountsOnly } from '../components/AccountsOnly';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import '../admin/admin.css';

/** `/platform`: platform operators see every regional body and create new ones. */
export function PlatformPage() {
  const { t } = useTranslation();
  return (
    <AccountsOnly>
      {(user) =>
        user.platformOperator ? (
          <PlatformContent />
        ) : (
          <div className="page narrow">
            <h1>{t('platform.title')}</h1>
            <p className="notice">{t('platform.operatorsOnly')}</p>
          </div>
        )
      }
    </AccountsOnly>
  );
}

function PlatformContent() {
  const { t } = useTranslation();
  const all = useFetched(adminApi.allOrganizations, 'all');
  const onCreated = (org: OrganizationSettings) => all.set([org, ...(all.data ?? [])]);
  return (
    <div className="page">
      <h1>{t('platform.title')}</h1>
      <p className="muted">{t('platform.intro')}</p>
      <div className="admin-columns">
        <section className="card" aria-labelledby="platform-list-title">
          <h2 id="platform-list-title">{t('platform.list')}</h2>
          <ErrorMessage code={all.error} />
          {all.data === null && !all.error && <p className="muted">{t('app.loading')}</p>}
          {all.data?.length === 0 && <p className="empty">{t('platform.none')}</p>}
          <ul className="admin-list">
            {all.data?.map((org) => (
              <li key={org.id} className="admin-row">
                <div className="admin-row-main">
                  <strong>{org.name}</strong>
                  <span className="muted small">
                    {[org.region, `/o/${org.slug}`].filter(Boolean).join(' · ')}
                  </span>
                  <span className="muted small">{t('platform.themes', { count: org.themes.length })}</span>
                </div>
              </li>
            ))}
          </ul>
        </section>
        <CreateOrganizationForm onCreated={onCreated} />
      </div>
    </div>
  );
}

const PREFIX = 'new-org';
const ORDER = ['organization.name', 'organization.region', 'organization.slug', 'adminEmail', 'language'];

function CreateOrganizationForm({ onCreated }: { onCreated: (org: OrganizationSettings) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [adminEmail, setAdminEmail] = useState('');
  const [language, setLanguage] = useState<Language>('fr');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const messages: Record<string, string> = {
    'organization.name': t('forms.required'),
    'organization.region': t('forms.tooLong'),
    'organization.slug': t('forms.slugInvalid'),
    adminEmail: t('forms.emailInvalid'),
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    const parsed = createOrganizationBody.safeParse({
      organization: { name, region, slug },
      adminEmail,
      language,
    });
    if (!parsed.success) {
      const next = fieldErrors(parsed.error.issues, messages);
      setErrors(next);
      focusFirstError(PREFIX, next, ORDER);
      if (!hasErrors(next)) setError('invalid');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const org = await adminApi.createOrganization(parsed.data);
      onCreated(org);
      setStatus(t('platform.created', { name: org.name, email: parsed.data.adminEmail }));
      setName('');
      setRegion('');
      setSlug('');
      setSlugEdited(false);
      setAdminEmail('');
    } catch (err) {
      const code = errorCodeOf(err);
      const next: FieldErrors =
        code === 'slug_taken'
          ? { 'organization.slug': t('errors.slug_taken') }
          : serverFieldErrors(err, messages);
      setErrors(next);
      if (hasErrors(next)) focusFirstError(PREFIX, next, ORDER);
      else setError(code);
    } finally {
      setBusy(false);
    }
  };

  const id = (path: string) => fieldId(PREFIX, path);
  return (
    <section className="card" aria-labelledby="platform-create-title">
      <h2 id="platform-create-title">{t('platform.create')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field
          id={id('organization.name')}
          label={t('setup.orgName')}
          value={name}
          onChange={(value) => {
            setName(value);
            if (!slugEdited) setSlug(slugFromName(value));
          }}
          error={errors['organization.name']}
          maxLength={LIMITS.titleMax}
          required
        />
        <Field
          id={id('organization.region')}
          label={t('setup.region')}
          value={region}
          onChange={setRegion}
          error={errors['organization.region']}
          maxLength={LIMITS.titleMax}
        />
        <Field
          id={id('organization.slug')}
          label={t('setup.slug')}
          value={slug}
          onChange={(value) => {
            setSlugEdited(true);
            setSlug(value);
          }}
          hint={t('setup.slugHint', { url: `${window.location.host}/o/${slug || '…'}` })}
          error={errors['organization.slug']}
          spellCheck={false}
          maxLength={48}
          required
        />
        <Field
          id={id('adminEmail')}
          label={t('platform.adminEmail')}
          type="email"
          value={adminEmail}
          onChange={setAdminEmail}
          hint={t('platform.adminEmailHint')}
          error={errors.adminEmail}
          spellCheck={false}
          required
        />
        <SelectField
          id={id('language')}
          label={t('admin.mailLanguage')}
          value={language}
          options={LANGUAGES.map((lang) => ({
            value: lang,
            label: t(lang === 'fr' ? 'lang.frName' : 'lang.enName'),
          }))}
          onChange={setLanguage}
        />
        <ErrorMessage code={error} />
        <p className="form-status" role="status">
          {status}
        </p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('platform.creating') : t('platform.createButton')}
        </button>
      </form>
    </section>
  );
}
