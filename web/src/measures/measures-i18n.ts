import type { TranslationMessages } from 'react-admin';
import { measuresEnMessages } from './measures.messages';

type MessagesFor = (locale: string) => TranslationMessages | Promise<TranslationMessages>;

/** Adds the measures' words (the `measures` key): English with the app, Chinese loaded with the app's Chinese. */
export function withMeasuresMessages(messagesFor: MessagesFor): MessagesFor {
  return (locale) => {
    const base = messagesFor(locale);
    if (locale === 'zh') {
      return Promise.all([base, import('./measures.zh.messages')]).then(([messages, m]) => ({ ...messages, ...m.measuresZhMessages }));
    }
    return base instanceof Promise
      ? base.then((messages) => ({ ...messages, ...measuresEnMessages }))
      : ({ ...base, ...measuresEnMessages } as TranslationMessages);
  };
}
