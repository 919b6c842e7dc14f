import type { ExerciseDto } from '@attune/domain';
import { useTranslate } from 'react-admin';
import { exerciseTitleKey } from './choices';

/** A built-in exercise's title in the user's language; a custom one as its author wrote it. */
export function useExerciseTitle(): (exercise: Pick<ExerciseDto, 'key' | 'title'> | undefined | null) => string {
  const translate = useTranslate();
  return (exercise) => {
    if (!exercise) return '';
    return exercise.key ? translate(exerciseTitleKey(exercise.key), { _: exercise.title }) : exercise.title;
  };
}
