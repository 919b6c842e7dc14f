import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The client-words trigger function of 1764320000000; with `deepOnce`, a client's own exception
 * that has no deep description yet may receive one (the only column added to what may change).
 */
const clientWordsFunction = (deepOnce: boolean) => `
  CREATE OR REPLACE FUNCTION refuse_client_words_change() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    ignored text[] := ARRAY['staff_annotation', 'hidden', 'hidden_reason', 'version', 'assignment_id', 'session_id'];
  BEGIN
    IF OLD.source = 'client' THEN
      IF TG_OP = 'DELETE' THEN
        IF pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'a client-authored entry of % cannot be deleted', TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'client_words_locked';
      END IF;
      ${deepOnce ? `IF TG_TABLE_NAME = 'case_exceptions' AND (to_jsonb(OLD)->'deep') = 'null'::jsonb THEN
        ignored := array_append(ignored, 'deep');
      END IF;` : ''}
      IF (to_jsonb(NEW) - ignored) IS DISTINCT FROM (to_jsonb(OLD) - ignored) THEN
        RAISE EXCEPTION 'a client-authored entry of % can only be annotated or hidden', TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'client_words_locked';
      END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END $$`;

const effectCheck = (effects: string[]) =>
  `ALTER TABLE exercises ADD CONSTRAINT exercises_effect_check CHECK (effect IN (${effects.map((e) => `'${e}'`).join(', ')}))`;

/**
 * The stage-4 "exception deep description" exercise writes its answer onto the exception it
 * describes: a third exercise effect, `exception_deep`, next to `exception` and `scale_score`.
 * A client's own logged moment may then receive its deep description once, while it has none:
 * an addition in the client's words, never a rewrite (every other column stays locked as before).
 */
export class ExerciseEffectDeepDescription1764410000000 implements MigrationInterface {
  name = 'ExerciseEffectDeepDescription1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exercises DROP CONSTRAINT exercises_effect_check`);
    await q.query(effectCheck(['exception', 'scale_score', 'exception_deep']));
    await q.query(clientWordsFunction(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE exercises SET effect = NULL WHERE effect = 'exception_deep'`);
    await q.query(`ALTER TABLE exercises DROP CONSTRAINT exercises_effect_check`);
    await q.query(effectCheck(['exception', 'scale_score']));
    await q.query(clientWordsFunction(false));
  }
}
