import {
  ASSIGNMENT_STATUSES,
  assignmentInputSchema,
  cadenceCheckIns,
  checkInCalendar,
  isOverdue,
  reviewInputSchema,
  type AssignmentDto,
  type CheckInPeriod,
  type CheckInState,
  type ExerciseAudience,
  type ExerciseCadence,
  type ExerciseField,
  type StageNumber,
} from '@attune/domain';
import { z as zod, type z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import type { Exercise } from '../exercises/exercise.entity.js';
import type { Assignment } from './assignment.entity.js';

/** Overdue is derived, never stored: the due time has passed and nothing has been submitted. */
export const ASSIGNMENT_OVERDUE_SQL = `(a.due_at < now() AND a.status IN ('assigned', 'in_progress'))`;

export const ASSIGNMENT_LIST: ListSpec = {
  resource: 'assignments',
  idColumn: 'a.id',
  defaultSort: ['dueAt', 'ASC'],
  sortable: {
    id: 'a.id',
    dueAt: 'a.due_at',
    status: 'a.status',
    submittedAt: 'a.submitted_at',
    assignedAt: 'a.assigned_at',
    reviewedAt: 'a.reviewed_at',
  },
  filterable: {
    caseId: { column: 'a.case_id', kind: 'uuid' },
    clientId: { column: 'a.client_id', kind: 'uuid' },
    exerciseId: { column: 'a.exercise_id', kind: 'uuid' },
    status: { column: 'a.status', kind: 'enum', values: ASSIGNMENT_STATUSES },
    overdue: { column: ASSIGNMENT_OVERDUE_SQL, kind: 'boolean' },
    dueAt_gte: { column: 'a.due_at', kind: 'date_from' },
    dueAt_lte: { column: 'a.due_at', kind: 'date_to' },
  },
};

export const assignmentCreateSchema = assignmentInputSchema;
export type AssignmentCreate = z.infer<typeof assignmentCreateSchema>;

/** PUT body: the record as GET returned it; only the due time and the note are read. */
export const assignmentUpdateSchema = assignmentInputSchema.pick({ dueAt: true, note: true })
  .extend({ version: zod.number().int().min(1).optional() });
export type AssignmentUpdate = z.infer<typeof assignmentUpdateSchema>;

export const assignmentReviewSchema = reviewInputSchema;
export type AssignmentReview = z.infer<typeof assignmentReviewSchema>;

export interface AssignmentExerciseDto {
  id: string;
  key: string;
  title: string;
  stage: StageNumber;
  audience: ExerciseAudience;
  /** In `GET /api/assignments/:id` only: what the client fills in, to show the response against. */
  fields?: ExerciseField[];
}

/**
 * An assignment as staff see it: libs' AssignmentDto with the exercise it gives and, for daily and
 * weekly cadences, the calendar of check-ins. The client's draft is their work in progress and is
 * never shown: `response` is the submitted answer only, null before submission.
 */
export interface StaffAssignmentDto extends AssignmentDto {
  assignedAt: string;
  cadence: ExerciseCadence;
  exercise: AssignmentExerciseDto;
  checkIns: Array<CheckInPeriod & { state: CheckInState }> | null;
  /** Sent back on PUT: an edit made from an older version answers 409. */
  version: number;
}

export interface AssignmentMappingContext {
  /** The database's now() of the transaction, the same instant the overdue filter compared with. */
  now: Date;
  exercise: Exercise;
  /** Days with activity: check-ins (YYYY-MM-DD), the last draft save and the submission. */
  activity: Array<string | Date>;
  withFields: boolean;
}

export function toAssignmentDto(a: Assignment, ctx: AssignmentMappingContext): StaffAssignmentDto {
  const submitted = a.status === 'submitted' || a.status === 'reviewed';
  const cadence = ctx.exercise.cadence;
  const exercise: AssignmentExerciseDto = {
    id: ctx.exercise.id,
    key: ctx.exercise.key,
    title: ctx.exercise.title,
    stage: ctx.exercise.stage,
    audience: ctx.exercise.audience,
  };
  if (ctx.withFields) exercise.fields = ctx.exercise.fields;
  return {
    id: a.id,
    caseId: a.caseId,
    clientId: a.clientId,
    exerciseId: a.exerciseId,
    assignedAt: a.assignedAt.toISOString(),
    dueAt: a.dueAt.toISOString(),
    note: a.note,
    status: a.status,
    overdue: isOverdue(a, ctx.now),
    response: submitted ? a.response : null,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    feedback: a.feedback,
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
    sharedWithPartner: a.sharedWithPartner,
    cadence,
    exercise,
    checkIns: cadence.kind === 'once' ? null : checkInCalendar(cadenceCheckIns(cadence, a.assignedAt, a.dueAt), ctx.activity, ctx.now),
    version: a.version,
  };
}
