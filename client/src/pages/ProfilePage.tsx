import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LANGUAGES,
  LIMITS,
  PASSWORD_MIN_LENGTH,
  changePasswordBody,
  profileBody,
  type Language,
  type ProfileView,
} from '@cocon/shared';
import { adminApi } from '../admin/api';
import { Field, SelectField, fieldErrors, focusFirstError, type FieldErrors } from '../admin/forms';
import { api } from '../api/endpoints';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { AccountsOnly } from '../components/AccountsOnly';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import { setLanguage } from '../i18n';
import '../admin/admin.css';

/** `/profile`: name, language of the interface and e-mails, password. */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <AccountsOnly>
      {(user) => (
        <div className="page narrow">
          <h1>{t('profile.title')}</h1>
          <ProfileLoader key={user.id} />
          <PasswordForm />
        </div>
      )}
    </AccountsOnly>
  );
}

function ProfileLoader() {
  const profile = useFetched(adminApi.profile, 'profile');
  if (profile.error && !profile.data) return <ErrorMessage code={profile.error} />;
  if (!profile.data) return null;
  return <ProfileForm profile={profile.data} onSaved={profile.set} />;
}

function ProfileForm({ profile, onSaved }: { profile: ProfileView; onSaved: (p: ProfileView) => void }) {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const [name, setName] = useState(profile.name);
  const [language, setLang] = useState<Language>(profile.language);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    const parsed = profileBody.safeParse({ name, language });
    if (!parsed.success) {
      const next = fieldErrors(parsed.error.issues, { name: t('forms.required') });
      setErrors(next);
      focusFirstError('profile', next, ['name']);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await adminApi.updateProfile(parsed.data);
      onSaved(saved);
      setLanguage(saved.language);
      setStatus(t('profile.saved'));
      // The header shows the name from the session.
      adopt(await api.session());
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="profile-info-title">
      <h2 id="profile-info-title">{t('profile.info')}</h2>
      <p className="muted">{t('profile.emailIs', { email: profile.email })}</p>
      <Field
        id="profile-name"
        label={t('account.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        autoComplete="name"
        maxLength={LIMITS.displayNameMax}
        required
      />
      <SelectField
        id="profile-language"
        label={t('profile.language')}
        hint={t('profile.languageHint')}
        value={language}
        options={LANGUAGES.map((lang) => ({
          value: lang,
          label: t(lang === 'fr' ? 'lang.frName' : 'lang.enName'),
        }))}
        onChange={setLang}
      />
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

function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const order = ['currentPassword', 'newPassword'];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    const parsed = changePasswordBody.safeParse({ currentPassword: current, newPassword: next });
    if (!parsed.success) {
      const found = fieldErrors(parsed.error.issues, {
        currentPassword: t('forms.required'),
        newPassword: t('forms.passwordShort', { min: PASSWORD_MIN_LENGTH }),
      });
      setErrors(found);
      focusFirstError('password', found, order);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await adminApi.changePassword(parsed.data);
      setCurrent('');
      setNext('');
      setStatus(t('profile.passwordChanged'));
    } catch (err) {
      const code = errorCodeOf(err);
      const found: FieldErrors =
        code === 'bad_credentials'
          ? { currentPassword: t('profile.wrongPassword') }
          : code === 'weak_password'
            ? { newPassword: t('errors.weak_password') }
            : {};
      setErrors(found);
      if (found.currentPassword || found.newPassword) focusFirstError('password', found, order);
      else setError(code);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="profile-password-title"
    >
      <h2 id="profile-password-title">{t('profile.passwordTitle')}</h2>
      <Field
        id="password-currentPassword"
        label={t('profile.currentPassword')}
        type="password"
        value={current}
        onChange={setCurrent}
        error={errors.currentPassword}
        autoComplete="current-password"
        required
      />
      <Field
        id="password-newPassword"
        label={t('password.new')}
        type="password"
        value={next}
        onChange={setNext}
        hint={t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}
        error={errors.newPassword}
        autoComplete="new-password"
        required
      />
      <ErrorMessage code={error} />
      <p className="form-status" role="status">
        {status}
      </p>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('password.saving') : t('profile.changePassword')}
      </button>
    </form>
  );
}
