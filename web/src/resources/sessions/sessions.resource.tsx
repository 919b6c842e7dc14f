import EventNoteIcon from '@mui/icons-material/EventNote';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../shared/lazy-named';

const views = () => import('./sessions.views');

export const sessionsResource = {
  name: 'sessions',
  icon: EventNoteIcon,
  recordRepresentation: (record: { startsAt?: string }) => (record.startsAt ? new Date(record.startsAt).toLocaleString() : ''),
  create: lazyNamed(views, 'SessionCreate'),
  edit: lazyNamed(views, 'SessionEdit'),
  show: lazyNamed(views, 'SessionShow'),
} as const satisfies ResourceProps & { name: 'sessions' };
