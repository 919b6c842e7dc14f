import { withModuleMessages } from '../i18n/module-messages';
import { portalEnMessages } from './portal.messages';

/**
 * Adds the client portal's words (the `portal` key) to the app's messages: English with the app,
 * Chinese loaded together with the app's Chinese.
 */
export const withPortalMessages = withModuleMessages(portalEnMessages, () => import('./portal.zh.messages').then((m) => m.portalZhMessages));
