import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys replay for 24 hours: an index on their age for the hourly clean-up job that deletes older ones. */
export class IdempotencyKeyExpiry1764340000000 implements MigrationInterface {
  name = 'IdempotencyKeyExpiry1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idempotency_keys_created_idx`);
  }
}
