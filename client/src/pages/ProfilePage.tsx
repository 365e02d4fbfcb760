import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PASSWORD_MIN_LENGTH,
  changePasswordBody,
  profileBody,
  type Language,
  type ProfileView,
} from '@cocon/shared';
import { adminApi } from '../admin/api';
import { LanguageField, NameField, NewPasswordField } from '../admin/accountFields';
import { SubmitFooter } from '../admin/FormActions';
import { Field } from '../admin/forms';
import { useFormSubmit } from '../admin/useFormSubmit';
import { api } from '../api/endpoints';
import { useSession } from '../api/session';
import { AccountsOnly } from '../components/AccountsOnly';
import { ErrorMessage } from '../components/ErrorMessage';
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
  const form = useFormSubmit({ prefix: 'profile', order: ['name'], messages: { name: t('forms.required') } });

  const onSubmit = (event: FormEvent) =>
    form.submit(event, profileBody.safeParse({ name, language }), async (data) => {
      const saved = await adminApi.updateProfile(data);
      onSaved(saved);
      setLanguage(saved.language);
      form.setStatus(t('profile.saved'));
      // The header shows the name from the session.
      adopt(await api.session());
    });

  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="profile-info-title">
      <h2 id="profile-info-title">{t('profile.info')}</h2>
      <p className="muted">{t('profile.emailIs', { email: profile.email })}</p>
      <NameField id="profile-name" value={name} onChange={setName} error={form.errors.name} />
      <LanguageField
        id="profile-language"
        label={t('profile.language')}
        hint={t('profile.languageHint')}
        value={language}
        onChange={setLang}
      />
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

function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const form = useFormSubmit({
    prefix: 'password',
    order: ['currentPassword', 'newPassword'],
    messages: {
      currentPassword: t('forms.required'),
      newPassword: t('forms.passwordShort', { min: PASSWORD_MIN_LENGTH }),
    },
    refusals: {
      bad_credentials: { currentPassword: t('profile.wrongPassword') },
      weak_password: { newPassword: t('errors.weak_password') },
    },
  });

  const onSubmit = (event: FormEvent) =>
    form.submit(
      event,
      changePasswordBody.safeParse({ currentPassword: current, newPassword: next }),
      async (data) => {
        await adminApi.changePassword(data);
        setCurrent('');
        setNext('');
        form.setStatus(t('profile.passwordChanged'));
      },
    );

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
        error={form.errors.currentPassword}
        autoComplete="current-password"
        required
      />
      <NewPasswordField
        id="password-newPassword"
        label={t('password.new')}
        value={next}
        onChange={setNext}
        error={form.errors.newPassword}
      />
      <SubmitFooter
        error={form.error}
        status={form.status}
        busy={form.busy}
        label={t('profile.changePassword')}
        busyLabel={t('password.saving')}
      />
    </form>
  );
}
