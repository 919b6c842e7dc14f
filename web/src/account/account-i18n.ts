import type { TranslationMessages } from 'react-admin';
import { accountEnMessages } from './account.messages';

type MessagesFor = (locale: string) => TranslationMessages | Promise<TranslationMessages>;

/**
 * Adds the "My account" page's words (the `account` key) to the app's messages: English with the
 * app, Chinese loaded together with the app's Chinese.
 */
export function withAccountMessages(messagesFor: MessagesFor): MessagesFor {
  return (locale) => {
    const base = messagesFor(locale);
    if (locale === 'zh') {
      return Promise.all([base, import('./account.zh.messages')]).then(([messages, account]) => ({ ...messages, ...account.accountZhMessages }));
    }
    return base instanceof Promise
      ? base.then((messages) => ({ ...messages, ...accountEnMessages }))
      : ({ ...base, ...accountEnMessages });
  };
}
