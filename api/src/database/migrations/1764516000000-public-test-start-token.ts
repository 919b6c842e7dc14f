import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A public test's start token files at most one intake request: its SHA-256 is kept with the
 * request, unique, so a replayed token is refused on every API instance. Requests filed before this
 * have none. The practice's daily cap counts its requests of the last day, by this index.
 */
export class PublicTestStartToken1764516000000 implements MigrationInterface {
  name = 'PublicTestStartToken1764516000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE intake_requests ADD COLUMN start_token_hash text CHECK (start_token_hash ~ '^[0-9a-f]{64}$')`);
    await q.query(`CREATE UNIQUE INDEX intake_requests_start_token_idx ON intake_requests (start_token_hash)`);
    await q.query(`CREATE INDEX intake_requests_practice_created_idx ON intake_requests (practice_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX intake_requests_practice_created_idx`);
    await q.query(`ALTER TABLE intake_requests DROP COLUMN start_token_hash`);
  }
}
