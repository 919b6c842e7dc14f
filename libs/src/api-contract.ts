import { z } from 'zod';
import { ALERT_KINDS, ALERT_SEVERITIES } from './alerts.js';
import { API_TOKEN_SCOPES } from './api-tokens.js';
import { ASSIGNMENT_STATUSES } from './assignments.js';
import { CASE_KINDS, CASE_STATUSES } from './cases.js';
import { CLIENT_STATUSES } from './clients.js';
import { DOMAIN_ERROR_CODES } from './errors.js';
import { EXERCISE_AUDIENCES } from './exercises/catalogue.js';
import { EXERCISE_FIELD_KINDS } from './exercises/exercise-fields.js';
import { ROLES } from './permissions.js';
import { SCALE_SCORE_SOURCES } from './scale-scores.js';
import { SESSION_FORMATS, SESSION_NOTE_KEYS } from './session-notes.js';
import { COUPLE_PATTERNS, PROFILE_DIMENSIONS, STRESS_MOVES } from './measures/communication-profile.js';
import { CHANGE_CLASSES } from './measures/instrument.js';
import { CORRECTED_RECORDS, RECORD_CORRECTION_KINDS } from './record-corrections.js';
import { APPOINTMENT_STATUSES, CANCELLED_BY, CHANGE_REQUEST_KINDS, CHANGE_REQUEST_OUTCOMES, MEETING_FORMATS } from './scheduling.js';

/**
 * The answers of the REST API (see API.md) as zod schemas: the one contract. The API's mappers are
 * typed with the types inferred from these, the web's data provider reads them, and the OpenAPI
 * document's `components.schemas` is generated from them (each `id` below is a component's name),
 * so a field the API sends and the document does not name fails the conformance test.
 * Times are ISO 8601 with a zone; ids are UUIDs; an absent optional value is null.
 */

const uuid = z.guid();
const nullableUuid = uuid.nullable();
const dateTime = z.iso.datetime({ offset: true });
const date = z.iso.date();
const text = z.string();
const count = z.int().min(0);

/** The most rows a list answers in one page (`range`); a client wanting more asks page after page. */
export const MAX_PAGE_ROWS = 500;

export const stageSchema = z.literal([1, 2, 3, 4, 5, 6]).meta({ id: 'Stage', description: 'A stage of the six-stage approach, 1-6' });
const scaleValue = z.number().min(1).max(10).multipleOf(0.5);
const roleSchema = z.enum(ROLES);

export const exerciseCadenceDtoSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('once') }),
    z.object({ kind: z.literal('daily'), days: z.int().min(1) }),
    z.object({ kind: z.literal('weekly'), weeks: z.int().min(1) }),
  ])
  .meta({ id: 'ExerciseCadence' });

const fieldBase = { name: text, label: text, help: text.optional(), required: z.boolean().optional() };
const listBounds = { itemLabel: text, minItems: count, maxItems: count };
export const exerciseFieldDtoSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...fieldBase, kind: z.literal('text'), maxLength: count.optional() }),
    z.object({ ...fieldBase, kind: z.literal('longText'), minLength: count.optional(), maxLength: count.optional() }),
    z.object({ ...fieldBase, kind: z.literal('list'), ...listBounds }),
    z.object({ ...fieldBase, kind: z.literal('ranking'), ...listBounds }),
    z.object({ ...fieldBase, kind: z.literal('scale') }),
    z.object({ ...fieldBase, kind: z.literal('date') }),
    z.object({ ...fieldBase, kind: z.literal('choice'), options: z.array(z.object({ value: text, label: text })) }),
    z.object({ ...fieldBase, kind: z.literal('tags'), suggestions: z.array(text) }),
    z.object({ ...fieldBase, kind: z.literal('boolean') }),
  ])
  .meta({ id: 'ExerciseField', description: `One field a client fills in; kinds: ${EXERCISE_FIELD_KINDS.join(', ')}` });

/** A response to an exercise: field name → value (checked against the exercise's fields on submit). */
export const exerciseResponseDtoSchema = z.record(z.string(), z.unknown()).meta({ id: 'ExerciseResponse' });

// ---- errors --------------------------------------------------------------------------------------

/**
 * The codes of the refusals that are not domain rules: the request itself (authentication, the XSRF
 * header, the body) or the server. Together with DOMAIN_ERROR_CODES they are every `code` an error
 * body can carry.
 */
export const REQUEST_ERROR_CODES = [
  'UNAUTHENTICATED',
  'XSRF_REJECTED',
  'TOTP_ENROLMENT_REQUIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'TOTP_REQUIRED_BY_PRACTICE',
  'SIGN_IN_DELAYED',
  'LINK_INVALID',
  'TOKEN_SCOPE',
  'BODY_TOO_LARGE',
  'IDEMPOTENCY_KEY_REUSED',
  'BUSY',
  'INTERNAL',
] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
export const API_ERROR_CODES = [...DOMAIN_ERROR_CODES, ...REQUEST_ERROR_CODES] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** The code an error answer carries when nothing more specific was raised (a guard's 403, Nest's own 404). */
export function apiErrorCodeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400: return 'VALIDATION';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    case 413: return 'BODY_TOO_LARGE';
    case 429: return 'RATE_LIMITED';
    case 503: return 'SERVICE_UNAVAILABLE';
    default: return status >= 400 && status < 500 ? 'VALIDATION' : 'INTERNAL';
  }
}

export const apiErrorSchema = z
  .object({
    statusCode: z.int().min(400).max(599),
    message: text,
    code: z.enum(API_ERROR_CODES),
    /** Each bad field (dot path; `_root` for the whole input) and what is wrong with it. */
    errors: z.record(z.string(), text).optional(),
    /** What the code's text names (the other appointment's title and start, a notice in hours), for clients to word it themselves. */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    /** The request's id, as in its X-Correlation-Id header and its log line: to quote to support. */
    correlationId: text,
  })
  .meta({ id: 'ApiError', description: 'Every error answer: a stable code from the table in libs, and the bad fields when there are any' });

// ---- accounts ------------------------------------------------------------------------------------

export const accountDtoSchema = z
  .object({
    id: uuid,
    email: text,
    role: roleSchema,
    displayName: text,
    /** For a client: their client record. */
    clientId: nullableUuid,
    totpEnabled: z.boolean(),
    /** The practice requires two-step sign-in and this account must enrol before anything else. */
    totpEnrolmentRequired: z.boolean(),
    /** An admin asked this person to choose a new password: nothing else answers until they have. */
    passwordChangeRequired: z.boolean(),
  })
  .meta({ id: 'Account', description: 'The signed-in user' });

export const totpStatusDtoSchema = z.object({ enabled: z.boolean(), recoveryCodesLeft: count }).meta({ id: 'TotpStatus' });
export const totpEnrolmentDtoSchema = z
  .object({ otpauthUrl: text, qrCode: text.describe('PNG data URL'), secret: text })
  .meta({ id: 'TotpEnrolment' });
export const recoveryCodesDtoSchema = z.object({ recoveryCodes: z.array(text) }).meta({ id: 'RecoveryCodes' });

export const userDtoSchema = z
  .object({
    id: uuid,
    email: text,
    role: roleSchema,
    displayName: text,
    active: z.boolean(),
    createdAt: dateTime,
    lastLoginAt: dateTime.nullable(),
    totpEnabled: z.boolean(),
    /** For a client account: the client record whose portal it opens. */
    clientId: nullableUuid,
    /** When the pending invitation's link stops working; null when none is pending. */
    invitationExpiresAt: dateTime.nullable(),
    /** An admin asked for a new password at the next sign-in, not chosen yet. */
    passwordChangeRequired: z.boolean(),
  })
  .meta({ id: 'User', description: 'An account as an admin sees it: never a password hash, a TOTP secret or recovery codes' });

export const invitedUserDtoSchema = userDtoSchema
  .extend({ temporaryPassword: text.optional().describe('Only when the server chose it: shown once') })
  .meta({ id: 'InvitedUser' });

export const apiTokenScopeSchema = z.enum(API_TOKEN_SCOPES as [string, ...string[]]).meta({ id: 'ApiTokenScope', description: '`<resource>:read` (list, read) or `<resource>:write` (create, update, delete)' });

export const apiTokenDtoSchema = z
  .object({
    id: uuid,
    name: text,
    scopes: z.array(apiTokenScopeSchema),
    /** The token's first characters, to tell tokens apart; never the whole token. */
    prefix: text,
    createdAt: dateTime,
    expiresAt: dateTime,
    lastUsedAt: dateTime.nullable(),
    revokedAt: dateTime.nullable(),
  })
  .meta({ id: 'ApiToken', description: 'A personal API token, without its secret' });

export const createdApiTokenDtoSchema = apiTokenDtoSchema
  .extend({ token: text.describe('The bearer token: shown this once, stored only as a hash') })
  .meta({ id: 'CreatedApiToken' });

/** Body of `POST /api/me/api-tokens` (which scopes a role may name, and the expiry's bounds, are checked by apiTokenInputSchema). */
export const apiTokenCreateBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters long'),
  scopes: z.array(apiTokenScopeSchema).min(1, 'must name at least one scope'),
  expiresAt: z.iso.datetime({ offset: true }),
});

// ---- clients and cases ---------------------------------------------------------------------------

export const clientDtoSchema = z
  .object({
    id: uuid,
    displayName: text,
    pronouns: text.nullable(),
    email: text.nullable(),
    phone: text.nullable(),
    status: z.enum(CLIENT_STATUSES),
    practitionerId: nullableUuid,
    portalUserId: nullableUuid,
    createdAt: dateTime,
    /** Send it back on PUT: an edit made from an older version answers 409 VERSION_CONFLICT. */
    version: z.int().min(1),
  })
  .meta({ id: 'Client' });

export const caseAlertDtoSchema = z
  .object({
    kind: z.enum(ALERT_KINDS),
    severity: z.enum(ALERT_SEVERITIES),
    clientId: uuid.optional(),
    /** The alert in English, for screens that cannot word it from `params`. */
    message: text,
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .meta({ id: 'CaseAlert' });

export const latestScoreDtoSchema = z.object({ clientId: uuid, score: scaleValue, recordedAt: dateTime }).meta({ id: 'LatestScore' });

export const caseDtoSchema = z
  .object({
    id: uuid,
    title: text,
    kind: z.enum(CASE_KINDS),
    clientIds: z.array(uuid),
    clients: z.array(z.object({ id: uuid, displayName: text })),
    practitionerId: uuid,
    stage: stageSchema,
    cycle: z.int().min(1),
    status: z.enum(CASE_STATUSES),
    openedAt: dateTime,
    closedAt: dateTime.nullable(),
    presentingConcern: text.nullable(),
    /** The problem in the client's own words ("the Fear"): exercise words that speak of the problem use it. */
    problemName: text.nullable(),
    stageEnteredAt: dateTime,
    cycleStartedAt: dateTime,
    updatedAt: dateTime,
    /** Derived: day of the current cycle, the stage planned for it and how far behind the case is. */
    day: z.int(),
    plannedStage: stageSchema,
    daysBehind: z.int(),
    scheduleStatus: z.enum(['on_schedule', 'behind', 'ahead']),
    latestScores: z.array(latestScoreDtoSchema),
    alerts: z.array(caseAlertDtoSchema),
    /** Send it back on PUT (optimistic locking). */
    version: z.int().min(1),
  })
  .meta({ id: 'Case' });

export const stageTransitionDtoSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    /** null for the opening of the case (kind `start`). */
    fromStage: stageSchema.nullable(),
    toStage: stageSchema,
    fromCycle: z.int().min(1).nullable(),
    /** Cycle the case is in after the move. */
    cycle: z.int().min(1),
    kind: z.enum(['start', 'forward', 'back', 'new_cycle']),
    reason: text,
    at: dateTime,
    actorId: nullableUuid,
  })
  .meta({ id: 'StageTransition', description: 'A recorded stage move; the opening of a case is one too (kind start, fromStage null)' });

const progressPointSchema = z
  .object({
    id: uuid, recordedAt: dateTime, score: scaleValue, source: z.enum(SCALE_SCORE_SOURCES),
    /** The seed's follow-ups, in the words of whoever answered them (staff view; null when unanswered). */
    keepsFromLower: text.nullable().optional(),
    onePointHigher: text.nullable().optional(),
  })
  .meta({ id: 'ProgressPoint' });

export const caseProgressDtoSchema = z
  .object({
    series: z.array(z.object({ clientId: uuid, displayName: text, points: z.array(progressPointSchema) })),
    stageBands: z.array(z.object({ stage: stageSchema, cycle: z.int().min(1), start: dateTime, end: dateTime.nullable() })),
    sessions: z.array(z.object({ id: uuid, startsAt: dateTime })),
    alerts: z.array(caseAlertDtoSchema),
    stage: stageSchema,
    cycle: z.int().min(1),
  })
  .meta({ id: 'CaseProgress' });

const tagCount = z.object({ tag: text, count });
export const exceptionPatternsDtoSchema = z
  .object({
    total: count,
    tags: z.array(tagCount.extend({ significant: count })),
    pairs: z.array(z.object({ tags: z.tuple([text, text]), count })),
    untagged: count,
    significant: count,
    significantShare: z.number().min(0).max(1).nullable(),
    /** The IANA time zone weekdays and times of day were read in. */
    timeZone: text,
    conditions: z.array(
      z.object({
        dimension: z.enum(['client', 'day_type', 'time_of_day']),
        key: text,
        label: text,
        count,
        share: z.number().min(0).max(1),
        significant: count,
        tags: z.array(tagCount),
      }),
    ),
  })
  .meta({ id: 'ExceptionPatterns' });

// ---- sessions, scores, exceptions ----------------------------------------------------------------

const integrity = z.enum(['verified', 'mismatch']);
export const sessionCancellationDtoSchema = z
  .object({ by: z.enum(CANCELLED_BY), reason: text.nullable(), late: z.boolean(), at: dateTime })
  .meta({ id: 'SessionCancellation' });

export const sessionChangeRequestDtoSchema = z
  .object({ id: uuid, kind: z.enum(CHANGE_REQUEST_KINDS), message: text.nullable(), clientId: uuid, createdAt: dateTime })
  .meta({ id: 'SessionChangeRequest' });

export const sessionDtoSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    startsAt: dateTime,
    durationMinutes: z.int().min(1),
    format: z.enum(SESSION_FORMATS),
    attendeeIds: z.array(uuid),
    stage: stageSchema,
    note: z.partialRecord(z.enum(SESSION_NOTE_KEYS), text.nullable().optional()),
    signedAt: dateTime.nullable(),
    signedBy: nullableUuid,
    /** SHA-256 of the canonical note at signing. */
    noteHash: text.nullable(),
    /** The signed record recomputed on read. */
    integrity: z.enum(['verified', 'mismatch', 'unsigned']),
    addenda: z.array(z.object({ id: uuid, authorId: uuid, /** The author's display name, shown with the addendum. */ authorName: text.nullable(), text, createdAt: dateTime, at: dateTime, integrity })),
    /** Scheduling: the appointment's state, how and where it meets, its series and zone. */
    status: z.enum(APPOINTMENT_STATUSES),
    endsAt: dateTime,
    meetingFormat: z.enum(MEETING_FORMATS),
    location: text.nullable(),
    seriesId: nullableUuid,
    /** The zone the wall-clock time is kept in (a series keeps its local time there). */
    timeZone: text,
    cancellation: sessionCancellationDtoSchema.nullable(),
    conflictOverrideReason: text.nullable(),
    /** For the calendar entry: the case's title, its practitioner and the attendees' names. */
    caseTitle: text,
    practitionerId: uuid,
    attendeeNames: z.array(text),
    /** Open requests of the client to cancel or reschedule. */
    changeRequests: z.array(sessionChangeRequestDtoSchema),
    version: z.int().min(1),
    createdBy: nullableUuid,
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Session' });

/** `GET /api/me/sessions`: one of the client's upcoming sessions, in their zone. */
export const mySessionDtoSchema = z
  .object({
    id: uuid,
    startsAt: dateTime,
    endsAt: dateTime,
    durationMinutes: z.int().min(1),
    /** The wall-clock start in `timeZone` (the client's zone), e.g. 2026-03-01T09:30. */
    localStartsAt: text,
    timeZone: text,
    /** The wall-clock start in the practitioner's zone when it differs from the client's. */
    practitionerLocalStartsAt: text.nullable(),
    practitionerTimeZone: text,
    meetingFormat: z.enum(MEETING_FORMATS),
    /** An address, a video link or a phone number, as text. */
    location: text.nullable(),
    practitionerName: text,
    /** Whether a request to cancel or reschedule is still possible under the practice's policy. */
    changeAllowed: z.boolean(),
    changeNoticeHours: z.int().min(0),
    pendingRequest: z.enum(CHANGE_REQUEST_KINDS).nullable(),
  })
  .meta({ id: 'MySession' });

const clientWordsMarks = {
  /** Staff's note beside the entry: the only words staff add to a client's own entry. */
  staffAnnotation: text.nullable(),
  /** Left out of charts and alerts (kept in the record), with the reason staff gave. */
  hidden: z.boolean(),
  hiddenReason: text.nullable(),
  version: z.int().min(1),
};

export const scaleScoreDtoSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    clientId: uuid,
    score: scaleValue,
    recordedAt: dateTime,
    source: z.enum(SCALE_SCORE_SOURCES),
    keepsFromLower: text.nullable(),
    onePointHigher: text.nullable(),
    sessionId: nullableUuid,
    ...clientWordsMarks,
  })
  .meta({ id: 'ScaleScore' });

export const caseExceptionDtoSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    clientId: uuid,
    occurredAt: dateTime,
    context: text,
    behavior: text.nullable(),
    thoughts: text.nullable(),
    emotions: text.nullable(),
    meaning: text.nullable(),
    tags: z.array(text),
    /** The deep description (body, forgotten capacity, if it happened more often): only the parts answered. */
    deep: z.object({ bodily: text.nullable().optional(), capacity: text.nullable().optional(), ifMoreOften: text.nullable().optional() }).nullable(),
    significant: z.boolean(),
    /** Who logged it: the practitioner, or the client through the portal. */
    source: z.enum(SCALE_SCORE_SOURCES),
    ...clientWordsMarks,
  })
  .meta({ id: 'CaseException' });

// ---- exercises and homework ----------------------------------------------------------------------

export const exerciseDtoSchema = z
  .object({
    id: uuid,
    /** Key of a built-in exercise, or the slug of a practitioner's own. */
    key: text,
    stage: stageSchema,
    title: text,
    summary: text.nullable(),
    instructions: text,
    audience: z.enum(EXERCISE_AUDIENCES),
    cadence: exerciseCadenceDtoSchema,
    fields: z.array(exerciseFieldDtoSchema),
    /** JSON Schema (draft 2020-12) of a submitted response. */
    responseSchema: z.record(z.string(), z.unknown()),
    builtIn: z.boolean(),
    effect: z.enum(['exception', 'scale_score', 'exception_deep']).nullable(),
    /** Author of a practitioner's own exercise. */
    ownerId: nullableUuid,
  })
  .meta({ id: 'Exercise' });

export const checkInStateSchema = z.enum(['done', 'missed', 'due', 'upcoming']);
const checkInDaySchema = z.object({ index: count, start: date, end: date, state: checkInStateSchema }).meta({ id: 'CheckInPeriod' });
/** One check-in of a daily or weekly homework as staff read it with the homework. */
export const checkInNoteDtoSchema = z.object({ periodStart: date, note: z.string(), createdAt: dateTime }).meta({ id: 'CheckInNote' });

/** What staff and the client both see of a piece of homework. */
const homeworkFields = {
  id: uuid,
  caseId: uuid,
  clientId: uuid,
  exerciseId: uuid,
  assignedAt: dateTime,
  dueAt: dateTime,
  note: text.nullable(),
  status: z.enum(ASSIGNMENT_STATUSES),
  /** Derived: due time passed, no daily or weekly check-in still to come, and not yet submitted. */
  overdue: z.boolean(),
  /** The submitted answers; null before submission (a draft is never shown to staff). */
  response: exerciseResponseDtoSchema.nullable(),
  submittedAt: dateTime.nullable(),
  /** The practitioner's feedback (the client sees it once reviewed). */
  feedback: text.nullable(),
  reviewedAt: dateTime.nullable(),
  /** In a couple case: whether the other partner may see the answers. */
  sharedWithPartner: z.boolean(),
  /** The homework's own cadence, chosen when it was given (the exercise's by default). */
  cadence: exerciseCadenceDtoSchema,
};

export const assignmentDtoSchema = z
  .object({
    ...homeworkFields,
    exercise: z.object({
      id: uuid,
      key: text,
      title: text,
      stage: stageSchema,
      audience: z.enum(EXERCISE_AUDIENCES),
      /** In `GET /api/assignments/:id` and the answers of writes only. */
      fields: z.array(exerciseFieldDtoSchema).optional(),
    }),
    /** For daily and weekly cadences; null for a one-off. */
    checkIns: z.array(checkInDaySchema).nullable(),
    /** The notes the client wrote at each daily or weekly check-in, oldest period first; null for a one-off. */
    checkInNotes: z.array(checkInNoteDtoSchema).nullable(),
    version: z.int().min(1),
  })
  .meta({ id: 'Assignment', description: 'Homework as staff see it' });

// ---- audit and dashboard -------------------------------------------------------------------------

export const auditEventDtoSchema = z
  .object({
    id: z.string().regex(/^\d+$/),
    at: dateTime,
    actorId: nullableUuid,
    action: text,
    entity: text,
    entityId: text.nullable(),
    caseId: nullableUuid,
    /** The personal API token the actor used, when it was one. */
    apiTokenId: nullableUuid,
    ip: text.nullable(),
    correlationId: text.nullable(),
    /** Rows an export returned (exports only). */
    rowCount: z.number().int().nonnegative().nullable(),
  })
  .meta({ id: 'AuditEvent', description: 'Who did what to which record, when and from where; never clinical text' });

const caseRef = { caseId: uuid, caseTitle: text };
const homeworkRef = { assignmentId: uuid, ...caseRef, clientId: uuid, clientName: text, exerciseKey: text.nullable(), exerciseTitle: text };

export const dashboardDtoSchema = z
  .object({
    openCasesByStage: z.array(z.object({ stage: stageSchema, count })),
    reviewQueue: z.array(z.object({ ...homeworkRef, submittedAt: dateTime })),
    overdueHomework: z.array(z.object({ ...homeworkRef, dueAt: dateTime })),
    alerts: z.array(z.object({ ...caseRef, alert: caseAlertDtoSchema })),
    alertCounts: z.partialRecord(z.enum(ALERT_KINDS), count),
    sessionsThisWeek: z.array(z.object({ sessionId: uuid, ...caseRef, startsAt: dateTime, durationMinutes: z.int(), signed: z.boolean() })),
    /** Sessions in the current ISO week (the list above holds at most 200 of them). */
    sessionsThisWeekCount: count,
    /** Mean of (latest score − first score) over open cases' clients with at least two ratings; null when none. */
    averageChangeSinceIntake: z.number().nullable(),
    /** Clients that mean was taken over. */
    averageChangeClients: count,
    /** Open cases whose current stage visit ran past its planned days plus grace, most overrun first. */
    stageOverruns: z.array(z.object({ ...caseRef, stage: stageSchema, daysInStage: z.int(), daysOver: z.int() })),
    /** Past sessions whose note is not signed yet, oldest first. */
    unsignedSessions: z.array(z.object({ sessionId: uuid, ...caseRef, startsAt: dateTime })),
    /** The ISO week counted, in `timeZone`: start inclusive, end exclusive. */
    week: z.object({ isoWeek: text, start: dateTime, end: dateTime, timeZone: text }),
    /** Full counts of the lists, which hold at most 50 items each. */
    totals: z.object({ reviewQueue: count, overdueHomework: count, unsignedSessions: count, alerts: count }),
  })
  .meta({ id: 'Dashboard', description: 'The caller\'s caseload at a glance; each value once' });

// ---- the client portal ---------------------------------------------------------------------------

const portalExerciseSummary = {
  id: uuid,
  /** A built-in exercise's key (for its title in the reader's language); null for a practitioner's own. */
  key: text.nullable(),
  stage: stageSchema,
  title: text,
  summary: text.nullable(),
  audience: z.enum(EXERCISE_AUDIENCES),
  cadence: exerciseCadenceDtoSchema,
};

export const portalAssignmentSummaryDtoSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    exerciseId: uuid,
    assignedAt: dateTime,
    dueAt: dateTime,
    note: text.nullable(),
    status: z.enum(ASSIGNMENT_STATUSES),
    overdue: z.boolean(),
    draftSavedAt: dateTime.nullable(),
    submittedAt: dateTime.nullable(),
    reviewedAt: dateTime.nullable(),
    hasFeedback: z.boolean(),
    sharedWithPartner: z.boolean(),
    exercise: z.object(portalExerciseSummary),
  })
  .meta({ id: 'PortalAssignmentSummary' });

export const portalAssignmentDetailDtoSchema = z
  .object({
    ...homeworkFields,
    draft: exerciseResponseDtoSchema.nullable(),
    draftSavedAt: dateTime.nullable(),
    /** In a couple case the client may share the answers with their partner. */
    coupleCase: z.boolean(),
    /** The case's name for the problem, in the client's own words; the exercise's `{problem}` reads it (neutral wording when null). */
    problemName: text.nullable(),
    /** Items of her own latest submitted answers a list field offers to pick from (the commitment's actions from her action menu), by field name. */
    picks: z.record(z.string(), z.array(text)),
    checkIns: z
      .object({
        calendar: z.array(checkInDaySchema),
        entries: z.array(z.object({ periodStart: date, response: z.object({ note: text }), createdAt: dateTime })),
      })
      .nullable(),
    exercise: z.object({
      ...portalExerciseSummary,
      instructions: text,
      fields: z.array(exerciseFieldDtoSchema),
      /** JSON Schema (draft 2020-12) of a submitted response. */
      responseSchema: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'PortalAssignment', description: 'One of the caller\'s assignments with its exercise, draft and check-ins' });

export const portalProgressDtoSchema = z
  .object({
    cases: z.array(
      z.object({
        caseId: uuid,
        kind: z.enum(CASE_KINDS),
        status: z.enum(CASE_STATUSES),
        stage: stageSchema,
        openedAt: dateTime,
        /** The caller's own ratings, oldest first. Never the partner's. */
        points: z.array(progressPointSchema.omit({ id: true })),
      }),
    ),
    feedback: z.array(
      z.object({
        assignmentId: uuid,
        caseId: uuid,
        exerciseKey: text.nullable(),
        exerciseTitle: text,
        feedback: text,
        submittedAt: dateTime.nullable(),
        reviewedAt: dateTime.nullable(),
      }),
    ),
  })
  .meta({ id: 'PortalProgress' });

export const partnerAnswerDtoSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    partnerName: text,
    exerciseKey: text.nullable(),
    exerciseTitle: text,
    fields: z.array(exerciseFieldDtoSchema),
    response: exerciseResponseDtoSchema,
    submittedAt: dateTime.nullable(),
  })
  .meta({ id: 'PartnerAnswer', description: 'An answer the partner chose to share' });

export const myExceptionDtoSchema = caseExceptionDtoSchema
  .pick({ id: true, caseId: true, occurredAt: true, context: true, behavior: true, thoughts: true, emotions: true, meaning: true, tags: true, deep: true })
  .extend({ createdAt: dateTime })
  .meta({ id: 'MyException' });

export const myScaleScoreDtoSchema = scaleScoreDtoSchema
  .pick({ id: true, caseId: true, score: true, recordedAt: true, keepsFromLower: true, onePointHigher: true })
  .meta({ id: 'MyScaleScore' });

// ---- operations ----------------------------------------------------------------------------------

export const healthDtoSchema = z.object({ status: z.literal('ok'), database: z.literal('up') }).meta({ id: 'Health' });
export const readinessDtoSchema = z
  .object({ status: z.literal('ready'), database: z.literal('up'), migrations: z.literal('applied') })
  .meta({ id: 'Readiness' });

// ---------------------------------------------------------------- answers of the merged branches

/** `GET /api/cases/:id/status-changes`: one close or reopen of a case. */
export const caseStatusChangeDtoSchema = z
  .object({ id: uuid, caseId: uuid, toStatus: z.enum(CASE_STATUSES), reason: text, actorId: nullableUuid, at: dateTime })
  .meta({ id: 'CaseStatusChange' });

/** `GET /api/cases/:id/corrections`: one correction of a rating, an exception or homework, with its reason (staff only). */
export const recordCorrectionDtoSchema = z
  .object({
    id: uuid, caseId: uuid, entity: z.enum(CORRECTED_RECORDS), entityId: uuid, kind: z.enum(RECORD_CORRECTION_KINDS),
    recordAt: dateTime, reason: text, actorId: nullableUuid, actorName: text.nullable(), at: dateTime,
  })
  .meta({ id: 'RecordCorrection' });

/** `GET /api/clients/:id/portal-account`: whether the client can sign in to the portal. */
export const portalAccountDtoSchema = z
  .object({
    state: z.enum(['none', 'deactivated', 'invited', 'invitation_expired', 'never_signed_in', 'active']),
    email: text.nullable(), createdAt: dateTime.nullable(), lastSignInAt: dateTime.nullable(), invitationExpiresAt: dateTime.nullable(),
  })
  .meta({ id: 'PortalAccount' });

/** `POST /api/clients/:id/portal-invitation`: the account made (or invited again) and until when its link works. */
export const portalInvitationDtoSchema = z
  .object({ clientId: uuid, userId: uuid, email: text, invitationExpiresAt: dateTime })
  .meta({ id: 'PortalInvitation' });

/** One in-app notification: the kind and its parameters (ids and dates, never clinical text). */
export const notificationDtoSchema = z
  .object({
    id: uuid,
    kind: text,
    params: z.object({
      practitionerName: text.optional(),
      practiceName: text.optional(),
      dueDate: text.optional(),
      count: z.number().optional(),
      validHours: z.number().optional(),
      appointmentTime: text.optional(),
    }),
    link: text.nullable(),
    createdAt: dateTime,
    readAt: dateTime.nullable(),
  })
  .meta({ id: 'Notification' });

/** `GET /api/me/notifications`: the newest notifications and how many are unread. */
export const myNotificationsDtoSchema = z
  .object({ unread: count, items: z.array(notificationDtoSchema) })
  .meta({ id: 'MyNotifications' });

/** `GET /api/me/notification-settings`. */
export const notificationSettingsDtoSchema = z
  .object({
    language: z.enum(['en', 'zh-CN']),
    timeZone: text,
    /** `HH:MM` in timeZone; equal start and end: no quiet hours. */
    quietStart: text,
    quietEnd: text,
    /** The kinds this person gets no e-mail for. */
    emailOff: z.array(text),
    digest: z.boolean(),
    /** The person saved these settings; false: the defaults (the web app then keeps the browser's language). */
    saved: z.boolean(),
  })
  .meta({ id: 'NotificationSettings' });

/** `GET /api/outbox`: one e-mail as an admin reads it. */
export const outboxMessageDtoSchema = z
  .object({
    id: uuid,
    to: text,
    kind: text,
    language: text,
    subject: text,
    text,
    links: z.array(text),
    /** The files the mail attaches by name, e.g. `appointment.ics` (an appointment's time and place). */
    attachments: z.array(text),
    state: z.enum(['queued', 'sent', 'failed', 'given_up', 'kept']),
    attempts: count,
    lastAnswer: text.nullable(),
    notBefore: dateTime,
    createdAt: dateTime,
    sentAt: dateTime.nullable(),
  })
  .meta({ id: 'OutboxMessage' });

const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
/** Opening intervals per weekday, wall-clock `HH:MM` in the person's zone. */
export const workingHoursDtoSchema = z
  .partialRecord(z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']), z.array(z.tuple([wallClock, wallClock])))
  .meta({ id: 'WorkingHours' });

/** `GET /api/scheduling-profiles/:userId`. */
export const schedulingProfileDtoSchema = z
  .object({ userId: uuid, timeZone: text, workingHours: workingHoursDtoSchema.nullable() })
  .meta({ id: 'SchedulingProfile' });

/** `GET /api/scheduling-policy`. */
export const schedulingPolicyDtoSchema = z
  .object({ timeZone: text, changeNoticeHours: count, reminderHoursBefore: count })
  .meta({ id: 'SchedulingPolicy' });

/** `POST /api/me/sessions/:id/change-requests`. */
export const changeRequestDtoSchema = z
  .object({ id: uuid, sessionId: uuid, kind: z.enum(CHANGE_REQUEST_KINDS), createdAt: dateTime })
  .meta({ id: 'ChangeRequest' });

/** `GET /api/me/change-requests`: the caller's recent requests and what became of them. */
export const myChangeRequestDtoSchema = z
  .object({
    id: uuid,
    sessionId: uuid,
    kind: z.enum(CHANGE_REQUEST_KINDS),
    outcome: z.enum(CHANGE_REQUEST_OUTCOMES),
    /** The practitioner's reason when declined (shown to the client only in the portal, never mailed). */
    reason: text.nullable(),
    /** The session's time the request was about, wall clock in `timeZone`. */
    askedLocalStartsAt: text,
    /** The session's time now (moved when a reschedule was accepted), wall clock in `timeZone`. */
    localStartsAt: text,
    timeZone: text,
    status: z.enum(APPOINTMENT_STATUSES),
    createdAt: dateTime,
    resolvedAt: dateTime.nullable(),
  })
  .meta({ id: 'MyChangeRequest' });

/** `POST /api/me/calendar-feed`: the secret address of the caller's calendar feed. */
export const calendarFeedDtoSchema = z.object({ url: z.url() }).meta({ id: 'CalendarFeed' });

/** One request to erase a client's record, and its decision. */
export const erasureRequestDtoSchema = z
  .object({
    id: uuid,
    clientId: uuid,
    clientName: text,
    requestedAt: dateTime,
    reason: text.nullable(),
    status: z.enum(['pending', 'accepted', 'declined']),
    decidedAt: dateTime.nullable(),
    decidedBy: nullableUuid,
    decisionReason: text.nullable(),
  })
  .meta({ id: 'ErasureRequest' });

/** `GET /api/me/erasure-requests`: the caller's requests and the rule of what is kept. */
export const myErasureRequestsDtoSchema = z
  .object({ retentionRule: text, requests: z.array(erasureRequestDtoSchema) })
  .meta({ id: 'MyErasureRequests' });

/** `GET /api/practice`. */
export const practiceSettingsDtoSchema = z
  .object({ id: uuid, name: text, slug: text.nullable(), publicTestEnabled: z.boolean(), overdueNoticeEnabled: z.boolean(), overdueNoticeAfterDays: z.int().min(0) })
  .meta({ id: 'PracticeSettings' });

/** `GET /api/measure-schedules/:id`. */
export const measureScheduleDtoSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    clientId: uuid,
    measureKey: text,
    cadence: z.enum(['once', 'every_session', 'every_n_weeks']),
    intervalWeeks: z.int().min(1).nullable(),
    expiresAfterDays: z.int().min(1),
    startsAt: dateTime,
    active: z.boolean(),
    createdAt: dateTime,
  })
  .meta({ id: 'MeasureSchedule' });

const localText = z.object({ en: text, 'zh-CN': text }).meta({ id: 'LocalText', description: 'A text in English and Simplified Chinese' });
const measureItem = z
  .object({
    key: text,
    text: localText,
    options: z.array(z.object({ value: z.number(), label: localText })),
    reverse: z.boolean().optional(),
    subscales: z.array(text).optional(),
    safety: z.object({ flagAt: z.number() }).optional(),
    provenance: text.optional(),
  })
  .meta({ id: 'MeasureItem' });
const measureScoring = z.union([z.object({ method: z.enum(['sum', 'mean']) }), z.object({ method: z.literal('scaled'), to: z.number() })]);
const measureBand = z.object({ key: text, min: z.number(), max: z.number(), label: localText, concern: z.literal([0, 1, 2, 3]) }).meta({ id: 'MeasureBand' });
const measureLicence = z.object({ kind: z.enum(['free_with_attribution', 'original', 'licensed_items_not_shipped']), attribution: text, url: text.optional() });
const measureAudience = z.enum(['individual', 'couple_partner']);
const measureDirection = z.enum(['higher_is_worse', 'higher_is_better']);
const measureRange = z.object({ min: z.number(), max: z.number() });
const partnerProfile = z
  .object({
    dimensions: z.object(Object.fromEntries(PROFILE_DIMENSIONS.map((d) => [d, z.number().nullable()])) as Record<(typeof PROFILE_DIMENSIONS)[number], z.ZodNullable<z.ZodNumber>>),
    press: z.number().nullable(),
    withdraw: z.number().nullable(),
    stressMove: z.enum(STRESS_MOVES).nullable(),
  })
  .meta({ id: 'PartnerProfile', description: 'A partner\'s communication profile: each dimension 0-100 and their move under stress' });
const playbook = z
  .array(z.object({
    about: z.enum([...PROFILE_DIMENSIONS, ...COUPLE_PATTERNS]),
    suggestions: z.array(z.object({ key: text, kind: text, text: localText, exerciseKey: text })),
  }))
  .meta({ id: 'Playbook', description: 'Suggestions per low dimension or couple pattern' });
const measureAnswers = z.record(z.string(), z.number().nullable());
const measureBandResult = z.object({ key: text, label: localText, concern: z.number() });

/** `GET /api/measures/:key`: a built-in definition (its fields as libs' MeasureDefinition). */
export const measureDefinitionDtoSchema = z
  .object({
    id: text,
    builtIn: z.literal(true),
    range: measureRange,
    key: text,
    version: text,
    title: localText,
    shortTitle: text,
    instructions: localText,
    items: z.array(measureItem),
    scoring: measureScoring,
    subscales: z.array(z.object({ key: text, label: localText, scoring: measureScoring })).optional(),
    direction: measureDirection,
    bands: z.array(measureBand),
    clinicalCutoff: z.number().optional(),
    reliableChange: z.object({ points: z.number(), source: text }).optional(),
    missing: z.object({ maxMissing: count, required: z.array(text).optional(), source: text }),
    licence: measureLicence,
    loincTotal: text.optional(),
    audience: measureAudience,
  })
  .meta({ id: 'MeasureDefinition' });

/** `GET /api/measure-responses/:id`: one occurrence of a measure, pending or answered. */
export const measureResponseDtoSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    clientId: uuid,
    scheduleId: nullableUuid,
    measureKey: text,
    status: z.enum(['pending', 'completed', 'expired']),
    opensAt: dateTime,
    expiresAt: dateTime,
    completedAt: dateTime.nullable(),
    source: z.enum(['client', 'practitioner']).nullable(),
    answers: measureAnswers.nullable(),
    score: z.number().nullable(),
    band: measureBandResult.nullable(),
    change: z.object({ baseline: z.number(), delta: z.number(), class: z.enum(CHANGE_CLASSES) }).nullable(),
    safetyFlags: z.array(z.object({ item: text, value: z.number() })),
    subscales: z.record(z.string(), z.number().nullable()),
    profile: partnerProfile.nullable(),
    safetyConcern: z.boolean(),
    sharedWithPartner: z.boolean(),
  })
  .meta({ id: 'MeasureResponse' });

/** `GET /api/cases/:id/measures`. */
export const caseMeasuresDtoSchema = z
  .object({
    series: z.array(z.object({
      measureKey: text,
      title: localText,
      shortTitle: text,
      direction: measureDirection,
      bands: z.array(measureBand),
      clinicalCutoff: z.number().nullable(),
      reliableChangePoints: z.number().nullable(),
      range: measureRange,
      itemKeys: z.array(text),
      clients: z.array(z.object({ clientId: uuid, displayName: text, points: z.array(measureResponseDtoSchema) })),
    })),
    sessions: z.array(z.object({ id: uuid, startsAt: dateTime })),
    couple: z.object({
      partners: z.array(z.object({ clientId: uuid, displayName: text, responseId: uuid, profile: partnerProfile, completedAt: dateTime })),
      waitingFor: z.array(z.object({ clientId: uuid, displayName: text })),
      pattern: z.enum(COUPLE_PATTERNS).nullable(),
      safetyConcern: z.boolean(),
      playbook,
    }).nullable(),
  })
  .meta({ id: 'CaseMeasures' });

/** `GET /api/me/measures/:id`: a measure given to the caller. */
export const myMeasureDtoSchema = z
  .object({
    id: uuid,
    measureKey: text,
    title: localText,
    status: z.enum(['pending', 'completed', 'expired']),
    opensAt: dateTime,
    expiresAt: dateTime,
    completedAt: dateTime.nullable(),
    draft: z.object({ answers: measureAnswers, safety: measureAnswers.optional() }).nullable(),
    definition: z.object({ key: text, title: localText, instructions: localText, items: z.array(measureItem), audience: measureAudience, licence: measureLicence }),
    result: z.object({ score: z.number().nullable(), band: measureBandResult.nullable(), profile: partnerProfile.nullable(), safetyConcern: z.boolean() }).nullable(),
    playbook: playbook.nullable(),
    partnerProfile: partnerProfile.nullable(),
    partnerPattern: z.enum(COUPLE_PATTERNS).nullable(),
  })
  .meta({ id: 'MyMeasure' });

/** `GET /api/public/practices/:slug/relationship-test`. */
export const publicTestDtoSchema = z
  .object({
    practiceName: text,
    startedAt: z.number(),
    startToken: text,
    minFillSeconds: count,
    definition: z.object({ key: text, title: localText, instructions: localText, items: z.array(measureItem), licence: measureLicence }),
    safetyItems: z.array(measureItem),
  })
  .meta({ id: 'PublicTest' });

/** `POST /api/public/practices/:slug/relationship-test`. */
export const publicTestResultDtoSchema = z
  .object({ profile: partnerProfile, safetyConcern: z.boolean(), playbook, sent: z.boolean() })
  .meta({ id: 'PublicTestResult' });

/** `GET /api/intake-requests/:id`. */
export const intakeRequestDtoSchema = z
  .object({
    id: uuid,
    status: z.enum(['new', 'accepted', 'declined']),
    name: text,
    email: text.nullable(),
    phone: text.nullable(),
    message: text.nullable(),
    locale: text,
    profile: partnerProfile,
    safetyConcern: z.boolean(),
    playbook,
    createdAt: dateTime,
    decidedAt: dateTime.nullable(),
    clientId: nullableUuid,
    caseId: nullableUuid,
  })
  .meta({ id: 'IntakeRequest' });

/** A FHIR R4 Bundle (searchset), as FHIR defines it. */
export const fhirBundleSchema = z.looseObject({ resourceType: z.literal('Bundle'), type: text }).meta({ id: 'FhirBundle' });
/** A FHIR R4 Questionnaire, as FHIR defines it. */
export const fhirQuestionnaireSchema = z.looseObject({ resourceType: z.literal('Questionnaire') }).meta({ id: 'FhirQuestionnaire' });
/** `GET /api/me/export`: the caller's record as a JSON file. */
export const myRecordExportSchema = z
  .object({
    format: z.literal('attune-my-record/v1'),
    exportedAt: dateTime,
    notice: text,
    people: z.array(z.object({ clientId: uuid, displayName: text })),
    /** Each case with its homework (as libs' MyRecordCase: exercise, answers, draft, check-ins), ratings, moments, what the partner shared and the caller's own measures. */
    cases: z.array(z.object({
      caseId: uuid,
      title: text,
      kind: z.enum(CASE_KINDS),
      status: z.enum(CASE_STATUSES),
      openedAt: dateTime,
      closedAt: dateTime.nullable(),
      homework: z.array(z.object({
        id: uuid,
        exercise: z.object({ key: text.nullable(), title: text, fields: z.array(exerciseFieldDtoSchema) }),
        status: z.enum(ASSIGNMENT_STATUSES),
        assignedAt: dateTime,
        dueAt: dateTime,
        noteFromPractitioner: text.nullable(),
        answers: exerciseResponseDtoSchema.nullable(),
        draft: exerciseResponseDtoSchema.nullable(),
        submittedAt: dateTime.nullable(),
        sharedWithPartner: z.boolean(),
        feedback: text.nullable(),
        reviewedAt: dateTime.nullable(),
        checkIns: z.array(z.object({ periodStart: date, response: exerciseResponseDtoSchema })),
      }).meta({ id: 'MyRecordHomework' })),
      ratings: z.array(z.object({ id: uuid, score: z.number(), recordedAt: dateTime, source: z.enum(['practitioner', 'client']), keepsFromLower: text.nullable(), onePointHigher: text.nullable() })),
      moments: z.array(z.object({ id: uuid, occurredAt: dateTime, context: text, behavior: text.nullable(), thoughts: text.nullable(), emotions: text.nullable(), meaning: text.nullable(), tags: z.array(text) })),
      partnerShared: z.array(z.object({
        id: uuid, partnerName: text, exerciseKey: text.nullable(), exerciseTitle: text, fields: z.array(exerciseFieldDtoSchema), answers: exerciseResponseDtoSchema, submittedAt: dateTime.nullable(),
      }).meta({ id: 'MyRecordPartnerShared' })),
      measures: z.array(z.object({
        id: uuid,
        measureKey: text,
        title: localText,
        completedAt: dateTime,
        score: z.number().nullable(),
        band: z.object({ key: text, label: localText }).nullable(),
        changeClass: z.enum(CHANGE_CLASSES).nullable(),
        answers: z.array(z.object({ item: text, question: localText, value: z.number().nullable(), answer: localText.nullable() })),
      }).meta({ id: 'MyRecordMeasure' })),
    })),
  })
  .meta({ id: 'MyRecordExport' });
