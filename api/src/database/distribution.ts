/**
 * How each table of the public schema would be placed on a distributed PostgreSQL (Citus)
 * distributing by practice: docs/SCALING.md is the plan, this is its checked part. A table added
 * by a migration must be placed here, or the schema test (distribution.e2e-spec.ts) fails; a
 * distributed table must carry `practice_id`.
 */
export type Placement =
  /** Sharded by `practice_id`: every row of one practice on one shard, joins stay local. */
  | 'distributed'
  /** Small and read everywhere: copied to every node. */
  | 'reference'
  /** Kept on the coordinator only (bookkeeping, not clinical, no join with distributed tables). */
  | 'coordinator';

export interface TablePlacement {
  placement: Placement;
  /** Why, for the non-obvious ones. */
  note?: string;
}

export const TABLE_PLACEMENT: Readonly<Record<string, TablePlacement>> = {
  practices: { placement: 'reference', note: 'one row a practice; every distributed table references it' },
  exercises: { placement: 'reference', note: 'the built-in catalogue has no practice (NULL); custom exercises are few per practice' },
  users: { placement: 'distributed', note: 'sign-in looks up an email without knowing the practice: needs the email directory below' },
  clients: { placement: 'distributed' },
  cases: { placement: 'distributed' },
  case_clients: { placement: 'distributed' },
  stage_transitions: { placement: 'distributed' },
  case_status_changes: { placement: 'distributed', note: 'closing and reopening a case, with the reason' },
  record_corrections: { placement: 'distributed', note: 'corrections of ratings, exceptions and homework, with the reason' },
  therapy_sessions: { placement: 'distributed' },
  session_addenda: { placement: 'distributed' },
  scale_scores: { placement: 'distributed' },
  case_exceptions: { placement: 'distributed' },
  assignments: { placement: 'distributed' },
  assignment_check_ins: { placement: 'distributed' },
  audit_events: { placement: 'distributed', note: 'practice_id is NULL for refused anonymous requests: those go to a coordinator table' },
  account_interventions: { placement: 'distributed', note: "an admin's unlocks and two-step resets, with their reasons" },
  sign_in_failures: { placement: 'coordinator', note: 'keyed by a hash of the address typed at sign-in, before any practice is known' },
  login_sessions: { placement: 'coordinator', note: 'looked up by cookie hash on every request before the practice is known' },
  idempotency_keys: { placement: 'distributed', note: 'keeps the first answer of a retried create, which can carry clinical content' },
  scheduling_profiles: { placement: 'distributed', note: "a person's time zone and working hours" },
  scheduling_policies: { placement: 'distributed', note: "one row a practice: its zone, change notice and reminder hours" },
  calendar_feeds: {
    placement: 'coordinator',
    note: 'looked up by the hash of the token in a feed URL before the practice is known (as login_sessions); holds no clinical text',
  },
  session_change_requests: { placement: 'distributed', note: "a client's request to cancel or reschedule, with their message" },
  erasure_requests: { placement: 'distributed', note: 'a client\'s request to erase their data and the admin\'s decision' },
  migrations: { placement: 'coordinator', note: "TypeORM's bookkeeping" },
  notification_settings: { placement: 'distributed', note: "a person's language, time zone, quiet hours and e-mail choices" },
  outbox_messages: { placement: 'distributed', note: 'e-mails waiting, sent or kept; never clinical text' },
  notifications: { placement: 'distributed', note: 'in-app notifications: a kind, non-clinical parameters and a link' },
  account_tokens: { placement: 'distributed', note: 'hashes of invitation and password-reset links' },
  password_reset_requests: { placement: 'coordinator', note: 'keyed by a hash of the address typed, before any practice is known (throttle)' },
  measure_schedules: { placement: 'distributed' },
  measure_responses: { placement: 'distributed' },
  intake_requests: { placement: 'distributed', note: 'a visitor of the public page is routed by the practice of its slug' },
  case_reassignments: { placement: 'distributed', note: "a case's move from one practitioner to another, with the reason" },
  api_tokens: {
    placement: 'coordinator',
    note: 'looked up by the hash of the bearer token on every request before the practice is known (as login_sessions); holds no clinical text',
  },
};
