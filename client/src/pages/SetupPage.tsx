import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS, PASSWORD_MIN_LENGTH, setupBody } from '@cocon/shared';
import { adminApi } from '../admin/api';
import {
  Field,
  fieldErrors,
  fieldId,
  focusFirstError,
  hasErrors,
  serverFieldErrors,
  type FieldErrors,
} from '../admin/forms';
import { slugFromName } from '../admin/slug';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import '../admin/admin.css';

const ORDER = [
  'organization.name',
  'organization.region',
  'organization.slug',
  'admin.name',
  'admin.email',
  'admin.password',
];
const PREFIX = 'setup';

/** First run: the regional body and its first admin, in one form; the admin is then signed in. */
export function SetupPage() {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [needed, setNeeded] = useState<boolean | null>(null);
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [adminName, setAdminName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    adminApi
      .setupStatus()
      .then((status) => alive && setNeeded(status.needed))
      .catch(() => alive && setNeeded(true)); // the form reports a real problem on submit
    return () => {
      alive = false;
    };
  }, []);

  const messages: Record<string, string> = {
    'organization.name': t('forms.required'),
    'organization.region': t('forms.tooLong'),
    'organization.slug': t('forms.slugInvalid'),
    'admin.name': t('forms.required'),
    'admin.email': t('forms.emailInvalid'),
    'admin.password': t('forms.passwordShort', { min: PASSWORD_MIN_LENGTH }),
  };

  const onName = (value: string) => {
    setName(value);
    if (!slugEdited) setSlug(slugFromName(value));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const body = {
      organization: { name, region, slug },
      admin: { name: adminName, email, password },
    };
    const parsed = setupBody.safeParse(body);
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
      adopt(await adminApi.setup(parsed.data));
      void navigate('/admin');
    } catch (err) {
      const code = errorCodeOf(err);
      const next: FieldErrors =
        code === 'slug_taken'
          ? { 'organization.slug': t('errors.slug_taken') }
          : code === 'weak_password'
            ? { 'admin.password': t('errors.weak_password') }
            : serverFieldErrors(err, messages);
      setErrors(next);
      if (hasErrors(next)) focusFirstError(PREFIX, next, ORDER);
      else setError(code);
      setBusy(false);
    }
  };

  if (needed === null) return <p className="page">{t('app.loading')}</p>;
  if (!needed) {
    return (
      <div className="page narrow">
        <h1>{t('setup.title')}</h1>
        <p className="notice">{t('errors.already_set_up')}</p>
        <p>
          <Link to="/">{t('app.backHome')}</Link>
        </p>
      </div>
    );
  }

  const id = (path: string) => fieldId(PREFIX, path);
  return (
    <div className="page narrow">
      <h1>{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset>
          <legend className="admin-legend">{t('setup.organization')}</legend>
          <Field
            id={id('organization.name')}
            label={t('setup.orgName')}
            value={name}
            onChange={onName}
            hint={t('setup.orgNameHint')}
            error={errors['organization.name']}
            maxLength={LIMITS.titleMax}
            required
          />
          <Field
            id={id('organization.region')}
            label={t('setup.region')}
            value={region}
            onChange={setRegion}
            hint={t('setup.regionHint')}
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
        </fieldset>
        <fieldset>
          <legend className="admin-legend">{t('setup.admin')}</legend>
          <p className="hint admin-legend-hint">{t('setup.adminHint')}</p>
          <Field
            id={id('admin.name')}
            label={t('account.name')}
            value={adminName}
            onChange={setAdminName}
            error={errors['admin.name']}
            autoComplete="name"
            maxLength={LIMITS.displayNameMax}
            required
          />
          <Field
            id={id('admin.email')}
            label={t('account.email')}
            type="email"
            value={email}
            onChange={setEmail}
            error={errors['admin.email']}
            autoComplete="email"
            spellCheck={false}
            required
          />
          <Field
            id={id('admin.password')}
            label={t('account.password')}
            type="password"
            value={password}
            onChange={setPassword}
            hint={t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}
            error={errors['admin.password']}
            autoComplete="new-password"
            required
          />
        </fieldset>
        <ErrorMessage code={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('setup.creating') : t('setup.create')}
        </button>
      </form>
    </div>
  );
}
