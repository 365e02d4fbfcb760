import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, setupBody } from '@cocon/shared';
import { adminApi } from '../admin/api';
import { EmailField, NameField, NewPasswordField } from '../admin/accountFields';
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
import { useSession } from '../api/session';
import { orgPath } from '../org/orgPath';
import '../admin/admin.css';

const ORDER = [...ORGANIZATION_ORDER, 'admin.name', 'admin.email', 'admin.password'];
const PREFIX = 'setup';

/** First run: the regional body and its first admin, in one form; the admin is then signed in. */
export function SetupPage() {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [needed, setNeeded] = useState<boolean | null>(null);
  const [organization, setOrganization] = useState(EMPTY_ORGANIZATION);
  const [adminName, setAdminName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmit({
    prefix: PREFIX,
    order: ORDER,
    messages: {
      ...organizationMessages(t),
      'admin.name': t('forms.required'),
      'admin.email': t('forms.emailInvalid'),
      'admin.password': t('forms.passwordShort', { min: PASSWORD_MIN_LENGTH }),
    },
    refusals: {
      slug_taken: { 'organization.slug': t('errors.slug_taken') },
      weak_password: { 'admin.password': t('errors.weak_password') },
    },
    leavesPage: true,
  });

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

  const onSubmit = (event: FormEvent) =>
    form.submit(
      event,
      setupBody.safeParse({
        organization: organizationOf(organization),
        admin: { name: adminName, email, password },
      }),
      async (data) => {
        const session = await adminApi.setup(data);
        adopt(session);
        void navigate(orgPath(session.user?.organization?.slug, '/admin'));
      },
    );

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
          <OrganizationFields
            prefix={PREFIX}
            value={organization}
            onChange={setOrganization}
            errors={form.errors}
            hints
          />
        </fieldset>
        <fieldset>
          <legend className="admin-legend">{t('setup.admin')}</legend>
          <p className="hint admin-legend-hint">{t('setup.adminHint')}</p>
          <NameField
            id={id('admin.name')}
            value={adminName}
            onChange={setAdminName}
            error={form.errors['admin.name']}
          />
          <EmailField
            id={id('admin.email')}
            value={email}
            onChange={setEmail}
            error={form.errors['admin.email']}
            autoComplete="email"
          />
          <NewPasswordField
            id={id('admin.password')}
            value={password}
            onChange={setPassword}
            error={form.errors['admin.password']}
          />
        </fieldset>
        <SubmitFooter
          error={form.error}
          busy={form.busy}
          label={t('setup.create')}
          busyLabel={t('setup.creating')}
        />
      </form>
    </div>
  );
}
