import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocaleState } from 'react-admin';
import { localeOfSettingsLanguage, settingsLanguageOf } from '../i18n/browser-language';
import { notificationsApi, type NotificationSettings } from '../notifications/notifications-api';

export const SETTINGS_QUERY_KEY = ['me', 'notification-settings'] as const;

/**
 * Signed in, the language of the person's saved settings wins over this browser's; a language they
 * pick in the app is saved to their settings (so their e-mails and their next sign-in follow it).
 */
export const SettingsLanguage = () => {
  const [locale, setLocale] = useLocaleState();
  const queryClient = useQueryClient();
  const { data } = useQuery({ queryKey: SETTINGS_QUERY_KEY, queryFn: () => notificationsApi.settings(), retry: false });
  /** The language the app and the settings last agreed on; null until the settings are read. */
  const agreed = useRef<string | null>(null);

  useEffect(() => {
    if (!data) return;
    const wanted = localeOfSettingsLanguage(data.language);
    if (agreed.current === null && !data.saved) {
      agreed.current = locale;
      return;
    }
    if (data.saved && wanted !== agreed.current) {
      agreed.current = wanted;
      if (wanted !== locale) setLocale(wanted);
    }
    // only a change of the settings moves the app's language here
  }, [data]);

  useEffect(() => {
    if (!data || agreed.current === null || locale === agreed.current) return;
    agreed.current = locale;
    const next: NotificationSettings = { ...data, language: settingsLanguageOf(locale) };
    notificationsApi.saveSettings(next).then((saved) => queryClient.setQueryData(SETTINGS_QUERY_KEY, saved), () => undefined);
    // the settings follow a language picked in the app
  }, [locale]);

  return null;
};
