import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing and reopening a case are recorded moves with a reason, as stage moves are: the reason is
 * clinical, so it lives here with the case (the audit trail records only that it happened).
 */
export class CaseStatusChanges1764410000001 implements MigrationInterface {
  name = 'CaseStatusChanges1764410000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        to_status text NOT NULL CHECK (to_status IN ('open', 'closed')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        actor_id uuid REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_status_changes_case_idx ON case_status_changes (case_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_status_changes`);
  }
}
