import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fr, type Messages } from './fr';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * French is in the first script; English is a chunk of its own, fetched when someone chooses it
 * (a guest's phone on a venue's network downloads one dictionary, not two).
 */
async function loadDictionary(lang: Language): Promise<void> {
  if (lang === 'fr' || i18next.hasResourceBundle(lang, 'translation')) return;
  const { en } = await import('./en');
  i18next.addResourceBundle('en', 'translation', en);
}

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
  void loadDictionary(lang).then(() => i18next.changeLanguage(lang));
}

/** Ready to render: French at once, English once its dictionary has arrived. */
export async function initI18n(): Promise<typeof i18next> {
  const lng = initialLanguage(typeof localStorage === 'undefined' ? undefined : localStorage);
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr } },
    partialBundledLanguages: true,
    lng: 'fr',
    fallbackLng: 'fr',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  const syncHtmlLang = (language: string) => {
    document.documentElement.lang = language;
  };
  i18next.on('languageChanged', syncHtmlLang);
  syncHtmlLang('fr');
  if (lng !== 'fr') {
    // Offline with an English choice and no cached chunk: the page stays in French.
    await loadDictionary(lng)
      .then(() => i18next.changeLanguage(lng))
      .catch(() => undefined);
  }
  return i18next;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
