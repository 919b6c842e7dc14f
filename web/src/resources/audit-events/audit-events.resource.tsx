import HistoryIcon from '@mui/icons-material/History';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../shared/lazy-named';

export const auditEventsResource = {
  name: 'audit-events',
  icon: HistoryIcon,
  list: lazyNamed(() => import('./audit-events.views'), 'AuditEventList'),
} as const satisfies ResourceProps & { name: 'audit-events' };
