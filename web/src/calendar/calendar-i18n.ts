import type { TranslationMessages } from 'react-admin';
import { calendarEnMessages } from './calendar.messages';

type MessagesFor = (locale: string) => TranslationMessages | Promise<TranslationMessages>;

/** Adds the calendar's words (the `calendar` key): English with the app, Chinese loaded with the app's Chinese. */
export function withCalendarMessages(messagesFor: MessagesFor): MessagesFor {
  return (locale) => {
    const base = messagesFor(locale);
    if (locale === 'zh') {
      return Promise.all([base, import('./calendar.zh.messages')]).then(([messages, calendar]) => ({ ...messages, ...calendar.calendarZhMessages }));
    }
    return base instanceof Promise
      ? base.then((messages) => ({ ...messages, ...calendarEnMessages }))
      : ({ ...base, ...calendarEnMessages } as TranslationMessages);
  };
}
