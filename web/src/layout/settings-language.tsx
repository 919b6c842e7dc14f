import type { NotificationSettingsDto } from '@attune/domain';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocaleState } from 'react-admin';
import { localeOfSettingsLanguage, settingsLanguageOf } from '../i18n/browser-language';
import { notificationsApi } from '../notifications/notifications-api';

export const SETTINGS_QUERY_KEY = ['me', 'notification-settings'] as const;

/**
 * The language the app and the settings last agreed on (null until the settings are first read),
 * and whether a pick is being saved. Shared by every mount: the layout remounts this component,
 * and a fresh copy reading a stale answer would flip the app back to the old language.
 */
const agreement: { language: string | null; saving: boolean } = { language: null, saving: false };

/**
 * Signed in, the language of the person's saved settings wins over this browser's; a language they
 * pick in the app is saved to their settings (so their e-mails and their next sign-in follow it).
 */
export const SettingsLanguage = () => {
  const [locale, setLocale] = useLocaleState();
  const queryClient = useQueryClient();
  const { data } = useQuery({ queryKey: SETTINGS_QUERY_KEY, queryFn: () => notificationsApi.settings(), retry: false });

  useEffect(() => {
    if (!data || agreement.saving) return;
    if (!data.saved) {
      // never saved: the browser's language stands until one is picked
      agreement.language ??= locale;
      return;
    }
    const wanted = localeOfSettingsLanguage(data.language);
    agreement.language = wanted;
    if (wanted !== locale) setLocale(wanted);
    // only a change of the settings moves the app's language here
  }, [data]);

  useEffect(() => {
    if (!data || agreement.language === null || locale === agreement.language) return;
    agreement.language = locale;
    void saveLanguage(queryClient, data, locale);
    // the settings follow a language picked in the app
  }, [locale]);

  return null;
};

/** Saves a picked language; the cache holds the pick at once, so no read in flight can undo it. */
async function saveLanguage(queryClient: QueryClient, current: NotificationSettingsDto, locale: string): Promise<void> {
  agreement.saving = true;
  try {
    await queryClient.cancelQueries({ queryKey: SETTINGS_QUERY_KEY });
    const next: NotificationSettingsDto = { ...current, language: settingsLanguageOf(locale), saved: true };
    queryClient.setQueryData(SETTINGS_QUERY_KEY, next);
    queryClient.setQueryData(SETTINGS_QUERY_KEY, await notificationsApi.saveSettings(next));
  } catch {
    // not saved: the pick holds in this browser, and the next read of the settings decides
  } finally {
    agreement.saving = false;
  }
}
