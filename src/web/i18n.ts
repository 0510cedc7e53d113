import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ru from './locales/ru.json';

type Messages = Record<string, unknown>;

/**
 * Each screen area keeps its own messages in `features/<area>/locales/{ru,en}.json`, read as
 * `t('<area>.key')`: areas are written side by side without touching one shared file.
 */
const featureMessages = import.meta.glob<Messages>('./features/*/locales/*.json', { eager: true, import: 'default' });

function withFeatures(base: Messages, language: string): Messages {
  const merged: Messages = { ...base };
  for (const [file, messages] of Object.entries(featureMessages)) {
    const match = /features\/([^/]+)\/locales\/([a-z]+)\.json$/.exec(file);
    if (match?.[2] === language) merged[match[1]!] = { ...(base[match[1]!] as Messages | undefined), ...messages };
  }
  return merged;
}

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'klassny.language';

function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: withFeatures(ru, 'ru') }, en: { translation: withFeatures(en, 'en') } },
  lng: savedLanguage(),
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function setLanguage(language: Language) {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export default i18n;
