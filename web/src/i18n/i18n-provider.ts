import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import { enBaseMessages, type DomainMessages } from './en.messages';
import { DEFAULT_LOCALE, htmlLangFor, LOCALES } from './locales';
import { chosenLocale, localeOfBrowser } from './browser-language';
import { withPortalMessages } from '../portal/portal-i18n';
import { withAccountMessages } from '../account/account-i18n';
import { withListsMessages } from '../lists/lists-i18n';
import { withRecordsMessages } from '../records/records-i18n';
import { withRecordsOutMessages } from '../records-out/records-out-i18n';
import { withNotificationMessages } from '../notifications/notifications-i18n';
import { withCalendarMessages } from '../calendar/calendar-i18n';
import { withMeasuresMessages } from '../measures/measures-i18n';
import { withApiTokenMessages } from '../api-tokens/api-tokens-i18n';
import { apiErrorEnMessages, apiErrorZhMessages } from './api-error.messages';
import { withModuleMessages } from './module-messages';

/** The words for the API's error codes: small, so both languages ship with the app. */
const withApiErrorMessages = withModuleMessages(apiErrorEnMessages, () => Promise.resolve(apiErrorZhMessages));

let enDomainMessages: DomainMessages | null = null;

/** English ships with the app (the domain's words join after sign-in); Chinese loads when picked. */
function messagesFor(locale: string): TranslationMessages | Promise<TranslationMessages> {
  if (locale === 'zh') return import('./zh.messages').then((m) => m.zhMessages);
  if (!enDomainMessages) return enBaseMessages;
  return { ...enBaseMessages, attune: { ...(enBaseMessages['attune'] as object), ...enDomainMessages } };
}

const polyglot = polyglotI18nProvider(withApiErrorMessages(withRecordsOutMessages(withApiTokenMessages(withMeasuresMessages(withCalendarMessages(withNotificationMessages(withRecordsMessages(withListsMessages(withAccountMessages(withPortalMessages(messagesFor)))))))))), DEFAULT_LOCALE, [...LOCALES], { allowMissing: true });

/** The app's translations; each change of language also sets `<html lang>` (the sign-in page's too). */
export const i18nProvider: typeof polyglot = {
  ...polyglot,
  changeLocale: async (locale, options) => {
    await polyglot.changeLocale(locale, options);
    if (typeof document !== 'undefined') document.documentElement.lang = htmlLangFor(locale);
  },
};

/**
 * The first visit follows the browser's language (Chinese for a zh* browser) until the person
 * picks one, which react-admin keeps in its store; resolves once that language's words are loaded.
 */
export async function startInBrowserLanguage(): Promise<void> {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const locale = chosenLocale(storage) ?? localeOfBrowser(typeof navigator === 'undefined' ? [] : (navigator.languages.length > 0 ? navigator.languages : [navigator.language]));
  if (locale !== i18nProvider.getLocale()) await i18nProvider.changeLocale(locale).catch(() => undefined);
  else if (typeof document !== 'undefined') document.documentElement.lang = htmlLangFor(locale);
}

/**
 * Adds the English words that come from the domain package (stage, exercise and note-section
 * names). The signed-in app calls it before it renders, so the sign-in page stays free of the
 * domain package.
 */
export async function addDomainMessages(messages: DomainMessages): Promise<void> {
  enDomainMessages = messages;
  await i18nProvider.changeLocale(i18nProvider.getLocale());
}
