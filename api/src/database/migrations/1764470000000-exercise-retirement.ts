import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A built-in exercise that left libs' catalogue is retired, not deleted: homework already given
 * keeps it (and its answers), new assignments cannot choose it. Set and cleared by the start-up sync.
 */
export class ExerciseRetirement1764470000000 implements MigrationInterface {
  name = 'ExerciseRetirement1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exercises ADD COLUMN retired_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exercises DROP COLUMN retired_at`);
  }
}
