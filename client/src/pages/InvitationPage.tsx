import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, acceptInvitationBody, type InvitationPreview } from '@cocon/shared';
import { adminApi } from '../admin/api';
import { NameField, NewPasswordField } from '../admin/accountFields';
import { Field } from '../admin/forms';
import { SubmitFooter } from '../admin/FormActions';
import { useFormSubmit } from '../admin/useFormSubmit';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { orgPath } from '../org/orgPath';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { formatDate } from '../admin/format';
import '../admin/admin.css';

const PREFIX = 'invite';

/** `/invitation/:token`: what the link offers, then the person accepts (and is signed in). */
export function InvitationPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const { adopt, user } = useSession();
  const navigate = useNavigate();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [loadError, setLoadError] = useState<ClientErrorCode | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmit({
    prefix: PREFIX,
    order: ['name', 'password'],
    messages: {
      name: t('forms.required'),
      password: t('forms.passwordShort', { min: PASSWORD_MIN_LENGTH }),
    },
    refusals: {
      weak_password: { password: t('errors.weak_password') },
      bad_credentials: { password: t('invitation.wrongPassword') },
    },
    leavesPage: true,
  });

  useEffect(() => {
    let alive = true;
    adminApi
      .invitationPreview(token)
      .then((next) => {
        if (alive) setPreview(next);
      })
      .catch((err: unknown) => {
        if (alive) setLoadError(errorCodeOf(err));
      });
    return () => {
      alive = false;
    };
  }, [token]);

  if (loadError) {
    const gone = loadError === 'link_expired' || loadError === 'not_found' || loadError === 'invalid';
    return (
      <div className="page narrow">
        <h1>{t('invitation.title')}</h1>
        {gone ? <p className="notice">{t('invitation.gone')}</p> : <ErrorMessage code={loadError} />}
        <p>
          <Link to="/">{t('app.backHome')}</Link>
        </p>
      </div>
    );
  }
  if (!preview) return <p className="page">{t('app.loading')}</p>;

  // An existing account is added to only by its owner: signed in as them, or with its password.
  const signedInAsInvitee = user?.kind === 'account' && user.email === preview.email;
  const body = !preview.hasAccount
    ? { token, name, password }
    : signedInAsInvitee
      ? { token }
      : { token, password };
  const onSubmit = (event: FormEvent) =>
    form.submit(event, acceptInvitationBody.safeParse(body), async (data) => {
      const session = await adminApi.acceptInvitation(data);
      adopt(session);
      void navigate(orgPath(session.user?.organization?.slug, '/forums'));
    });

  return (
    <div className="page narrow">
      <h1>{t('invitation.title')}</h1>
      <div className="card">
        <p>{t('invitation.intro', { organization: preview.organizationName })}</p>
        <dl className="admin-facts">
          <dt>{t('invitation.organization')}</dt>
          <dd>{preview.organizationName}</dd>
          <dt>{t('invitation.role')}</dt>
          <dd>
            {t(`roles.${preview.role}`)}
            <span className="hint admin-fact-hint">{t(`roleHelp.${preview.role}`)}</span>
          </dd>
          <dt>{t('account.email')}</dt>
          <dd>{preview.email}</dd>
          <dt>{t('invitation.expires')}</dt>
          <dd>{formatDate(preview.expiresAt, i18n.language)}</dd>
        </dl>
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          {preview.hasAccount && signedInAsInvitee && <p className="muted">{t('invitation.hasAccount')}</p>}
          {preview.hasAccount && !signedInAsInvitee && (
            <>
              <p className="muted">{t('invitation.hasAccountPassword')}</p>
              <Field
                id={`${PREFIX}-password`}
                label={t('invitation.accountPassword')}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={setPassword}
                error={form.errors.password}
              />
            </>
          )}
          {!preview.hasAccount && (
            <>
              <p className="muted">{t('invitation.newAccount')}</p>
              <NameField id={`${PREFIX}-name`} value={name} onChange={setName} error={form.errors.name} />
              <NewPasswordField
                id={`${PREFIX}-password`}
                value={password}
                onChange={setPassword}
                error={form.errors.password}
              />
            </>
          )}
          <SubmitFooter
            error={form.error}
            busy={form.busy}
            label={t('invitation.accept')}
            busyLabel={t('invitation.accepting')}
          />
        </form>
      </div>
    </div>
  );
}
