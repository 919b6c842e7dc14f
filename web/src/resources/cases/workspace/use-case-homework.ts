import type { AssignmentDto, ExerciseDto } from '@attune/domain';
import { useMemo } from 'react';
import { useGetMany, useGetManyReference } from 'react-admin';

/** The case's assignments with their exercises, newest due date first. */
export function useCaseHomework(caseId: string | undefined) {
  const assignments = useGetManyReference<AssignmentDto>(
    'assignments',
    { target: 'caseId', id: caseId ?? '', pagination: { page: 1, perPage: 200 }, sort: { field: 'dueAt', order: 'DESC' } },
    { enabled: !!caseId },
  );
  const exerciseIds = useMemo(() => [...new Set((assignments.data ?? []).map((a) => a.exerciseId))], [assignments.data]);
  const exercises = useGetMany<ExerciseDto>('exercises', { ids: exerciseIds }, { enabled: exerciseIds.length > 0 });
  return useMemo(() => {
    const byId = new Map((exercises.data ?? []).map((e) => [e.id, e]));
    return {
      assignments: assignments.data ?? [],
      exerciseOf: (assignment: AssignmentDto) => byId.get(assignment.exerciseId),
      isPending: assignments.isPending,
      error: assignments.error ?? exercises.error,
    };
  }, [assignments.data, assignments.isPending, assignments.error, exercises.data, exercises.error]);
}
