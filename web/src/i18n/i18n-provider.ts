import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import { enBaseMessages, type DomainMessages } from './en.messages';
import { DEFAULT_LOCALE, LOCALES } from './locales';
import { withPortalMessages } from '../portal/portal-i18n';
import { withAccountMessages } from '../account/account-i18n';
import { withListsMessages } from '../lists/lists-i18n';
import { withRecordsMessages } from '../records/records-i18n';
import { withRecordsOutMessages } from '../records-out/records-out-i18n';
import { withNotificationMessages } from '../notifications/notifications-i18n';
import { withCalendarMessages } from '../calendar/calendar-i18n';
import { withMeasuresMessages } from '../measures/measures-i18n';
import { withApiTokenMessages } from '../api-tokens/api-tokens-i18n';

let enDomainMessages: DomainMessages | null = null;

/** English ships with the app (the domain's words join after sign-in); Chinese loads when picked. */
function messagesFor(locale: string): TranslationMessages | Promise<TranslationMessages> {
  if (locale === 'zh') return import('./zh.messages').then((m) => m.zhMessages);
  if (!enDomainMessages) return enBaseMessages;
  return { ...enBaseMessages, attune: { ...(enBaseMessages['attune'] as object), ...enDomainMessages } };
}

export const i18nProvider = polyglotI18nProvider(withRecordsOutMessages(withApiTokenMessages(withMeasuresMessages(withCalendarMessages(withNotificationMessages(withRecordsMessages(withListsMessages(withAccountMessages(withPortalMessages(messagesFor))))))))), DEFAULT_LOCALE, [...LOCALES], { allowMissing: true });

/**
 * Adds the English words that come from the domain package (stage, exercise and note-section
 * names). The signed-in app calls it before it renders, so the sign-in page stays free of the
 * domain package.
 */
export async function addDomainMessages(messages: DomainMessages): Promise<void> {
  enDomainMessages = messages;
  await i18nProvider.changeLocale(i18nProvider.getLocale());
}
