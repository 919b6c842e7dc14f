import AssignmentIcon from '@mui/icons-material/Assignment';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../shared/lazy-named';

const views = () => import('./exercises.views');

export const exercisesResource = {
  name: 'exercises',
  icon: AssignmentIcon,
  recordRepresentation: 'title',
  list: lazyNamed(views, 'ExerciseList'),
  show: lazyNamed(views, 'ExerciseShow'),
  create: lazyNamed(views, 'ExerciseCreate'),
  edit: lazyNamed(views, 'ExerciseEdit'),
} as const satisfies ResourceProps & { name: 'exercises' };
