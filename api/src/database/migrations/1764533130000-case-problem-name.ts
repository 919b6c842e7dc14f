import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case may name the problem in the client's own words ("the Fear"): the work then speaks of that
 * name rather than of a flaw in the person. Optional; at most 80 characters (libs' problemNameSchema).
 */
export class CaseProblemName1764533130000 implements MigrationInterface {
  name = 'CaseProblemName1764533130000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN problem_name text`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_problem_name_check CHECK (problem_name IS NULL OR char_length(problem_name) BETWEEN 1 AND 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN problem_name`);
  }
}
