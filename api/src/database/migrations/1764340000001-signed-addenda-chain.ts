import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addendumHash } from '../../modules/sessions/note-integrity.js';

/**
 * Addenda of a signed note are as locked as the note: each gets its place in the note's chain
 * (`position`, 1 for the first) and `hash`, SHA-256 of the previous link (the note's `note_hash`
 * for the first) and the addendum's canonical text, author and time. Existing addenda are chained
 * in the order they were written. A trigger refuses UPDATE, DELETE and TRUNCATE, for every role;
 * a superuser can still disable it, which the chain then shows on read.
 */
export class SignedAddendaChain1764340000001 implements MigrationInterface {
  name = 'SignedAddendaChain1764340000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE session_addenda ADD COLUMN position integer, ADD COLUMN hash text`);
    const rows: Array<{ id: string; session_id: string; note_hash: string; author_id: string; text: string; created_at: Date }> = await q.query(
      `SELECT a.id, a.session_id, s.note_hash, a.author_id, a.text, date_trunc('milliseconds', a.created_at) AS created_at
         FROM session_addenda a JOIN therapy_sessions s ON s.id = a.session_id
        ORDER BY a.session_id, a.created_at, a.id`);
    const chain = new Map<string, { position: number; hash: string }>();
    for (const row of rows) {
      const last = chain.get(row.session_id) ?? { position: 0, hash: row.note_hash };
      const next = {
        position: last.position + 1,
        hash: addendumHash(last.hash, { text: row.text, authorId: row.author_id, createdAt: new Date(row.created_at) }),
      };
      await q.query(`UPDATE session_addenda SET position = $2, hash = $3, created_at = $4 WHERE id = $1`, [row.id, next.position, next.hash, row.created_at]);
      chain.set(row.session_id, next);
    }
    await q.query(`ALTER TABLE session_addenda ALTER COLUMN position SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await q.query(`ALTER TABLE session_addenda ADD CONSTRAINT session_addenda_position_key UNIQUE (session_id, position)`);
    await q.query(`ALTER TABLE session_addenda ADD CONSTRAINT session_addenda_position_check CHECK (position > 0)`);
    await q.query(`DROP INDEX session_addenda_session_idx`);
    await q.query(`
      CREATE FUNCTION refuse_addendum_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'an addendum of a signed note cannot change or be removed'
          USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'signed_addendum_locked';
      END $$`);
    await q.query(`
      CREATE TRIGGER session_addenda_locked BEFORE UPDATE OR DELETE ON session_addenda
      FOR EACH ROW EXECUTE FUNCTION refuse_addendum_change()`);
    await q.query(`
      CREATE TRIGGER session_addenda_no_truncate BEFORE TRUNCATE ON session_addenda
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_addendum_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER session_addenda_no_truncate ON session_addenda`);
    await q.query(`DROP TRIGGER session_addenda_locked ON session_addenda`);
    await q.query(`DROP FUNCTION refuse_addendum_change()`);
    await q.query(`CREATE INDEX session_addenda_session_idx ON session_addenda (session_id, created_at)`);
    await q.query(`ALTER TABLE session_addenda DROP CONSTRAINT session_addenda_position_check`);
    await q.query(`ALTER TABLE session_addenda DROP CONSTRAINT session_addenda_position_key`);
    await q.query(`ALTER TABLE session_addenda DROP COLUMN hash, DROP COLUMN position`);
  }
}
