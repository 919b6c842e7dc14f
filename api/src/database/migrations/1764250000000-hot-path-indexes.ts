import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes found missing by the benchmark at scale 1 (docs/PERFORMANCE.md):
 *
 * - The foreign keys `scale_scores.assignment_id`, `case_exceptions.assignment_id` (ON DELETE SET
 *   NULL from assignments) and `scale_scores.session_id` (from therapy_sessions) had no index, so
 *   every deleted assignment or session made PostgreSQL scan all scale scores (1.5 M rows: 290 ms)
 *   and all exceptions (500 k rows: 170 ms) to null the references. Partial: most rows reference
 *   nothing.
 * - The review queue (submitted homework of one practitioner's cases, oldest first) read every
 *   submitted assignment of the practice (2,600 rows, 2,100 heap pages at scale 1) and then kept the
 *   practitioner's; with this index it probes the practitioner's cases: 6.8 ms → 1.5 ms warm.
 * - The dashboard's unsigned notes (past sessions without a signature in the caller's cases) walked
 *   every session of each case through therapy_sessions_case_idx (680 buffers for 150 cases); the
 *   partial index holds only the few unsigned sessions: 2.1 ms → 0.6 ms.
 *
 * Built CONCURRENTLY, outside a transaction, so a running deployment keeps writing while they build
 * (the API's migrate() runs each migration on its own); an index left invalid by an interrupted
 * build is dropped and built again. Run inside a transaction (the TypeORM CLI's default
 * `--transaction all`), they are built the plain way instead.
 */
export class HotPathIndexes1764250000000 implements MigrationInterface {
  name = 'HotPathIndexes1764250000000';
  transaction = false;

  private readonly indexes: Array<[name: string, definition: string]> = [
    ['scale_scores_assignment_idx', 'ON scale_scores (assignment_id) WHERE assignment_id IS NOT NULL'],
    ['case_exceptions_assignment_idx', 'ON case_exceptions (assignment_id) WHERE assignment_id IS NOT NULL'],
    ['scale_scores_session_idx', 'ON scale_scores (session_id) WHERE session_id IS NOT NULL'],
    ['assignments_submitted_case_idx', `ON assignments (case_id, submitted_at) WHERE status = 'submitted'`],
    ['therapy_sessions_unsigned_case_idx', 'ON therapy_sessions (case_id, starts_at) WHERE signed_at IS NULL'],
  ];

  async up(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY ';
    for (const [name, definition] of this.indexes) {
      const leftover: Array<{ valid: boolean }> = await q.query(
        `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`, [name]);
      if (leftover[0] && !leftover[0].valid) await q.query(`DROP INDEX ${concurrently}IF EXISTS ${name}`);
      await q.query(`CREATE INDEX ${concurrently}IF NOT EXISTS ${name} ${definition}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY ';
    for (const [name] of [...this.indexes].reverse()) await q.query(`DROP INDEX ${concurrently}IF EXISTS ${name}`);
  }
}
