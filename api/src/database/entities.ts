import { AssignmentCheckIn } from '../modules/assignments/assignment-check-in.entity.js';
import { Assignment } from '../modules/assignments/assignment.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { LoginSession } from '../modules/auth/login-session.entity.js';
import { CaseClient } from '../modules/cases/case-client.entity.js';
import { Case } from '../modules/cases/case.entity.js';
import { StageTransition } from '../modules/cases/stage-transition.entity.js';
import { Client } from '../modules/clients/client.entity.js';
import { CaseException } from '../modules/exceptions/case-exception.entity.js';
import { Exercise } from '../modules/exercises/exercise.entity.js';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity.js';
import { IntakeRequest } from '../modules/measures/intake-request.entity.js';
import { MeasureResponse } from '../modules/measures/measure-response.entity.js';
import { MeasureSchedule } from '../modules/measures/measure-schedule.entity.js';
import { Practice } from '../modules/practices/practice.entity.js';
import { ScaleScore } from '../modules/scale-scores/scale-score.entity.js';
import { SessionAddendum } from '../modules/sessions/session-addendum.entity.js';
import { TherapySession } from '../modules/sessions/therapy-session.entity.js';
import { User } from '../modules/users/user.entity.js';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';
import { AuditAppendOnlyGrants1764100000000 } from './migrations/1764100000000-audit-append-only-grants.js';
import { HotPathIndexes1764250000000 } from './migrations/1764250000000-hot-path-indexes.js';
import { IdempotencyKeyExpiry1764340000000 } from './migrations/1764340000000-idempotency-key-expiry.js';
import { SignedAddendaChain1764340000001 } from './migrations/1764340000001-signed-addenda-chain.js';
import { Measures1764440000000 } from './migrations/1764440000000-measures.js';
import { IdempotencyKeyPractice1764360000000 } from './migrations/1764360000000-idempotency-key-practice.js';
import { ExerciseEffectDeepDescription1764410000000 } from './migrations/1764410000000-exercise-effect-deep-description.js';
import { ExerciseRetirement1764470000000 } from './migrations/1764470000000-exercise-retirement.js';
import { ChangeRequestOutcomes1764490000000 } from './migrations/1764490000000-change-request-outcomes.js';
import { CaseStatusChanges1764410000001 } from './migrations/1764410000001-case-status-changes.js';
import { SignInFailures1764300000000 } from './migrations/1764300000000-sign-in-failures.js';
import { Scheduling1764430000000 } from './migrations/1764430000000-scheduling.js';
import { ClientWordsAndVersions1764320000000 } from './migrations/1764320000000-client-words-and-versions.js';
import { ExportsAndReassignments1764400000000 } from './migrations/1764400000000-exports-and-reassignments.js';
import { NotificationsAndAccountTokens1764420000000 } from './migrations/1764420000000-notifications-and-account-tokens.js';
import { ApiTokens1764450000000 } from './migrations/1764450000000-api-tokens.js';
import { RecordsOut1764460000000 } from './migrations/1764460000000-records-out.js';
import { OutboxCalendarEvent1764510000000 } from './migrations/1764510000000-outbox-calendar-event.js';
import { PublicTestStartToken1764516000000 } from './migrations/1764516000000-public-test-start-token.js';
import { AssignmentCadence1764521300000 } from './migrations/1764521300000-assignment-cadence.js';
import { CaseProblemName1764533130000 } from './migrations/1764533130000-case-problem-name.js';
import { RecordCorrections1764531300000 } from './migrations/1764531300000-record-corrections.js';
import { ReminderSettingsAndForcedPasswordChange1764500000000 } from './migrations/1764500000000-reminder-settings-and-forced-password-change.js';

/** Listed explicitly: no globs, so bundlers and the migrations CLI see the same set. */
export const ENTITIES = [
  Practice, User, LoginSession, Client, Case, CaseClient, StageTransition, TherapySession, SessionAddendum,
  ScaleScore, CaseException, Exercise, Assignment, AssignmentCheckIn, AuditEvent, IdempotencyKey,
  MeasureSchedule, MeasureResponse, IntakeRequest,
];

export const MIGRATIONS = [
  InitialSchema1764000000000, AuditAppendOnlyGrants1764100000000, HotPathIndexes1764250000000,
  SignInFailures1764300000000, ClientWordsAndVersions1764320000000, IdempotencyKeyExpiry1764340000000, SignedAddendaChain1764340000001,
  IdempotencyKeyPractice1764360000000, ExportsAndReassignments1764400000000,
  ExerciseEffectDeepDescription1764410000000, NotificationsAndAccountTokens1764420000000,
  Scheduling1764430000000,
  Measures1764440000000, ExerciseRetirement1764470000000, CaseStatusChanges1764410000001, ApiTokens1764450000000,
  RecordsOut1764460000000, ChangeRequestOutcomes1764490000000, ReminderSettingsAndForcedPasswordChange1764500000000,
  OutboxCalendarEvent1764510000000, PublicTestStartToken1764516000000, AssignmentCadence1764521300000,
  RecordCorrections1764531300000, CaseProblemName1764533130000,
];
