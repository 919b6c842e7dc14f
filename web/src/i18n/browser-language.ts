import type { AttuneLocale } from './locales';

/** Where react-admin's store keeps the language a person picked (`localStorageStore`, key `locale`). */
export const CHOSEN_LOCALE_KEY = 'RaStore.locale';

/** The app language of the browser's preferred languages: the first English or Chinese one decides; none of them: English. */
export function localeOfBrowser(languages: readonly string[]): AttuneLocale {
  for (const language of languages) {
    const tag = language.toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The language a person picked in this browser before, if any. */
export function chosenLocale(storage: Pick<Storage, 'getItem'> | undefined): string | undefined {
  try {
    const raw = storage?.getItem(CHOSEN_LOCALE_KEY);
    const value: unknown = raw ? JSON.parse(raw) : undefined;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The app language of a settings language (`en`, `zh-CN`). */
export function localeOfSettingsLanguage(language: string): AttuneLocale {
  return language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The settings language (`en`, `zh-CN`) of an app language. */
export function settingsLanguageOf(locale: string): 'en' | 'zh-CN' {
  return locale === 'zh' ? 'zh-CN' : 'en';
}
