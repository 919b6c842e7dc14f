import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../shared/lazy-named';

const views = () => import('./users.views');

export const usersResource = {
  name: 'users',
  icon: ManageAccountsIcon,
  recordRepresentation: 'displayName',
  list: lazyNamed(views, 'UserList'),
  create: lazyNamed(views, 'UserCreate'),
  edit: lazyNamed(views, 'UserEdit'),
} as const satisfies ResourceProps & { name: 'users' };
