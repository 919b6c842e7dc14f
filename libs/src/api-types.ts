/**
 * The payloads of the REST API (see API.md), as the web app and scripts receive them: the types
 * inferred from the zod schemas of `api-contract.ts`, which the OpenAPI document is generated from.
 */
import type { z } from 'zod';
import type {
  accountDtoSchema,
  apiErrorSchema,
  apiTokenDtoSchema,
  createdApiTokenDtoSchema,
  assignmentDtoSchema,
  checkInNoteDtoSchema,
  auditEventDtoSchema,
  caseDtoSchema,
  caseExceptionDtoSchema,
  caseProgressDtoSchema,
  clientDtoSchema,
  dashboardDtoSchema,
  exceptionPatternsDtoSchema,
  exerciseDtoSchema,
  invitedUserDtoSchema,
  scaleScoreDtoSchema,
  sessionDtoSchema,
  mySessionDtoSchema,
  stageTransitionDtoSchema,
  userDtoSchema,
  changeRequestDtoSchema,
  myChangeRequestDtoSchema,
  myErasureRequestsDtoSchema,
  myNotificationsDtoSchema,
  notificationDtoSchema,
  notificationSettingsDtoSchema,
  outboxMessageDtoSchema,
  portalAccountDtoSchema,
  portalInvitationDtoSchema,
  schedulingProfileDtoSchema,
} from './api-contract.js';

/** Body of every error answer; `errors` names each bad field. */
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** `POST /api/auth/login` and `GET /api/auth/me`. */
export type AccountDto = z.infer<typeof accountDtoSchema>;
/** The signed-in user, as the web keeps it. */
export type SessionUserDto = AccountDto;

export type ApiTokenDto = z.infer<typeof apiTokenDtoSchema>;
export type CreatedApiTokenDto = z.infer<typeof createdApiTokenDtoSchema>;

export type UserDto = z.infer<typeof userDtoSchema>;
export type InvitedUserDto = z.infer<typeof invitedUserDtoSchema>;
export type ClientDto = z.infer<typeof clientDtoSchema>;

export type CaseDto = z.infer<typeof caseDtoSchema>;
export type LatestScoreDto = CaseDto['latestScores'][number];
export type CaseClientSummaryDto = CaseDto['clients'][number];
export type StageTransitionDto = z.infer<typeof stageTransitionDtoSchema>;

export type SessionDto = z.infer<typeof sessionDtoSchema>;
export type SessionAddendumDto = SessionDto['addenda'][number];
/** `GET /api/me/sessions`. */
export type MySessionDto = z.infer<typeof mySessionDtoSchema>;

export type ScaleScoreDto = z.infer<typeof scaleScoreDtoSchema>;
export type CaseExceptionDto = z.infer<typeof caseExceptionDtoSchema>;
export type ExceptionDeepDescriptionDto = NonNullable<CaseExceptionDto['deep']>;

export type ExerciseDto = z.infer<typeof exerciseDtoSchema>;
export type AssignmentDto = z.infer<typeof assignmentDtoSchema>;
export type AssignmentExerciseDto = AssignmentDto['exercise'];
export type CheckInNoteDto = z.infer<typeof checkInNoteDtoSchema>;

export type AuditEventDto = z.infer<typeof auditEventDtoSchema>;

/** `GET /api/cases/:id/progress`. */
export type CaseProgressDto = z.infer<typeof caseProgressDtoSchema>;
export type StageBandDto = CaseProgressDto['stageBands'][number];

/** `GET /api/cases/:id/exception-patterns`. */
export type ExceptionPatternsDto = z.infer<typeof exceptionPatternsDtoSchema>;
export type ExceptionConditionDto = ExceptionPatternsDto['conditions'][number];
/** Which condition an exception bucket groups by. */
export type ExceptionConditionDimension = ExceptionConditionDto['dimension'];

/** `GET /api/dashboard`: the caller's caseload at a glance. */
export type DashboardDto = z.infer<typeof dashboardDtoSchema>;
export type DashboardAlertDto = DashboardDto['alerts'][number];
export type DashboardStageOverrunDto = DashboardDto['stageOverruns'][number];

/** `GET /api/clients/:id/portal-account` and `POST /api/clients/:id/portal-invitation`. */
export type PortalAccountDto = z.infer<typeof portalAccountDtoSchema>;
export type PortalInvitationDto = z.infer<typeof portalInvitationDtoSchema>;

/** `GET /api/me/notifications`, `GET /api/me/notification-settings`, `GET /api/outbox`. */
export type NotificationDto = z.infer<typeof notificationDtoSchema>;
export type MyNotificationsDto = z.infer<typeof myNotificationsDtoSchema>;
export type NotificationSettingsDto = z.infer<typeof notificationSettingsDtoSchema>;
export type OutboxMessageDto = z.infer<typeof outboxMessageDtoSchema>;

/** `GET /api/scheduling-profiles/:userId`, `POST /api/me/sessions/:id/change-requests`, `POST /api/me/calendar-feed`. */
export type SchedulingProfileDto = z.infer<typeof schedulingProfileDtoSchema>;
export type ChangeRequestDto = z.infer<typeof changeRequestDtoSchema>;
export type MyChangeRequestDto = z.infer<typeof myChangeRequestDtoSchema>;

/** `GET /api/me/erasure-requests`. */
export type MyErasureRequestsDto = z.infer<typeof myErasureRequestsDtoSchema>;
