import type { TranslationMessages } from 'react-admin';
import { listsEnMessages } from './lists.messages';

type MessagesFor = (locale: string) => TranslationMessages | Promise<TranslationMessages>;

/** Adds the lists' words (the `lists` key): English with the app, Chinese loaded with the app's Chinese. */
export function withListsMessages(messagesFor: MessagesFor): MessagesFor {
  return (locale) => {
    const base = messagesFor(locale);
    if (locale === 'zh') {
      return Promise.all([base, import('./lists.zh.messages')]).then(([messages, lists]) => ({ ...messages, ...lists.listsZhMessages }));
    }
    return base instanceof Promise
      ? base.then((messages) => ({ ...messages, ...listsEnMessages }))
      : ({ ...base, ...listsEnMessages } as TranslationMessages);
  };
}
