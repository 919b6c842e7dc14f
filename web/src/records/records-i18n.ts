import type { TranslationMessages } from 'react-admin';
import { recordsEnMessages } from './records.messages';

type MessagesFor = (locale: string) => TranslationMessages | Promise<TranslationMessages>;

/** Adds the records-out words (the `records` key): English with the app, Chinese loaded with the app's Chinese. */
export function withRecordsMessages(messagesFor: MessagesFor): MessagesFor {
  return (locale) => {
    const base = messagesFor(locale);
    if (locale === 'zh') {
      return Promise.all([base, import('./records.zh.messages')]).then(([messages, records]) => ({ ...messages, ...records.recordsZhMessages }));
    }
    return base instanceof Promise
      ? base.then((messages) => ({ ...messages, ...recordsEnMessages }))
      : ({ ...base, ...recordsEnMessages } as TranslationMessages);
  };
}
