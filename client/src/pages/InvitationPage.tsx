import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS, PASSWORD_MIN_LENGTH, acceptInvitationBody, type InvitationPreview } from '@cocon/shared';
import { adminApi } from '../admin/api';
import {
  Field,
  fieldErrors,
  focusFirstError,
  hasErrors,
  serverFieldErrors,
  type FieldErrors,
} from '../admin/forms';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { formatDate } from '../admin/format';
import '../admin/admin.css';

const PREFIX = 'invite';

/** `/invitation/:token`: what the link offers, then the person accepts (and is signed in). */
export function InvitationPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [loadError, setLoadError] = useState<ClientErrorCode | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

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

  const messages: Record<string, string> = {
    name: t('forms.required'),
    password: t('forms.passwordShort', { min: PASSWORD_MIN_LENGTH }),
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = acceptInvitationBody.safeParse(preview.hasAccount ? { token } : { token, name, password });
    if (!parsed.success) {
      const next = fieldErrors(parsed.error.issues, messages);
      setErrors(next);
      focusFirstError(PREFIX, next, ['name', 'password']);
      if (!hasErrors(next)) setError('invalid');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      adopt(await adminApi.acceptInvitation(parsed.data));
      void navigate('/forums');
    } catch (err) {
      const code = errorCodeOf(err);
      const next =
        code === 'weak_password' ? { password: t('errors.weak_password') } : serverFieldErrors(err, messages);
      setErrors(next);
      if (hasErrors(next)) focusFirstError(PREFIX, next, ['name', 'password']);
      else setError(code);
      setBusy(false);
    }
  };

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
          {preview.hasAccount ? (
            <p className="muted">{t('invitation.hasAccount')}</p>
          ) : (
            <>
              <p className="muted">{t('invitation.newAccount')}</p>
              <Field
                id={`${PREFIX}-name`}
                label={t('account.name')}
                value={name}
                onChange={setName}
                error={errors.name}
                autoComplete="name"
                maxLength={LIMITS.displayNameMax}
                required
              />
              <Field
                id={`${PREFIX}-password`}
                label={t('account.password')}
                type="password"
                value={password}
                onChange={setPassword}
                hint={t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}
                error={errors.password}
                autoComplete="new-password"
                required
              />
            </>
          )}
          <ErrorMessage code={error} />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('invitation.accepting') : t('invitation.accept')}
          </button>
        </form>
      </div>
    </div>
  );
}
