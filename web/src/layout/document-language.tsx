import { useEffect } from 'react';
import { useLocaleState } from 'react-admin';
import { htmlLangFor } from '../i18n/locales';

/** Keeps `<html lang>` in step with the chosen language, for screen readers and fonts. */
export const DocumentLanguage = () => {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = htmlLangFor(locale);
  }, [locale]);
  return null;
};
