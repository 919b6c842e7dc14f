import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages that leave the app: the outbox of e-mails (written in the transaction of the change that
 * causes them, delivered by the job queue), the in-app notifications, each person's notification
 * settings, and the one-time links of invitations and password resets (stored as hashes only).
 */
export class NotificationsAndAccountTokens1764420000000 implements MigrationInterface {
  name = 'NotificationsAndAccountTokens1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES practices(id),
        language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'zh-CN')),
        time_zone text NOT NULL DEFAULT 'UTC',
        quiet_start smallint NOT NULL DEFAULT 1260 CHECK (quiet_start BETWEEN 0 AND 1439),
        quiet_end smallint NOT NULL DEFAULT 480 CHECK (quiet_end BETWEEN 0 AND 1439),
        email_off text[] NOT NULL DEFAULT '{}',
        digest boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE outbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        recipient_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        to_address text NOT NULL,
        kind text NOT NULL,
        language text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        links text[] NOT NULL DEFAULT '{}',
        state text NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'given_up', 'kept')),
        attempts integer NOT NULL DEFAULT 0,
        last_answer text,
        not_before timestamptz NOT NULL DEFAULT now(),
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX outbox_messages_dedupe ON outbox_messages (dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_messages_practice_idx ON outbox_messages (practice_id, created_at DESC)`);
    await q.query(`CREATE INDEX outbox_messages_due_idx ON outbox_messages (not_before) WHERE state IN ('queued', 'failed')`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        link text,
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX notifications_dedupe ON notifications (dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
        token_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose, created_at DESC)`);
    await q.query(`
      CREATE TABLE password_reset_requests (
        address_hash text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_reset_requests_idx ON password_reset_requests (address_hash, requested_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['password_reset_requests', 'account_tokens', 'notifications', 'outbox_messages', 'notification_settings']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
