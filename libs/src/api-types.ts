/**
 * The payloads of the REST API (see API.md), as the web app and scripts receive them. Dates and
 * times are ISO 8601 strings with a zone; ids are UUIDs; an absent optional value is null.
 */
import type { AlertKind, CaseAlert } from './alerts.js';
import type { AssignmentStatus } from './assignments.js';
import type { CaseKind, CaseStatus } from './cases.js';
import type { ClientStatus } from './clients.js';
import type { ExerciseAudience, ExerciseCadence } from './exercises/catalogue.js';
import type { ExerciseField, ExerciseResponse } from './exercises/exercise-fields.js';
import type { Role } from './permissions.js';
import type { ScaleScoreSource } from './scale-scores.js';
import type { SessionFormat, SessionNoteKey } from './session-notes.js';
import type { ScheduleStatus, StageNumber, TransitionKind } from './stages.js';

export type IsoDateTime = string;
export type IsoDate = string;
export type Uuid = string;

/** Body of every error answer; `errors` names each bad field. */
export interface ApiErrorBody {
  statusCode: number;
  message: string;
  errors?: Record<string, string>;
  /** Code of the domain rule that was broken, when one was. */
  code?: string;
  /** Correlation id of an unexpected (500) error, to quote to support. */
  correlationId?: string;
}

/** `POST /api/auth/login` and `GET /api/auth/me`. */
export interface SessionUserDto {
  id: Uuid;
  email: string;
  role: Role;
  displayName: string;
  /** For a client: their client record. */
  clientId?: Uuid | null;
}

export interface UserDto {
  id: Uuid;
  email: string;
  role: Role;
  displayName: string;
  active: boolean;
  createdAt?: IsoDateTime;
  lastLoginAt?: IsoDateTime | null;
}

export interface ClientDto {
  id: Uuid;
  displayName: string;
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  status: ClientStatus;
  practitionerId: Uuid | null;
  portalUserId: Uuid | null;
  createdAt?: IsoDateTime;
  /** Sent back on PUT: an edit made from an older version answers 409 VERSION_CONFLICT. */
  version: number;
}

export interface LatestScoreDto {
  clientId: Uuid;
  score: number;
  recordedAt: IsoDateTime;
}

export interface CaseDto {
  id: Uuid;
  title: string;
  kind: CaseKind;
  clientIds: Uuid[];
  practitionerId: Uuid;
  stage: StageNumber;
  cycle: number;
  status: CaseStatus;
  openedAt: IsoDateTime;
  closedAt?: IsoDateTime | null;
  presentingConcern: string | null;
  /** When the current stage was entered and the current cycle started. */
  stageEnteredAt?: IsoDateTime;
  cycleStartedAt?: IsoDateTime;
  // read-only, derived
  day: number;
  plannedStage: StageNumber;
  daysBehind: number;
  scheduleStatus?: ScheduleStatus;
  latestScores: LatestScoreDto[];
  alerts: CaseAlert[];
}

export interface SessionAddendumDto {
  id?: Uuid;
  text: string;
  at: IsoDateTime;
  authorId: Uuid;
  /** The author's display name, shown with the addendum. */
  authorName?: string | null;
}

export type SessionNoteDto = Partial<Record<SessionNoteKey, string | null>>;

export interface SessionDto {
  id: Uuid;
  caseId: Uuid;
  startsAt: IsoDateTime;
  durationMinutes: number;
  format: SessionFormat;
  attendeeIds: Uuid[];
  stage: StageNumber;
  note: SessionNoteDto;
  signedAt: IsoDateTime | null;
  signedBy: Uuid | null;
  addenda: SessionAddendumDto[];
}

export interface ScaleScoreDto {
  id: Uuid;
  caseId: Uuid;
  clientId: Uuid;
  score: number;
  recordedAt: IsoDateTime;
  source: ScaleScoreSource;
  keepsFromLower: string | null;
  onePointHigher: string | null;
  sessionId: Uuid | null;
  /** Staff's note beside the entry; the only words staff add to a client's own entry. */
  staffAnnotation: string | null;
  /** Left out of charts and alerts (kept in the record), with the reason staff gave. */
  hidden: boolean;
  hiddenReason: string | null;
  /** Sent back on PUT: an edit made from an older version answers 409 VERSION_CONFLICT. */
  version: number;
}

export interface ExceptionDeepDescriptionDto {
  bodily?: string | null;
  capacity?: string | null;
  ifMoreOften?: string | null;
}

export interface CaseExceptionDto {
  id: Uuid;
  caseId: Uuid;
  clientId: Uuid;
  occurredAt: IsoDateTime;
  context: string;
  behavior: string | null;
  thoughts: string | null;
  emotions: string | null;
  meaning: string | null;
  tags: string[];
  deep: ExceptionDeepDescriptionDto | null;
  significant: boolean;
  /** Staff's note beside the entry; the only words staff add to a client's own entry. */
  staffAnnotation: string | null;
  /** Left out of charts and alerts (kept in the record), with the reason staff gave. */
  hidden: boolean;
  hiddenReason: string | null;
  /** Sent back on PUT: an edit made from an older version answers 409 VERSION_CONFLICT. */
  version: number;
}

export interface ExerciseDto {
  id: Uuid;
  /** Key of a built-in exercise; null for a practitioner's own. */
  key: string | null;
  stage: StageNumber;
  title: string;
  summary?: string | null;
  instructions: string;
  audience: ExerciseAudience;
  cadence: ExerciseCadence;
  fields: ExerciseField[];
  /** JSON Schema (draft 2020-12) of a submitted response, from `responseJsonSchemaFor`. */
  responseSchema: Record<string, unknown>;
  builtIn: boolean;
  effect?: 'exception' | 'scale_score' | 'exception_deep' | null;
  /** Author of a custom exercise. */
  ownerId?: Uuid | null;
}

export interface AssignmentDto {
  id: Uuid;
  caseId: Uuid;
  clientId: Uuid;
  exerciseId: Uuid;
  dueAt: IsoDateTime;
  note: string | null;
  status: AssignmentStatus;
  /** Derived: due time passed and not yet submitted. */
  overdue: boolean;
  response: ExerciseResponse | null;
  submittedAt: IsoDateTime | null;
  feedback: string | null;
  reviewedAt: IsoDateTime | null;
  /** In a couple case: whether the other partner may see the answers. */
  sharedWithPartner: boolean;
  assignedAt?: IsoDateTime;
  cadence?: ExerciseCadence;
  /** Daily and weekly homework (staff view): the note of each check-in, oldest period first; null for a one-off. */
  checkInNotes?: CheckInNoteDto[] | null;
}

/** One check-in of a daily or weekly homework as staff read it with the homework. */
export interface CheckInNoteDto {
  periodStart: IsoDate;
  note: string;
  createdAt: IsoDateTime;
}

/** `GET /api/me/assignments/:id`: one of the caller's assignments with its exercise. */
export interface PortalAssignmentDto extends AssignmentDto {
  exercise: Pick<ExerciseDto, 'id' | 'key' | 'stage' | 'title' | 'instructions' | 'audience' | 'cadence' | 'fields' | 'responseSchema'>;
}

export interface AuditEventDto {
  id: Uuid;
  at: IsoDateTime;
  actorId: Uuid | null;
  action: string;
  entity: string;
  entityId: Uuid | null;
  ip: string | null;
}

export interface StageTransitionDto {
  id: Uuid;
  caseId: Uuid;
  fromStage: StageNumber;
  toStage: StageNumber;
  /** Cycle the case is in after the move. */
  cycle: number;
  kind: TransitionKind;
  reason: string;
  at: IsoDateTime;
  actorId: Uuid | null;
}

export interface ProgressPointDto {
  recordedAt: IsoDateTime;
  score: number;
  source: ScaleScoreSource;
  /** The scale score's id. */
  id?: Uuid;
  /** The seed's follow-ups, in the words of whoever answered them (staff view; null when unanswered). */
  keepsFromLower?: string | null;
  onePointHigher?: string | null;
}

export interface ProgressSeriesDto {
  clientId: Uuid;
  displayName: string;
  points: ProgressPointDto[];
}

export interface StageBandDto {
  stage: StageNumber;
  cycle: number;
  start: IsoDateTime;
  /** null while the case is still in this stage. */
  end: IsoDateTime | null;
}

/** `GET /api/cases/:id/progress` (and `GET /api/me/progress`, without alerts for clients). */
export interface CaseProgressDto {
  series: ProgressSeriesDto[];
  stageBands: StageBandDto[];
  sessions: { id: Uuid; startsAt: IsoDateTime }[];
  alerts: CaseAlert[];
  /** The case's current stage and cycle (practitioner view). */
  stage?: StageNumber;
  cycle?: number;
}

/** Which condition an exception bucket groups by. */
export type ExceptionConditionDimension = 'client' | 'day_type' | 'time_of_day';

/**
 * The exceptions that occurred under one condition (e.g. at weekends, in the evening, logged by one
 * partner), with the tags they carried.
 */
export interface ExceptionConditionDto {
  dimension: ExceptionConditionDimension;
  /** `weekday`/`weekend`; `morning`/`afternoon`/`evening`/`night`; or the client's id. */
  key: string;
  /** Readable, e.g. "At weekends", "In the evening (17:00-22:00)", "Chen Jing (pseudonym)". */
  label: string;
  count: number;
  /** count / total, 0..1. */
  share: number;
  /** Exceptions under this condition that were marked significant. */
  significant: number;
  /** Tags under this condition, most frequent first. */
  tags: { tag: string; count: number }[];
}

/** `GET /api/cases/:id/exception-patterns`. */
export interface ExceptionPatternsDto {
  total: number;
  /** Most frequent first; `significant`: how many of them were marked significant. */
  tags: { tag: string; count: number; significant: number }[];
  /** Tags that most often occur together. */
  pairs?: { tags: [string, string]; count: number }[];
  /** Exceptions without any tag. */
  untagged: number;
  /** Exceptions marked significant, and their share of the total (null when there are none). */
  significant: number;
  significantShare: number | null;
  /** The IANA time zone weekdays and times of day were read in. */
  timeZone: string;
  /** Under which conditions the exceptions occurred, per dimension, most frequent first. */
  conditions: ExceptionConditionDto[];
}

export interface DashboardAlertDto {
  caseId: Uuid;
  caseTitle: string;
  alert: CaseAlert;
  /** The alert's fields again, flat, for tables. */
  kind: AlertKind;
  severity: CaseAlert['severity'];
  message: string;
  params: CaseAlert['params'];
  clientId?: Uuid;
}

export interface DashboardStageOverrunDto {
  caseId: Uuid;
  caseTitle: string;
  stage: StageNumber;
  daysInStage: number;
  daysOver: number;
}

export interface DashboardUnsignedSessionDto {
  sessionId: Uuid;
  caseId: Uuid;
  caseTitle: string;
  startsAt: IsoDateTime;
}

export interface DashboardReviewItemDto {
  assignmentId: Uuid;
  caseId: Uuid;
  caseTitle: string;
  clientId: Uuid;
  clientName: string;
  /** Key of a built-in exercise, for its title in the user's language; null for a practitioner's own. */
  exerciseKey: string | null;
  exerciseTitle: string;
  submittedAt: IsoDateTime;
}

export interface DashboardOverdueItemDto {
  assignmentId: Uuid;
  caseId: Uuid;
  caseTitle: string;
  clientId: Uuid;
  clientName: string;
  /** Key of a built-in exercise, for its title in the user's language; null for a practitioner's own. */
  exerciseKey: string | null;
  exerciseTitle: string;
  dueAt: IsoDateTime;
}

export interface DashboardSessionItemDto {
  sessionId: Uuid;
  caseId: Uuid;
  caseTitle: string;
  startsAt: IsoDateTime;
  durationMinutes: number;
  signed: boolean;
}

/** `GET /api/dashboard`: the caller's caseload at a glance. */
export interface DashboardDto {
  openCasesByStage: { stage: StageNumber; count: number }[];
  reviewQueue: DashboardReviewItemDto[];
  overdueHomework: DashboardOverdueItemDto[];
  alerts: DashboardAlertDto[];
  alertCounts?: Partial<Record<AlertKind, number>>;
  sessionsThisWeek: DashboardSessionItemDto[];
  /** Mean of (latest score − first score) over clients with at least two ratings; null when none. */
  averageScaleChange: number | null;
  /** Clients that average was taken over. */
  averageScaleChangeClients?: number;
  /** The same mean as `averageScaleChange` (open cases' clients with at least two ratings). */
  averageChangeSinceIntake: number | null;
  /** Open cases whose current stage visit ran past its planned days plus grace, most overrun first. */
  stageOverruns: DashboardStageOverrunDto[];
  /** Past sessions whose note is not signed yet, oldest first. */
  unsignedSessions: DashboardUnsignedSessionDto[];
  /** Number of sessions in the current ISO week (the list above holds them). */
  sessionsThisWeekCount: number;
  /** The ISO week counted, in `timeZone`: `isoWeek` like 2026-W48, start inclusive, end exclusive. */
  week: { isoWeek: string; start: IsoDateTime; end: IsoDateTime; timeZone: string };
  /** Full counts of the lists, which hold at most 50 items each. */
  totals: { reviewQueue: number; overdueHomework: number; unsignedSessions: number; alerts: number };
}
