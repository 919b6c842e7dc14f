import { withModuleMessages } from '../i18n/module-messages';
import { notificationsEnMessages } from './notifications.messages';

/** Adds the notifications words to the app's messages: English with the app, Chinese loaded with the app's Chinese. */
export const withNotificationMessages = withModuleMessages(notificationsEnMessages, () => import('./notifications.zh.messages').then((m) => m.notificationsZhMessages));
