import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An export's audit event says how many rows left the practice (`row_count`, never their text); a
 * case's change of practitioner keeps its reason in `case_reassignments` (clinical text stays out
 * of audit_events, whose row points here by id).
 */
export class ExportsAndReassignments1764400000000 implements MigrationInterface {
  name = 'ExportsAndReassignments1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN row_count integer CHECK (row_count >= 0)`);
    await q.query(`
      CREATE TABLE case_reassignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        from_practitioner_id uuid NOT NULL REFERENCES users(id),
        to_practitioner_id uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        actor_id uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_reassignments_case ON case_reassignments (case_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_reassignments`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN row_count`);
  }
}
