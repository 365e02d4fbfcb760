import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, forgotPasswordBody, resetPasswordBody } from '@cocon/shared';
import { adminApi } from '../admin/api';
import { Field } from '../admin/forms';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import '../admin/admin.css';

/** `/forgot`: asks for the e-mail; the answer never says whether an account exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = forgotPasswordBody.safeParse({ email });
    if (!parsed.success) {
      setFieldError(t('forms.emailInvalid'));
      document.getElementById('forgot-email')?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      await adminApi.forgotPassword(parsed.data.email);
      setSent(true);
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1>{t('password.forgotTitle')}</h1>
      <div className="card">
        {sent ? (
          <p className="notice" role="status">
            {t('password.forgotSent', { email: email.trim() })}
          </p>
        ) : (
          <form onSubmit={(e) => void onSubmit(e)} noValidate>
            <p className="muted">{t('password.forgotIntro')}</p>
            <Field
              id="forgot-email"
              label={t('account.email')}
              type="email"
              value={email}
              onChange={setEmail}
              error={fieldError}
              autoComplete="email"
              spellCheck={false}
              required
            />
            <ErrorMessage code={error} />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('password.sending') : t('password.send')}
            </button>
          </form>
        )}
        <p>
          <Link to="/">{t('password.backToLogin')}</Link>
        </p>
      </div>
    </div>
  );
}

/** `/reset/:token`: a new password from the link sent by e-mail. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = resetPasswordBody.safeParse({ token, password });
    const next = {
      password: parsed.success ? undefined : t('forms.passwordShort', { min: PASSWORD_MIN_LENGTH }),
      confirm: password === confirm ? undefined : t('password.mismatch'),
    };
    setErrors(next);
    if (next.password || next.confirm) {
      document.getElementById(next.password ? 'reset-password' : 'reset-confirm')?.focus();
      return;
    }
    setBusy(true);
    try {
      await adminApi.resetPassword(token, password);
      setDone(true);
    } catch (err) {
      const code = errorCodeOf(err);
      if (code === 'weak_password') {
        setErrors({ password: t('errors.weak_password') });
        document.getElementById('reset-password')?.focus();
      } else setError(code);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1>{t('password.resetTitle')}</h1>
      <div className="card">
        {done ? (
          <p className="notice" role="status">
            {t('password.resetDone')} <Link to="/">{t('password.backToLogin')}</Link>
          </p>
        ) : error === 'link_expired' || error === 'invalid' || error === 'not_found' ? (
          <p className="notice" role="alert">
            {t('password.resetGone')} <Link to="/forgot">{t('password.askAgain')}</Link>
          </p>
        ) : (
          <form onSubmit={(e) => void onSubmit(e)} noValidate>
            <Field
              id="reset-password"
              label={t('password.new')}
              type="password"
              value={password}
              onChange={setPassword}
              hint={t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}
              error={errors.password}
              autoComplete="new-password"
              required
            />
            <Field
              id="reset-confirm"
              label={t('password.confirm')}
              type="password"
              value={confirm}
              onChange={setConfirm}
              error={errors.confirm}
              autoComplete="new-password"
              required
            />
            <ErrorMessage code={error} />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('password.saving') : t('password.save')}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
