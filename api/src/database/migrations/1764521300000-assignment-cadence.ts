import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cadence belongs to the homework, not only to its exercise: the practitioner chooses once,
 * daily × N or weekly × N when giving it (the exercise's cadence by default). Existing homework
 * keeps its exercise's cadence; an insert that names none takes the exercise's.
 */
export class AssignmentCadence1764521300000 implements MigrationInterface {
  name = 'AssignmentCadence1764521300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignments ADD COLUMN cadence jsonb`);
    await q.query(`UPDATE assignments a SET cadence = e.cadence FROM exercises e WHERE e.id = a.exercise_id`);
    await q.query(`ALTER TABLE assignments ALTER COLUMN cadence SET NOT NULL`);
    await q.query(`
      ALTER TABLE assignments ADD CONSTRAINT assignments_cadence_check CHECK (
        (cadence->>'kind' = 'once')
        OR (cadence->>'kind' = 'daily' AND jsonb_typeof(cadence->'days') = 'number' AND (cadence->>'days')::numeric BETWEEN 1 AND 60)
        OR (cadence->>'kind' = 'weekly' AND jsonb_typeof(cadence->'weeks') = 'number' AND (cadence->>'weeks')::numeric BETWEEN 1 AND 26))`);
    await q.query(`
      CREATE FUNCTION assignment_cadence_of_exercise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.cadence IS NULL THEN
          SELECT e.cadence INTO NEW.cadence FROM exercises e WHERE e.id = NEW.exercise_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER assignments_cadence_default BEFORE INSERT ON assignments
      FOR EACH ROW EXECUTE FUNCTION assignment_cadence_of_exercise()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS assignments_cadence_default ON assignments`);
    await q.query(`DROP FUNCTION IF EXISTS assignment_cadence_of_exercise()`);
    await q.query(`ALTER TABLE assignments DROP COLUMN cadence`);
  }
}
