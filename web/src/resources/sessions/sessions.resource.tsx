import EventNoteIcon from '@mui/icons-material/EventNote';
import type { ResourceProps } from 'react-admin';
import { i18nProvider } from '../../i18n/i18n-provider';
import { displayDate } from '@attune/domain';
import { lazyNamed } from '../../shared/lazy-named';

/** "19 Nov 2026, 10:00" in the app's language (the page title), not in the browser's. */
function sessionWhen(record: { startsAt?: string }): string {
  return displayDate(record.startsAt, { language: i18nProvider.getLocale(), style: 'dateTime' });
}

const views = () => import('./sessions.views');

export const sessionsResource = {
  name: 'sessions',
  icon: EventNoteIcon,
  recordRepresentation: sessionWhen,
  create: lazyNamed(views, 'SessionCreate'),
  edit: lazyNamed(views, 'SessionEdit'),
  show: lazyNamed(views, 'SessionShow'),
} as const satisfies ResourceProps & { name: 'sessions' };
