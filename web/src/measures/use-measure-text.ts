import { useLocaleState } from 'react-admin';

/** Picks the en or zh-CN text of a libs definition for the app's current language. */
export function useMeasureText(): (text: { en: string; 'zh-CN': string } | undefined) => string {
  const [locale] = useLocaleState();
  return (text) => (text ? (locale === 'zh' ? text['zh-CN'] : text.en) : '');
}
