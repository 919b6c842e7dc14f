import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records out (issue 17).
 *
 * - (An export's audit event says how many records left in `audit_events.row_count`, added with the
 *   list exports in 1764400000000.)
 * - `erasure_requests`: a client's request to erase their data, which an admin decides (accepted
 *   or declined, with a reason). Deciding records the decision only: nothing is deleted by it, and
 *   signed notes are kept for the retention period whatever is decided.
 */
export class RecordsOut1764460000000 implements MigrationInterface {
  name = 'RecordsOut1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erasure_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        client_id uuid NOT NULL REFERENCES clients(id),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        reason text CHECK (length(reason) <= 2000),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_reason text CHECK (length(decision_reason) BETWEEN 1 AND 2000),
        version integer NOT NULL DEFAULT 1,
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK (status = 'pending' OR (decided_by IS NOT NULL AND decision_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX erasure_requests_practice_idx ON erasure_requests (practice_id, status, requested_at DESC)`);
    // One open request per client at a time.
    await q.query(`CREATE UNIQUE INDEX erasure_requests_one_pending ON erasure_requests (client_id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE erasure_requests`);
  }
}
