import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'fr';
  return (
    <div className="lang-switch" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="lang-button"
          aria-pressed={current === lang}
          aria-label={t(lang === 'fr' ? 'lang.frName' : 'lang.enName')}
          onClick={() => setLanguage(lang)}
        >
          {t(lang === 'fr' ? 'lang.fr' : 'lang.en')}
        </button>
      ))}
    </div>
  );
}
