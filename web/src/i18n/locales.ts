export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'zh', name: '简体中文' },
] as const;

export type AttuneLocale = (typeof LOCALES)[number]['locale'];

export const DEFAULT_LOCALE: AttuneLocale = 'en';

/** BCP 47 tag for `<html lang>` and for Intl's date and number formats. */
export function htmlLangFor(locale: string): string {
  return locale === 'zh' ? 'zh-CN' : 'en';
}
