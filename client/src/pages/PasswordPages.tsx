import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { forgotPasswordBody, resetPasswordBody, PASSWORD_MIN_LENGTH } from '@cocon/shared';
import { adminApi } from '../admin/api';
import { EmailField, NewPasswordField } from '../admin/accountFields';
import { SubmitFooter } from '../admin/FormActions';
import { Field } from '../admin/forms';
import { useFormSubmit } from '../admin/useFormSubmit';
import type { ClientErrorCode } from '../api/http';
import { errorCodeOf } from '../components/ErrorMessage';
import '../admin/admin.css';

/** `/forgot`: asks for the e-mail; the answer never says whether an account exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const form = useFormSubmit({
    prefix: 'forgot',
    order: ['email'],
    messages: { email: t('forms.emailInvalid') },
  });

  const onSubmit = (event: FormEvent) =>
    form.submit(event, forgotPasswordBody.safeParse({ email }), async (data) => {
      await adminApi.forgotPassword(data.email);
      setSent(true);
    });

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
            <EmailField
              id="forgot-email"
              value={email}
              onChange={setEmail}
              error={form.errors.email}
              autoComplete="email"
            />
            <SubmitFooter
              error={form.error}
              busy={form.busy}
              label={t('password.send')}
              busyLabel={t('password.sending')}
            />
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
            <NewPasswordField
              id="reset-password"
              label={t('password.new')}
              value={password}
              onChange={setPassword}
              error={errors.password}
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
            <SubmitFooter
              error={error}
              busy={busy}
              label={t('password.save')}
              busyLabel={t('password.saving')}
            />
          </form>
        )}
      </div>
    </div>
  );
}
