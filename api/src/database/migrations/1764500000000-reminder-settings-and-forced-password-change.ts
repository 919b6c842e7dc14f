import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The practice's overdue notice (on or off, and how many days after the due date it goes), and an
 * admin's "must choose a new password at the next sign-in" on an account, kept with its reason as
 * an account intervention like an unlock or a two-step reset.
 */
export class ReminderSettingsAndForcedPasswordChange1764500000000 implements MigrationInterface {
  name = 'ReminderSettingsAndForcedPasswordChange1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE practices
        ADD COLUMN overdue_notice_enabled boolean NOT NULL DEFAULT true,
        ADD COLUMN overdue_notice_after_days smallint NOT NULL DEFAULT 0 CHECK (overdue_notice_after_days BETWEEN 0 AND 14)`);
    await q.query(`ALTER TABLE users ADD COLUMN password_change_required boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE account_interventions DROP CONSTRAINT account_interventions_action_check`);
    await q.query(`ALTER TABLE account_interventions ADD CONSTRAINT account_interventions_action_check CHECK (action IN ('unlock', 'totp_reset', 'password_change_forced'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM account_interventions WHERE action = 'password_change_forced'`);
    await q.query(`ALTER TABLE account_interventions DROP CONSTRAINT account_interventions_action_check`);
    await q.query(`ALTER TABLE account_interventions ADD CONSTRAINT account_interventions_action_check CHECK (action IN ('unlock', 'totp_reset'))`);
    await q.query(`ALTER TABLE users DROP COLUMN password_change_required`);
    await q.query(`ALTER TABLE practices DROP COLUMN overdue_notice_enabled, DROP COLUMN overdue_notice_after_days`);
  }
}
