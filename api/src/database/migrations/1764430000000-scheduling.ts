import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduling in the session model: a session gains its state (scheduled, held, cancelled, no-show),
 * how it meets (in person, video, phone), where, its series and the zone its wall-clock time is kept
 * in. Sessions recorded before this were all held. Beside them: each person's zone and working
 * hours, the practice's policy, practitioners' private calendar feeds (only a token's hash is kept)
 * and clients' requests to cancel or reschedule. Every table carries practice_id.
 */
export class Scheduling1764430000000 implements MigrationInterface {
  name = 'Scheduling1764430000000';

  async up(q: QueryRunner): Promise<void> {
    // the signed-note trigger refuses any UPDATE of a signed row, so the backfill of signed rows
    // comes from the column defaults, not an UPDATE; 'held' stays the default of a row written
    // without a status (a session recorded after the fact), the API always names it
    await q.query(`
      ALTER TABLE therapy_sessions
        ADD COLUMN status text NOT NULL DEFAULT 'held' CHECK (status IN ('scheduled', 'held', 'cancelled', 'no_show')),
        ADD COLUMN meeting_format text NOT NULL DEFAULT 'in_person' CHECK (meeting_format IN ('in_person', 'video', 'phone')),
        ADD COLUMN location text CHECK (length(location) <= 500),
        ADD COLUMN series_id uuid,
        ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
        ADD COLUMN cancelled_by text CHECK (cancelled_by IN ('client', 'practitioner')),
        ADD COLUMN cancel_reason text CHECK (length(cancel_reason) <= 1000),
        ADD COLUMN cancelled_late boolean,
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN conflict_override_reason text CHECK (length(conflict_override_reason) <= 1000),
        ADD COLUMN reminder_sent_at timestamptz,
        ADD CONSTRAINT therapy_sessions_cancellation_check
          CHECK ((status = 'cancelled') = (cancelled_by IS NOT NULL AND cancelled_at IS NOT NULL AND cancelled_late IS NOT NULL)),
        ADD CONSTRAINT therapy_sessions_signed_held_check CHECK (signed_at IS NULL OR status = 'held')`);
    // the calendar's week: one practice (or practitioner, through cases) and a time window
    await q.query(`CREATE INDEX therapy_sessions_practice_time_idx ON therapy_sessions (practice_id, starts_at)`);
    await q.query(`CREATE INDEX therapy_sessions_series_idx ON therapy_sessions (series_id, starts_at) WHERE series_id IS NOT NULL`);
    await q.query(`CREATE INDEX therapy_sessions_reminder_idx ON therapy_sessions (starts_at) WHERE status = 'scheduled' AND reminder_sent_at IS NULL`);

    await q.query(`
      CREATE TABLE scheduling_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES practices(id),
        time_zone text NOT NULL,
        working_hours jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE scheduling_policies (
        practice_id uuid PRIMARY KEY REFERENCES practices(id),
        time_zone text NOT NULL DEFAULT 'UTC',
        change_notice_hours integer NOT NULL DEFAULT 24 CHECK (change_notice_hours BETWEEN 0 AND 336),
        reminder_hours_before integer NOT NULL DEFAULT 24 CHECK (reminder_hours_before BETWEEN 1 AND 168),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        show_initials boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX calendar_feeds_one_live_idx ON calendar_feeds (user_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE session_change_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        session_id uuid NOT NULL REFERENCES therapy_sessions(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES clients(id),
        requested_by uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind IN ('cancel', 'reschedule')),
        message text CHECK (length(message) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`);
    await q.query(`CREATE INDEX session_change_requests_open_idx ON session_change_requests (practice_id, session_id) WHERE resolved_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_change_requests`);
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`DROP TABLE scheduling_policies`);
    await q.query(`DROP TABLE scheduling_profiles`);
    await q.query(`DROP INDEX therapy_sessions_reminder_idx`);
    await q.query(`DROP INDEX therapy_sessions_series_idx`);
    await q.query(`DROP INDEX therapy_sessions_practice_time_idx`);
    await q.query(`
      ALTER TABLE therapy_sessions
        DROP CONSTRAINT therapy_sessions_signed_held_check,
        DROP CONSTRAINT therapy_sessions_cancellation_check,
        DROP COLUMN reminder_sent_at, DROP COLUMN conflict_override_reason, DROP COLUMN cancelled_at,
        DROP COLUMN cancelled_late, DROP COLUMN cancel_reason, DROP COLUMN cancelled_by, DROP COLUMN time_zone,
        DROP COLUMN series_id, DROP COLUMN location, DROP COLUMN meeting_format, DROP COLUMN status`);
  }
}
