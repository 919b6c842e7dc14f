import { withModuleMessages } from '../i18n/module-messages';
import { listsEnMessages } from './lists.messages';

/** Adds the lists words to the app's messages: English with the app, Chinese loaded with the app's Chinese. */
export const withListsMessages = withModuleMessages(listsEnMessages, () => import('./lists.zh.messages').then((m) => m.listsZhMessages));
