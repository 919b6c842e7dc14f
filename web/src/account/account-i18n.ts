import { withModuleMessages } from '../i18n/module-messages';
import { accountEnMessages } from './account.messages';

/**
 * Adds the "My account" page's words (the `account` key) to the app's messages: English with the
 * app, Chinese loaded together with the app's Chinese.
 */
export const withAccountMessages = withModuleMessages(accountEnMessages, () => import('./account.zh.messages').then((m) => m.accountZhMessages));
