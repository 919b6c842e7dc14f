import {
  ASSIGNMENT_STATUSES,
  assignmentDueCorrectionSchema,
  assignmentInputSchema,
  type AssignmentStatus,
  checkInCalendar,
  isOverdue,
  overdueSql,
  reviewInputSchema,
  type AssignmentDto,
  type CheckInNoteDto,
  type CheckInPeriod,
  type CheckInState,
  type ExerciseAudience,
  type ExerciseCadence,
  type ExerciseField,
  type StageNumber,
} from '@attune/domain';
import { z as zod, type z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import type { AssignmentExerciseDto } from '@attune/domain';

/** Overdue is derived, never stored: the due time has passed and nothing has been submitted. */
export const ASSIGNMENT_OVERDUE_SQL = overdueSql('a');

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

/**
 * PUT body: the record as GET returned it with the reason for the correction; only the due time, the
 * note, the version and the reason are read (a new due time is kept as a re-dating, with its reason).
 */
export const assignmentUpdateSchema = assignmentDueCorrectionSchema.extend({ note: assignmentInputSchema.shape.note, version: zod.number().int().min(1).optional() });
export type AssignmentUpdate = z.infer<typeof assignmentUpdateSchema>;

export const assignmentReviewSchema = reviewInputSchema;
export type AssignmentReview = z.infer<typeof assignmentReviewSchema>;

/**
 * What a staff DTO is made of, selected as plain columns (no entity is built): the assignment
 * without its draft, the exercise's listed columns, the days of its check-ins and the
 * transaction's now().
 */
export interface AssignmentDtoRow {
  id: string;
  caseId: string;
  clientId: string;
  exerciseId: string;
  assignedAt: Date;
  dueAt: Date;
  note: string | null;
  status: AssignmentStatus;
  response: Record<string, unknown> | null;
  submittedAt: Date | null;
  feedback: string | null;
  reviewedAt: Date | null;
  sharedWithPartner: boolean;
  version: number;
  exerciseKey: string;
  exerciseTitle: string;
  exerciseStage: StageNumber;
  exerciseAudience: ExerciseAudience;
  cadence: ExerciseCadence;
  /** Selected for one assignment only (`GET /api/assignments/:id` and the answers of writes). */
  exerciseFields?: ExerciseField[];
  /** Its check-ins (period start YYYY-MM-DD, note, when written), oldest first; null for a once cadence, which has none. */
  checkInEntries: CheckInNoteDto[] | null;
  /** The database's now() of the transaction, the same instant the overdue filter compared with. */
  now: Date;
}

/**
 * AssignmentDtoRow's select list over `assignments a JOIN exercises e`. The check-ins are a
 * subquery per row, which PostgreSQL evaluates after the page's LIMIT once it costs anything.
 */
const DTO_COLUMNS: ReadonlyArray<readonly [sql: string, alias: keyof AssignmentDtoRow]> = [
  ['a.id', 'id'],
  ['a.case_id', 'caseId'],
  ['a.client_id', 'clientId'],
  ['a.exercise_id', 'exerciseId'],
  ['a.assigned_at', 'assignedAt'],
  ['a.due_at', 'dueAt'],
  ['a.note', 'note'],
  ['a.status', 'status'],
  ['a.response', 'response'],
  ['a.submitted_at', 'submittedAt'],
  ['a.feedback', 'feedback'],
  ['a.reviewed_at', 'reviewedAt'],
  ['a.shared_with_partner', 'sharedWithPartner'],
  ['a.version', 'version'],
  ['e.key', 'exerciseKey'],
  ['e.title', 'exerciseTitle'],
  ['e.stage', 'exerciseStage'],
  ['e.audience', 'exerciseAudience'],
  ['a.cadence', 'cadence'],
  [`CASE WHEN a.cadence->>'kind' <> 'once' THEN (SELECT coalesce(json_agg(json_build_object(
      'periodStart', to_char(ci.period_start, 'YYYY-MM-DD'), 'note', coalesce(ci.response->>'note', ''),
      'createdAt', to_char(ci.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY ci.period_start), '[]')
    FROM assignment_check_ins ci WHERE ci.assignment_id = a.id) END`, 'checkInEntries'],
  ['now()', 'now'],
];
const selectList = (columns: typeof DTO_COLUMNS) => columns.map(([sql, alias]) => `${sql} AS "${alias}"`).join(', ');

/** One selection for the query builder (it is cheaper to build than one per column). */
export const ASSIGNMENT_DTO_SELECT = selectList(DTO_COLUMNS);
/** The same with the exercise's fields, for one assignment. */
export const ASSIGNMENT_DTO_SELECT_WITH_FIELDS = selectList([...DTO_COLUMNS, ['e.fields', 'exerciseFields']]);

/** What every answer about an assignment says of it, the staff's and the portal's alike. */
export interface AssignmentCore {
  id: string;
  caseId: string;
  exerciseId: string;
  assignedAt: Date;
  dueAt: Date;
  note: string | null;
  status: AssignmentStatus;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  sharedWithPartner: boolean;
}

/** The fields of an assignment's answer that staff and portal share, overdue by the request's clock. */
export function toAssignmentCoreDto(a: AssignmentCore, now: Date) {
  return {
    id: a.id,
    caseId: a.caseId,
    exerciseId: a.exerciseId,
    assignedAt: a.assignedAt.toISOString(),
    dueAt: a.dueAt.toISOString(),
    note: a.note,
    status: a.status,
    overdue: isOverdue(a, now),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
    sharedWithPartner: a.sharedWithPartner,
  };
}

export function toAssignmentDto(a: AssignmentDtoRow): AssignmentDto {
  const submitted = a.status === 'submitted' || a.status === 'reviewed';
  const cadence = a.cadence;
  const exercise: AssignmentExerciseDto = {
    id: a.exerciseId,
    key: a.exerciseKey,
    title: a.exerciseTitle,
    stage: a.exerciseStage,
    audience: a.exerciseAudience,
  };
  if (a.exerciseFields !== undefined) exercise.fields = a.exerciseFields;
  return {
    ...toAssignmentCoreDto(a, a.now),
    clientId: a.clientId,
    response: submitted ? a.response : null,
    feedback: a.feedback,
    cadence,
    exercise,
    checkIns: cadence.kind === 'once' ? null : checkInCalendar(a, a.checkInEntries ?? [], a.now),
    checkInNotes: cadence.kind === 'once' ? null : a.checkInEntries ?? [],
    version: a.version,
  };
}
