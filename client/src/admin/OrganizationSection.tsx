import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS, updateOrganizationBody, type OrganizationSettings } from '@cocon/shared';
import { api } from '../api/endpoints';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import { adminApi } from './api';
import { Field, fieldErrors, focusFirstError, type FieldErrors } from './forms';

/** Name and region of the body; where partners are managed. */
export function OrganizationSection() {
  const { t } = useTranslation();
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
        <Link to="/plans">{t('admin.partnersLink')}</Link>
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    const parsed = updateOrganizationBody.safeParse({ name, region });
    if (!parsed.success) {
      const next = fieldErrors(parsed.error.issues, {
        name: t('forms.required'),
        region: t('forms.tooLong'),
      });
      setErrors(next);
      focusFirstError('org', next, ['name', 'region']);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onSaved(await adminApi.updateOrganization(parsed.data));
      setStatus(t('admin.saved'));
      // The header shows the organisation's name from the session.
      adopt(await api.session());
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-org-title">
      <h2 id="admin-org-title">{t('admin.tab_organization')}</h2>
      <Field
        id="org-name"
        label={t('setup.orgName')}
        value={name}
        onChange={setName}
        error={errors.name}
        maxLength={LIMITS.titleMax}
        required
      />
      <Field
        id="org-region"
        label={t('setup.region')}
        value={region}
        onChange={setRegion}
        hint={t('setup.regionHint')}
        error={errors.region}
        maxLength={LIMITS.titleMax}
      />
      <p className="muted small">{t('admin.address', { url: `${window.location.host}/o/${org.slug}` })}</p>
      <ErrorMessage code={error} />
      <p className="form-status" role="status">
        {status}
      </p>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('admin.saving') : t('admin.save')}
      </button>
    </form>
  );
}
