import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every correction of a staff-entered rating, exception or homework (an edit, a removal, a
 * withdrawal, a new due date) keeps why, in the practitioner's words, written in the transaction
 * of the change. The reason is clinical, so it lives here with the case; the audit trail records
 * only that the change happened. `entity_id` has no foreign key: a removed record's corrections stay.
 */
export class RecordCorrections1764531300000 implements MigrationInterface {
  name = 'RecordCorrections1764531300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE record_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        entity text NOT NULL CHECK (entity IN ('scale-scores', 'exceptions', 'assignments')),
        entity_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('edit', 'delete', 'withdraw', 'redate')),
        record_at timestamptz NOT NULL,
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 3 AND 500),
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX record_corrections_case_idx ON record_corrections (case_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE record_corrections`);
  }
}
