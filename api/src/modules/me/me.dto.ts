import {
  assignmentResponseBodySchema,
  ASSIGNMENT_STATUSES,
  clientExceptionInputSchema,
  clientScaleScoreInputSchema,
  idSchema,
  isoDateSchema,
  textSchema,
} from '@attune/domain';
import { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import { ASSIGNMENT_OVERDUE_SQL } from '../assignments/assignments.dto.js';

/** The client portal's inputs and list rules; its payload types live in libs (portal-api-types.ts). */

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
    overdue: { column: ASSIGNMENT_OVERDUE_SQL, kind: 'boolean' },
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

export type {
  PortalExerciseSummaryDto,
  PortalAssignmentSummaryDto,
  PortalCheckInDayDto,
  PortalCheckInDto,
  PortalAssignmentDetailDto,
  PortalProgressCaseDto,
  PortalFeedbackDto,
  PortalProgressDto,
  PartnerAnswerDto,
  MyExceptionDto,
  MyScaleScoreDto,
} from '@attune/domain';
