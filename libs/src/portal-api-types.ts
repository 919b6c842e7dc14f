import type { CaseKind, CaseStatus } from './cases.js';
import type { ExerciseAudience, ExerciseCadence } from './exercises/catalogue.js';
import type { ExerciseField, ExerciseResponse } from './exercises/exercise-fields.js';
import type { StageNumber } from './stages.js';
import type { AssignmentStatus, CheckInState } from './assignments.js';
import type { IsoDate, IsoDateTime, PortalAssignmentDto, ProgressPointDto, Uuid } from './api-types.js';

/**
 * The client portal's payloads under /api/me (libs' PortalAssignmentDto is the base of the
 * detail). The API answers with these; the web portal reads them.
 */

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
  /** The deep description (body, forgotten capacity, if it happened more often), when there is one. */
  deep?: { bodily?: string; capacity?: string; ifMoreOften?: string } | null;
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
