import type { TranslationMessages } from 'react-admin';

export type MessagesFor = (locale: string) => TranslationMessages | Promise<TranslationMessages>;

/**
 * Adds one module's words to the app's messages: English with the app, Chinese loaded (by
 * `loadZh`, a dynamic import) together with the app's Chinese.
 */
export function withModuleMessages(en: object, loadZh: () => Promise<object>): (messagesFor: MessagesFor) => MessagesFor {
  return (messagesFor) => (locale) => {
    const base = messagesFor(locale);
    if (locale === 'zh') return Promise.all([base, loadZh()]).then(([messages, zh]) => ({ ...messages, ...zh }) as TranslationMessages);
    return base instanceof Promise
      ? base.then((messages) => ({ ...messages, ...en }) as TranslationMessages)
      : ({ ...base, ...en } as TranslationMessages);
  };
}
