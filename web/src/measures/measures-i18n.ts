import { withModuleMessages } from '../i18n/module-messages';
import { measuresEnMessages } from './measures.messages';

/** Adds the measures words to the app's messages: English with the app, Chinese loaded with the app's Chinese. */
export const withMeasuresMessages = withModuleMessages(measuresEnMessages, () => import('./measures.zh.messages').then((m) => m.measuresZhMessages));
