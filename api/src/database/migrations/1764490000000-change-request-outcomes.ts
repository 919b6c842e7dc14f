import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client's request to cancel or reschedule is answered explicitly: accepted (the session was
 * cancelled or moved) or declined with a reason the client reads in the portal; who answered and
 * the time the request was about (a moved session has another time afterwards) are kept.
 */
export class ChangeRequestOutcomes1764490000000 implements MigrationInterface {
  name = 'ChangeRequestOutcomes1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE session_change_requests
        ADD COLUMN outcome text CHECK (outcome IN ('accepted', 'declined')),
        ADD COLUMN resolution_reason text CHECK (length(resolution_reason) <= 1000),
        ADD COLUMN resolved_by uuid REFERENCES users(id),
        ADD COLUMN session_starts_at timestamptz,
        ADD CONSTRAINT session_change_requests_declined_reason_check CHECK (outcome IS DISTINCT FROM 'declined' OR resolution_reason IS NOT NULL)`);
    // what was answered before outcomes existed was answered by a move or a cancellation
    await q.query(`UPDATE session_change_requests SET outcome = 'accepted' WHERE resolved_at IS NOT NULL`);
    await q.query(`UPDATE session_change_requests r SET session_starts_at = s.starts_at FROM therapy_sessions s WHERE s.id = r.session_id`);
    await q.query(`CREATE INDEX session_change_requests_client_idx ON session_change_requests (client_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX session_change_requests_client_idx`);
    await q.query(`
      ALTER TABLE session_change_requests
        DROP CONSTRAINT session_change_requests_declined_reason_check,
        DROP COLUMN session_starts_at, DROP COLUMN resolved_by, DROP COLUMN resolution_reason, DROP COLUMN outcome`);
  }
}
