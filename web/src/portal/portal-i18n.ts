import type { TranslationMessages } from 'react-admin';
import { portalEnMessages } from './portal.messages';

type MessagesFor = (locale: string) => TranslationMessages | Promise<TranslationMessages>;

/**
 * Adds the client portal's words (the `portal` key) to the app's messages: English with the app,
 * Chinese loaded together with the app's Chinese.
 */
export function withPortalMessages(messagesFor: MessagesFor): MessagesFor {
  return (locale) => {
    const base = messagesFor(locale);
    if (locale === 'zh') {
      return Promise.all([base, import('./portal.zh.messages')]).then(([messages, portal]) => ({ ...messages, ...portal.portalZhMessages }));
    }
    return base instanceof Promise
      ? base.then((messages) => ({ ...messages, ...portalEnMessages }))
      : ({ ...base, ...portalEnMessages });
  };
}
