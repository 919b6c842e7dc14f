import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotency key keeps the first answer of a create, which can carry clinical text: it belongs
 * to the practice like every clinical row (docs/SCALING.md: distributed by practice_id).
 */
export class IdempotencyKeyPractice1764360000000 implements MigrationInterface {
  name = 'IdempotencyKeyPractice1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN practice_id uuid REFERENCES practices(id)`);
    await q.query(`UPDATE idempotency_keys k SET practice_id = u.practice_id FROM users u WHERE u.id = k.user_id`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN practice_id SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN practice_id`);
  }
}
