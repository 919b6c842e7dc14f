/**
 * The client portal's payloads under /api/me: the types inferred from `api-contract.ts`. The API
 * answers with these; the web portal reads them.
 */
import type { z } from 'zod';
import type {
  myExceptionDtoSchema,
  myScaleScoreDtoSchema,
  partnerAnswerDtoSchema,
  portalAssignmentDetailDtoSchema,
  portalAssignmentSummaryDtoSchema,
  portalProgressDtoSchema,
} from './api-contract.js';

/** One row of `GET /api/me/assignments`: no answers in the list, only what the overview needs. */
export type PortalAssignmentSummaryDto = z.infer<typeof portalAssignmentSummaryDtoSchema>;
export type PortalExerciseSummaryDto = PortalAssignmentSummaryDto['exercise'];

/** `GET /api/me/assignments/:id`: the assignment with its exercise, the draft, the case kind and the check-ins. */
export type PortalAssignmentDetailDto = z.infer<typeof portalAssignmentDetailDtoSchema>;
export type PortalCheckInDayDto = NonNullable<PortalAssignmentDetailDto['checkIns']>['calendar'][number];
export type PortalCheckInDto = NonNullable<PortalAssignmentDetailDto['checkIns']>['entries'][number];

/** `GET /api/me/progress`. */
export type PortalProgressDto = z.infer<typeof portalProgressDtoSchema>;
export type PortalProgressCaseDto = PortalProgressDto['cases'][number];
export type PortalFeedbackDto = PortalProgressDto['feedback'][number];

/** One item of `GET /api/me/partner-answers`: an answer the partner chose to share. */
export type PartnerAnswerDto = z.infer<typeof partnerAnswerDtoSchema>;
/** `POST /api/me/exceptions`: the entry as stored (the case is the caller's). */
export type MyExceptionDto = z.infer<typeof myExceptionDtoSchema>;
/** `POST /api/me/scale-scores`. */
export type MyScaleScoreDto = z.infer<typeof myScaleScoreDtoSchema>;
