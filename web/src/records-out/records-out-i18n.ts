import { withModuleMessages } from '../i18n/module-messages';
import { recordsOutEnMessages } from './records-out.messages';

/** Adds the `recordsOut` words (reports, the client export, erasure requests) to the app's messages: English with the app, Chinese loaded with the app's Chinese. */
export const withRecordsOutMessages = withModuleMessages(recordsOutEnMessages, () => import('./records-out.zh.messages').then((m) => m.recordsOutZhMessages));
