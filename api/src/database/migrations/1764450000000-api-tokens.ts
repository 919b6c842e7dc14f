import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal API tokens (stored as the SHA-256 of the secret, which is 32 random bytes: a slow hash
 * adds nothing to that entropy), and the token an audited action was taken with.
 */
export class ApiTokens1764450000000 implements MigrationInterface {
  name = 'ApiTokens1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        prefix text NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC)`);
    await q.query(`ALTER TABLE audit_events ADD COLUMN api_token_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP COLUMN api_token_id`);
    await q.query(`DROP TABLE api_tokens`);
  }
}
