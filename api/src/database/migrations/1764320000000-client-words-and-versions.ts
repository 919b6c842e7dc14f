import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a client wrote stays theirs, and edits of shared records cannot silently overwrite each other.
 *
 * - `scale_scores` and `case_exceptions` get a `version` (optimistic locking, as sessions and
 *   assignments have) and the only columns staff may set on a client's own entry: a staff
 *   annotation, and `hidden` with its reason (hidden entries stay in the record but leave charts
 *   and alerts).
 * - A trigger refuses any UPDATE of a client-authored row (source = 'client') that changes anything
 *   but those columns (and the references PostgreSQL itself maintains, `assignment_id` and
 *   `session_id`, set to NULL when their row goes), and refuses a DELETE of such a row. A DELETE
 *   cascading from a removed case or case membership (pg_trigger_depth() > 1) is let through: the
 *   whole case goes, which the API never does.
 * - A submitted homework answer (`assignments.response`) cannot be rewritten once set.
 */
export class ClientWordsAndVersions1764320000000 implements MigrationInterface {
  name = 'ClientWordsAndVersions1764320000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['scale_scores', 'case_exceptions']) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN version integer NOT NULL DEFAULT 1,
          ADD COLUMN staff_annotation text CHECK (length(staff_annotation) <= 2000),
          ADD COLUMN hidden boolean NOT NULL DEFAULT false,
          ADD COLUMN hidden_reason text CHECK (length(hidden_reason) <= 500),
          ADD CONSTRAINT ${table}_hidden_check CHECK (NOT hidden OR hidden_reason IS NOT NULL)`);
    }
    await q.query(`
      CREATE FUNCTION refuse_client_words_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        staff_columns CONSTANT text[] := ARRAY['staff_annotation', 'hidden', 'hidden_reason', 'version', 'assignment_id', 'session_id'];
      BEGIN
        IF OLD.source = 'client' THEN
          IF TG_OP = 'DELETE' THEN
            IF pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
            RAISE EXCEPTION 'a client-authored entry of % cannot be deleted', TG_TABLE_NAME
              USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'client_words_locked';
          END IF;
          IF (to_jsonb(NEW) - staff_columns) IS DISTINCT FROM (to_jsonb(OLD) - staff_columns) THEN
            RAISE EXCEPTION 'a client-authored entry of % can only be annotated or hidden', TG_TABLE_NAME
              USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'client_words_locked';
          END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['scale_scores', 'case_exceptions']) {
      await q.query(`
        CREATE TRIGGER ${table}_client_words_locked BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION refuse_client_words_change()`);
    }
    await q.query(`
      CREATE FUNCTION refuse_submitted_answer_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.response IS NOT NULL AND (NEW.response IS DISTINCT FROM OLD.response OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at) THEN
          RAISE EXCEPTION 'the submitted answer of assignment % cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'client_words_locked';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER assignments_answer_locked BEFORE UPDATE OF response, submitted_at ON assignments
      FOR EACH ROW EXECUTE FUNCTION refuse_submitted_answer_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS assignments_answer_locked ON assignments`);
    await q.query(`DROP FUNCTION IF EXISTS refuse_submitted_answer_change()`);
    for (const table of ['scale_scores', 'case_exceptions']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_client_words_locked ON ${table}`);
      await q.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT IF EXISTS ${table}_hidden_check,
          DROP COLUMN hidden_reason, DROP COLUMN hidden, DROP COLUMN staff_annotation, DROP COLUMN version`);
    }
    await q.query(`DROP FUNCTION IF EXISTS refuse_client_words_change()`);
  }
}
