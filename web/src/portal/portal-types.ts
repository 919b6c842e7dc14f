import type { ExerciseResponse } from '@attune/domain';

/** The client portal's payloads as /api/me sends them: the types live in libs, named here as the portal reads them. */
export type {
  PartnerAnswerDto as PartnerAnswer,
  PortalAssignmentDetailDto as PortalAssignmentDetail,
  PortalAssignmentSummaryDto as PortalAssignmentSummary,
  PortalCheckInDayDto as PortalCheckInDay,
  PortalCheckInDto as PortalCheckIn,
  PortalExerciseSummaryDto as PortalExerciseSummary,
  PortalFeedbackDto as PortalFeedback,
  PortalProgressCaseDto as PortalProgressCase,
  PortalProgressDto as PortalProgress,
} from '@attune/domain';

/** Body of the draft and submit routes. */
export interface AnswerBody {
  response: ExerciseResponse;
  sharedWithPartner?: boolean;
}
