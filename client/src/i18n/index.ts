import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr, type Messages } from './fr';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const resources = { fr: { translation: fr }, en: { translation: en } } as const;

const STORAGE_KEY = 'cocon.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** French unless the person chose English before (the forum's language is French by default). */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : 'fr';
  } catch {
    return 'fr'; // storage can throw in private modes
  }
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the switch still applies to this page
  }
  void i18next.changeLanguage(lang);
}

export function initI18n(): typeof i18next {
  const lng = initialLanguage(typeof localStorage === 'undefined' ? undefined : localStorage);
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  const syncHtmlLang = (language: string) => {
    document.documentElement.lang = language;
  };
  syncHtmlLang(lng);
  i18next.on('languageChanged', syncHtmlLang);
  return i18next;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
