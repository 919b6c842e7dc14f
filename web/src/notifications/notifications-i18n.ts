import type { TranslationMessages } from 'react-admin';
import { notificationsEnMessages } from './notifications.messages';

type MessagesFor = (locale: string) => TranslationMessages | Promise<TranslationMessages>;

/** Adds the `notifications` words: English with the app, Chinese with the app's Chinese. */
export function withNotificationMessages(messagesFor: MessagesFor): MessagesFor {
  return (locale) => {
    const base = messagesFor(locale);
    if (locale === 'zh') {
      return Promise.all([base, import('./notifications.zh.messages')]).then(([messages, words]) => ({ ...messages, ...words.notificationsZhMessages }));
    }
    return base instanceof Promise
      ? base.then((messages) => ({ ...messages, ...notificationsEnMessages }))
      : ({ ...base, ...notificationsEnMessages } as TranslationMessages);
  };
}
