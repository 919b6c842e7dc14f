import {
  assignmentResponseBodySchema,
  ASSIGNMENT_STATUSES,
  clientExceptionInputSchema,
  clientScaleScoreInputSchema,
  idSchema,
  isoDateSchema,
  textSchema,
  type AssignmentStatus,
  type CaseKind,
  type CaseStatus,
  type CheckInState,
  type ExerciseAudience,
  type ExerciseCadence,
  type ExerciseField,
  type ExerciseResponse,
  type IsoDate,
  type IsoDateTime,
  type PortalAssignmentDto,
  type ProgressPointDto,
  type StageNumber,
  type Uuid,
} from '@attune/domain';
import { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';

/**
 * The client portal's payloads. `PortalAssignmentDto` comes from libs; the rest are the portal's own
 * shapes (the web app mirrors them in web/src/portal/portal-types.ts).
 */

/** Overdue is derived: the due time has passed and nothing has been sent yet. */
export const OVERDUE_SQL = `(a.due_at < now() AND a.status IN ('assigned', 'in_progress'))`;

export const MY_ASSIGNMENT_LIST: ListSpec = {
  resource: 'assignments',
  idColumn: 'a.id',
  defaultSort: ['dueAt', 'ASC'],
  sortable: {
    id: 'a.id',
    dueAt: 'a.due_at',
    assignedAt: 'a.assigned_at',
    status: 'a.status',
    submittedAt: 'a.submitted_at',
    reviewedAt: 'a.reviewed_at',
  },
  filterable: {
    status: { column: 'a.status', kind: 'enum', values: ASSIGNMENT_STATUSES },
    overdue: { column: OVERDUE_SQL, kind: 'boolean' },
    caseId: { column: 'a.case_id', kind: 'uuid' },
  },
};

/** Body of `PUT /api/me/assignments/:id/draft` and `POST /api/me/assignments/:id/submit`. */
export const assignmentAnswerSchema = assignmentResponseBodySchema;
export type AssignmentAnswer = z.infer<typeof assignmentAnswerSchema>;

/** What one day's (or week's) check-in holds: a short note of what was done. */
export const checkInResponseSchema = z.strictObject(
  { note: textSchema(1, 2000) },
  { error: (iss) => (iss.code === 'invalid_type' ? (iss.input === undefined ? 'is required' : 'must be an object with a note') : undefined) },
);

/** Body of `POST /api/me/assignments/:id/check-ins`; the period defaults to the one containing today. */
export const checkInInputSchema = z.object({
  periodStart: isoDateSchema.optional(),
  response: checkInResponseSchema,
});
export type CheckInInput = z.infer<typeof checkInInputSchema>;

/** Body of `POST /api/me/exceptions`: the client's own entry; the case is theirs, named only when they have several. */
export const myExceptionInputSchema = clientExceptionInputSchema.extend({ caseId: idSchema.optional() });
export type MyExceptionInput = z.infer<typeof myExceptionInputSchema>;

/** Body of `POST /api/me/scale-scores`: a self-rating in their own case. */
export const myScaleScoreInputSchema = clientScaleScoreInputSchema.extend({ caseId: idSchema.optional() });
export type MyScaleScoreInput = z.infer<typeof myScaleScoreInputSchema>;

export interface PortalExerciseSummaryDto {
  id: Uuid;
  key: string | null;
  stage: StageNumber;
  title: string;
  summary: string | null;
  audience: ExerciseAudience;
  cadence: ExerciseCadence;
}

/** One row of `GET /api/me/assignments`: no answers in the list, only what the overview needs. */
export interface PortalAssignmentSummaryDto {
  id: Uuid;
  caseId: Uuid;
  exerciseId: Uuid;
  assignedAt: IsoDateTime;
  dueAt: IsoDateTime;
  note: string | null;
  status: AssignmentStatus;
  overdue: boolean;
  draftSavedAt: IsoDateTime | null;
  submittedAt: IsoDateTime | null;
  reviewedAt: IsoDateTime | null;
  hasFeedback: boolean;
  sharedWithPartner: boolean;
  exercise: PortalExerciseSummaryDto;
}

export interface PortalCheckInDayDto {
  index: number;
  start: IsoDate;
  end: IsoDate;
  state: CheckInState;
}

export interface PortalCheckInDto {
  periodStart: IsoDate;
  response: { note: string };
  createdAt: IsoDateTime;
}

/** `GET /api/me/assignments/:id`: libs' PortalAssignmentDto plus the draft, the case kind and the check-ins. */
export interface PortalAssignmentDetailDto extends PortalAssignmentDto {
  exercise: PortalAssignmentDto['exercise'] & { summary: string | null };
  draft: ExerciseResponse | null;
  draftSavedAt: IsoDateTime | null;
  /** In a couple case the client may share the answers with their partner. */
  coupleCase: boolean;
  /** For daily and weekly cadences: the calendar of periods and the check-ins made; null for a one-off. */
  checkIns: { calendar: PortalCheckInDayDto[]; entries: PortalCheckInDto[] } | null;
}

export interface PortalProgressCaseDto {
  caseId: Uuid;
  kind: CaseKind;
  status: CaseStatus;
  stage: StageNumber;
  openedAt: IsoDateTime;
  /** The caller's own ratings, oldest first. Never the partner's. */
  points: ProgressPointDto[];
}

export interface PortalFeedbackDto {
  assignmentId: Uuid;
  caseId: Uuid;
  /** A built-in exercise's key (for its title in the reader's language); null for a practitioner's own. */
  exerciseKey: string | null;
  exerciseTitle: string;
  feedback: string;
  submittedAt: IsoDateTime | null;
  reviewedAt: IsoDateTime | null;
}

/** `GET /api/me/progress`. */
export interface PortalProgressDto {
  cases: PortalProgressCaseDto[];
  feedback: PortalFeedbackDto[];
}

/** One item of `GET /api/me/partner-answers`: an answer the partner chose to share. */
export interface PartnerAnswerDto {
  id: Uuid;
  caseId: Uuid;
  partnerName: string;
  exerciseKey: string | null;
  exerciseTitle: string;
  fields: ExerciseField[];
  response: ExerciseResponse;
  submittedAt: IsoDateTime | null;
}

/** `POST /api/me/exceptions`: the entry as stored (the case is the caller's). */
export interface MyExceptionDto {
  id: Uuid;
  caseId: Uuid;
  occurredAt: IsoDateTime;
  context: string;
  behavior: string | null;
  thoughts: string | null;
  emotions: string | null;
  meaning: string | null;
  tags: string[];
  createdAt: IsoDateTime;
}

/** `POST /api/me/scale-scores`. */
export interface MyScaleScoreDto {
  id: Uuid;
  caseId: Uuid;
  score: number;
  recordedAt: IsoDateTime;
  keepsFromLower: string | null;
  onePointHigher: string | null;
}
