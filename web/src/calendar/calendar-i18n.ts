import { withModuleMessages } from '../i18n/module-messages';
import { calendarEnMessages } from './calendar.messages';

/** Adds the calendar words to the app's messages: English with the app, Chinese loaded with the app's Chinese. */
export const withCalendarMessages = withModuleMessages(calendarEnMessages, () => import('./calendar.zh.messages').then((m) => m.calendarZhMessages));
