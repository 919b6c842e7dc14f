import FolderSharedIcon from '@mui/icons-material/FolderShared';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../shared/lazy-named';

const views = () => import('./cases.views');

export const casesResource = {
  name: 'cases',
  icon: FolderSharedIcon,
  recordRepresentation: 'title',
  list: lazyNamed(views, 'CaseList'),
  create: lazyNamed(views, 'CaseCreate'),
  edit: lazyNamed(views, 'CaseEdit'),
  show: lazyNamed(() => import('./workspace/case-workspace.show'), 'CaseWorkspaceShow'),
} as const satisfies ResourceProps & { name: 'cases' };
