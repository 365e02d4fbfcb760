import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LIMITS, PASSWORD_MIN_LENGTH, type Language } from '@cocon/shared';
import { Field, SelectField } from './forms';

/** A `Field` whose label has a default. */
type PresetFieldProps = Omit<ComponentProps<typeof Field>, 'label'> & { label?: string };

/** A person's display name. */
export function NameField({ label, ...field }: PresetFieldProps) {
  const { t } = useTranslation();
  return (
    <Field
      label={label ?? t('account.name')}
      autoComplete="name"
      maxLength={LIMITS.displayNameMax}
      required
      {...field}
    />
  );
}

/** An e-mail address (pass `autoComplete="email"` when it is the person's own). */
export function EmailField({ label, ...field }: PresetFieldProps) {
  const { t } = useTranslation();
  return <Field label={label ?? t('account.email')} type="email" spellCheck={false} required {...field} />;
}

/** A password being chosen, with the length rule as its hint. */
export function NewPasswordField({ label, ...field }: PresetFieldProps) {
  const { t } = useTranslation();
  return (
    <Field
      label={label ?? t('account.password')}
      type="password"
      hint={t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}
      autoComplete="new-password"
      required
      {...field}
    />
  );
}

/** The language of the interface or of the e-mails sent. */
export function LanguageField({
  id,
  label,
  hint,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  value: Language;
  onChange: (value: Language) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={label}
      hint={hint}
      value={value}
      options={LANGUAGES.map((lang) => ({
        value: lang,
        label: t(lang === 'fr' ? 'lang.frName' : 'lang.enName'),
      }))}
      onChange={onChange}
    />
  );
}
