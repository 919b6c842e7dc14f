import PeopleIcon from '@mui/icons-material/People';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../shared/lazy-named';

const views = () => import('./clients.views');
const profile = () => import('./client-profile.show');

export const clientsResource = {
  name: 'clients',
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
  list: lazyNamed(views, 'ClientList'),
  create: lazyNamed(views, 'ClientCreate'),
  edit: lazyNamed(views, 'ClientEdit'),
  show: lazyNamed(profile, 'ClientProfileShow'),
} as const satisfies ResourceProps & { name: 'clients' };
