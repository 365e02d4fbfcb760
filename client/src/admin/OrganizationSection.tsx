import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS, updateOrganizationBody, type OrganizationSettings } from '@cocon/shared';
import { api } from '../api/endpoints';
import { useSession } from '../api/session';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import { adminApi } from './api';
import { SubmitFooter } from './FormActions';
import { Field } from './forms';
import { useFormSubmit } from './useFormSubmit';
import { useOrgPath } from '../org/useOrgPath';

/** Name and region of the body; where partners are managed. */
export function OrganizationSection() {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const org = useFetched(adminApi.organization, 'organization');
  return (
    <>
      <ErrorMessage code={org.data ? null : org.error} />
      {org.data ? (
        <OrganizationForm org={org.data} onSaved={org.set} />
      ) : (
        !org.error && <p>{t('app.loading')}</p>
      )}
      <section className="card" aria-labelledby="admin-partners-title">
        <h2 id="admin-partners-title">{t('admin.partnersTitle')}</h2>
        <p className="muted">{t('admin.partnersIntro')}</p>
        <Link to={inOrg('/plans')}>{t('admin.partnersLink')}</Link>
      </section>
    </>
  );
}

function OrganizationForm({
  org,
  onSaved,
}: {
  org: OrganizationSettings;
  onSaved: (o: OrganizationSettings) => void;
}) {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const [name, setName] = useState(org.name);
  const [region, setRegion] = useState(org.region);
  const form = useFormSubmit({
    prefix: 'org',
    order: ['name', 'region'],
    messages: { name: t('forms.required'), region: t('forms.tooLong') },
  });

  const onSubmit = (event: FormEvent) =>
    form.submit(event, updateOrganizationBody.safeParse({ name, region }), async (data) => {
      onSaved(await adminApi.updateOrganization(data));
      form.setStatus(t('admin.saved'));
      // The header shows the organisation's name from the session.
      adopt(await api.session());
    });

  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-org-title">
      <h2 id="admin-org-title">{t('admin.tab_organization')}</h2>
      <Field
        id="org-name"
        label={t('setup.orgName')}
        value={name}
        onChange={setName}
        error={form.errors.name}
        maxLength={LIMITS.titleMax}
        required
      />
      <Field
        id="org-region"
        label={t('setup.region')}
        value={region}
        onChange={setRegion}
        hint={t('setup.regionHint')}
        error={form.errors.region}
        maxLength={LIMITS.titleMax}
      />
      <p className="muted small">{t('admin.address', { url: `${window.location.host}/o/${org.slug}` })}</p>
      <SubmitFooter
        error={form.error}
        status={form.status}
        busy={form.busy}
        label={t('admin.save')}
        busyLabel={t('admin.saving')}
      />
    </form>
  );
}
