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
import { IdempotencyKeyPractice1764360000000 } from './migrations/1764360000000-idempotency-key-practice.js';
import { SignInFailures1764300000000 } from './migrations/1764300000000-sign-in-failures.js';
import { ClientWordsAndVersions1764320000000 } from './migrations/1764320000000-client-words-and-versions.js';
import { RecordsOut1764460000000 } from './migrations/1764460000000-records-out.js';

/** Listed explicitly: no globs, so bundlers and the migrations CLI see the same set. */
export const ENTITIES = [
  Practice, User, LoginSession, Client, Case, CaseClient, StageTransition, TherapySession, SessionAddendum,
  ScaleScore, CaseException, Exercise, Assignment, AssignmentCheckIn, AuditEvent, IdempotencyKey,
];

export const MIGRATIONS = [
  InitialSchema1764000000000, AuditAppendOnlyGrants1764100000000, HotPathIndexes1764250000000,
  SignInFailures1764300000000, ClientWordsAndVersions1764320000000, IdempotencyKeyExpiry1764340000000, SignedAddendaChain1764340000001,
  IdempotencyKeyPractice1764360000000, RecordsOut1764460000000,
];
