import type {
  AssignmentStatus,
  CaseKind,
  CaseStatus,
  CheckInState,
  ExerciseAudience,
  ExerciseCadence,
  ExerciseField,
  ExerciseResponse,
  PortalAssignmentDto,
  ProgressPointDto,
  StageNumber,
} from '@attune/domain';

/**
 * The client portal's payloads as /api/me sends them (api/src/modules/me/me.dto.ts is the source;
 * PortalAssignmentDto itself comes from libs).
 */

export interface PortalExerciseSummary {
  id: string;
  key: string | null;
  stage: StageNumber;
  title: string;
  summary: string | null;
  audience: ExerciseAudience;
  cadence: ExerciseCadence;
}

/** One row of `GET /api/me/assignments`. */
export interface PortalAssignmentSummary {
  id: string;
  caseId: string;
  exerciseId: string;
  assignedAt: string;
  dueAt: string;
  note: string | null;
  status: AssignmentStatus;
  overdue: boolean;
  draftSavedAt: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  hasFeedback: boolean;
  sharedWithPartner: boolean;
  exercise: PortalExerciseSummary;
}

export interface PortalCheckInDay {
  index: number;
  start: string;
  end: string;
  state: CheckInState;
}

export interface PortalCheckIn {
  periodStart: string;
  response: { note: string };
  createdAt: string;
}

/** `GET /api/me/assignments/:id`. */
export interface PortalAssignmentDetail extends PortalAssignmentDto {
  exercise: PortalAssignmentDto['exercise'] & { summary: string | null };
  draft: ExerciseResponse | null;
  draftSavedAt: string | null;
  coupleCase: boolean;
  checkIns: { calendar: PortalCheckInDay[]; entries: PortalCheckIn[] } | null;
}

export interface PortalProgressCase {
  caseId: string;
  kind: CaseKind;
  status: CaseStatus;
  stage: StageNumber;
  openedAt: string;
  points: ProgressPointDto[];
}

export interface PortalFeedback {
  assignmentId: string;
  caseId: string;
  exerciseKey: string | null;
  exerciseTitle: string;
  feedback: string;
  submittedAt: string | null;
  reviewedAt: string | null;
}

/** `GET /api/me/progress`. */
export interface PortalProgress {
  cases: PortalProgressCase[];
  feedback: PortalFeedback[];
}

/** One item of `GET /api/me/partner-answers`. */
export interface PartnerAnswer {
  id: string;
  caseId: string;
  partnerName: string;
  exerciseKey: string | null;
  exerciseTitle: string;
  fields: ExerciseField[];
  response: ExerciseResponse;
  submittedAt: string | null;
}

/** Body of the draft and submit routes. */
export interface AnswerBody {
  response: ExerciseResponse;
  sharedWithPartner?: boolean;
}
