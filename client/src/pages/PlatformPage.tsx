import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createOrganizationBody, type Language, type OrganizationSettings } from '@cocon/shared';
import { adminApi } from '../admin/api';
import { EmailField, LanguageField } from '../admin/accountFields';
import { SubmitFooter } from '../admin/FormActions';
import { fieldId } from '../admin/forms';
import {
  EMPTY_ORGANIZATION,
  ORGANIZATION_ORDER,
  OrganizationFields,
  organizationMessages,
  organizationOf,
} from '../admin/OrganizationFields';
import { useFormSubmit } from '../admin/useFormSubmit';
import { AccountsOnly } from '../components/AccountsOnly';
import { ErrorMessage } from '../components/ErrorMessage';
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
const ORDER = [...ORGANIZATION_ORDER, 'adminEmail', 'language'];

function CreateOrganizationForm({ onCreated }: { onCreated: (org: OrganizationSettings) => void }) {
  const { t } = useTranslation();
  const [organization, setOrganization] = useState(EMPTY_ORGANIZATION);
  const [adminEmail, setAdminEmail] = useState('');
  const [language, setLanguage] = useState<Language>('fr');
  const form = useFormSubmit({
    prefix: PREFIX,
    order: ORDER,
    messages: { ...organizationMessages(t), adminEmail: t('forms.emailInvalid') },
    refusals: { slug_taken: { 'organization.slug': t('errors.slug_taken') } },
  });

  const onSubmit = (event: FormEvent) =>
    form.submit(
      event,
      createOrganizationBody.safeParse({
        organization: organizationOf(organization),
        adminEmail,
        language,
      }),
      async (data) => {
        const org = await adminApi.createOrganization(data);
        onCreated(org);
        form.setStatus(t('platform.created', { name: org.name, email: data.adminEmail }));
        setOrganization(EMPTY_ORGANIZATION);
        setAdminEmail('');
      },
    );

  const id = (path: string) => fieldId(PREFIX, path);
  return (
    <section className="card" aria-labelledby="platform-create-title">
      <h2 id="platform-create-title">{t('platform.create')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <OrganizationFields
          prefix={PREFIX}
          value={organization}
          onChange={setOrganization}
          errors={form.errors}
        />
        <EmailField
          id={id('adminEmail')}
          label={t('platform.adminEmail')}
          value={adminEmail}
          onChange={setAdminEmail}
          hint={t('platform.adminEmailHint')}
          error={form.errors.adminEmail}
        />
        <LanguageField
          id={id('language')}
          label={t('admin.mailLanguage')}
          value={language}
          onChange={setLanguage}
        />
        <SubmitFooter
          error={form.error}
          status={form.status}
          busy={form.busy}
          label={t('platform.createButton')}
          busyLabel={t('platform.creating')}
        />
      </form>
    </section>
  );
}
