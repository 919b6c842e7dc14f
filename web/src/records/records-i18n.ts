import { withModuleMessages } from '../i18n/module-messages';
import { recordsEnMessages } from './records.messages';

/** Adds the `records` words (what is captured and now shown) to the app's messages: English with the app, Chinese loaded with the app's Chinese. */
export const withRecordsMessages = withModuleMessages(recordsEnMessages, () => import('./records.zh.messages').then((m) => m.recordsZhMessages));
