import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins counted in PostgreSQL, per normalised email address whether or not an account has
 * it (the key is the SHA-256 of the trimmed, lower-cased address: no address is stored), so that an
 * attempt is reserved by one atomic statement before its password is checked, and known and unknown
 * addresses get the same progressive delays. Replaces the users' hard lock (failed_logins,
 * locked_until). account_interventions keeps an admin's reason for unlocking an account or resetting
 * its two-step sign-in, out of the audit trail (which holds ids only).
 */
export class SignInFailures1764300000000 implements MigrationInterface {
  name = 'SignInFailures1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_failures (
        subject text PRIMARY KEY CHECK (subject ~ '^[0-9a-f]{64}$'),
        failures integer NOT NULL CHECK (failures > 0),
        last_failed_at timestamptz NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        audited_at timestamptz
      )`);
    await q.query(`CREATE INDEX sign_in_failures_last_failed_idx ON sign_in_failures (last_failed_at)`);
    await q.query(`
      CREATE TABLE account_interventions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES users(id),
        action text NOT NULL CHECK (action IN ('unlock', 'totp_reset')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX account_interventions_user_idx ON account_interventions (user_id, at DESC)`);
    await q.query(`ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`);
    await q.query(`DROP TABLE IF EXISTS account_interventions`);
    await q.query(`DROP TABLE IF EXISTS sign_in_failures`);
  }
}
