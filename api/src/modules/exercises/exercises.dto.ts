import {
  customExerciseInputSchema,
  EXERCISE_AUDIENCES,
  optionalTextSchema,
  responseJsonSchemaFor,
  type ExerciseDto,
} from '@attune/domain';
import type { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import type { Exercise } from './exercise.entity.js';

export const EXERCISE_LIST: ListSpec = {
  resource: 'exercises',
  idColumn: 'e.id',
  defaultSort: ['stage', 'ASC'],
  sortable: { id: 'e.id', stage: 'e.stage', title: 'e.title', createdAt: 'e.created_at' },
  filterable: {
    stage: { column: 'e.stage', kind: 'int' },
    builtIn: { column: 'e.built_in', kind: 'boolean' },
    audience: { column: 'e.audience', kind: 'enum', values: EXERCISE_AUDIENCES },
    key: { column: 'e.key', kind: 'text' },
    ownerId: { column: 'e.created_by', kind: 'uuid' },
  },
  search: ['e.title'],
};

/**
 * POST and PUT body of a practitioner's own exercise: libs' rule, with an emptied summary sent as
 * null (react-admin sends the record as GET returned it). Read-only fields (key, builtIn,
 * responseSchema, ownerId) are ignored.
 */
export const customExerciseWriteSchema = customExerciseInputSchema.extend({ summary: optionalTextSchema(300) });
export type CustomExerciseWrite = z.infer<typeof customExerciseWriteSchema>;

/** What an exercise says to whoever does it: the staff answer and the portal's both show it. */
export type ExerciseContent = Pick<Exercise, 'id' | 'key' | 'stage' | 'title' | 'summary' | 'instructions' | 'audience' | 'cadence' | 'fields'>;

export function toExerciseContentDto(exercise: ExerciseContent): Omit<ExerciseDto, 'builtIn' | 'effect' | 'ownerId'> {
  return {
    id: exercise.id,
    key: exercise.key,
    stage: exercise.stage,
    title: exercise.title,
    summary: exercise.summary,
    instructions: exercise.instructions,
    audience: exercise.audience,
    cadence: exercise.cadence,
    fields: exercise.fields,
    responseSchema: responseJsonSchemaFor(exercise.fields, { title: exercise.title }),
  };
}

export function toExerciseDto(exercise: Exercise): ExerciseDto {
  return { ...toExerciseContentDto(exercise), builtIn: exercise.builtIn, effect: exercise.effect, ownerId: exercise.createdBy };
}

/** A key for a practitioner's exercise from its title: "Gratitude Walk!" → "gratitude-walk". */
export function exerciseKeyBase(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug.length >= 2 ? slug : 'exercise';
}
