import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail, append-only by privilege as well as by trigger: nobody (PUBLIC) and not the
 * role that runs the application may UPDATE, DELETE or TRUNCATE audit_events. The trigger of the
 * initial schema refuses those statements for every role; these REVOKEs add a second, independent
 * refusal for any role that is not a superuser. A superuser (the embedded database's own user is
 * one) bypasses privileges, and may disable triggers: docs/SECURITY.md says what that means.
 */
export class AuditAppendOnlyGrants1764100000000 implements MigrationInterface {
  name = 'AuditAppendOnlyGrants1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC`);
    // The owner may revoke its own privileges (it could grant them back, which the trigger still stops).
    await q.query(`DO $$ BEGIN EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %I', current_user); END $$`);
    await q.query(`COMMENT ON TABLE audit_events IS 'Append-only: UPDATE, DELETE and TRUNCATE are refused by the trigger audit_events_append_only and revoked from PUBLIC and the owner'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN EXECUTE format('GRANT UPDATE, DELETE, TRUNCATE ON audit_events TO %I', current_user); END $$`);
    await q.query(`COMMENT ON TABLE audit_events IS NULL`);
  }
}
