import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Measurement-based care and the public relationship test.
 *
 * - `practices` gets its public `slug` and the switch of its public test page.
 * - `measure_schedules`: a measure given to one client of a case, once, at every session or every
 *   N weeks, each occurrence open for `expires_after_days`.
 * - `measure_responses`: one occurrence (or one set of answers entered in session): the answers,
 *   and the score, band, change and flags the server computed from them with libs' engine.
 * - `intake_requests`: a visitor's public test result sent to the practice with consent.
 * The app role gets its DML grants from the default privileges (database-roles.ts).
 */
export class Measures1764440000000 implements MigrationInterface {
  name = 'Measures1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE practices
        ADD COLUMN slug text UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
        ADD COLUMN public_test_enabled boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE measure_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES clients(id),
        measure_key text NOT NULL CHECK (length(measure_key) BETWEEN 1 AND 40),
        cadence text NOT NULL CHECK (cadence IN ('once', 'every_session', 'every_n_weeks')),
        interval_weeks integer CHECK (interval_weeks BETWEEN 1 AND 26),
        expires_after_days integer NOT NULL DEFAULT 4 CHECK (expires_after_days BETWEEN 1 AND 30),
        starts_at timestamptz NOT NULL DEFAULT now(),
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (cadence <> 'every_n_weeks' OR interval_weeks IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX measure_schedules_case_idx ON measure_schedules (case_id)`);
    await q.query(`CREATE INDEX measure_schedules_client_idx ON measure_schedules (client_id) WHERE active`);
    await q.query(`
      CREATE TABLE measure_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES clients(id),
        schedule_id uuid REFERENCES measure_schedules(id) ON DELETE SET NULL,
        occurrence integer,
        measure_key text NOT NULL,
        measure_version text NOT NULL,
        opens_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed')),
        draft jsonb,
        answers jsonb,
        safety_answers jsonb,
        source text CHECK (source IN ('client', 'practitioner')),
        entered_by uuid REFERENCES users(id),
        completed_at timestamptz,
        score numeric(7, 2),
        band text,
        baseline_score numeric(7, 2),
        change_class text CHECK (change_class IN ('reliable_improvement', 'no_reliable_change', 'reliable_deterioration')),
        safety_flags jsonb NOT NULL DEFAULT '[]',
        subscales jsonb NOT NULL DEFAULT '{}',
        profile jsonb,
        safety_concern boolean NOT NULL DEFAULT false,
        shared_with_partner boolean NOT NULL DEFAULT false,
        reminded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (schedule_id, occurrence),
        CHECK ((status = 'completed') = (completed_at IS NOT NULL AND answers IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX measure_responses_case_idx ON measure_responses (case_id, measure_key, client_id, completed_at)`);
    await q.query(`CREATE INDEX measure_responses_client_idx ON measure_responses (client_id, status)`);
    await q.query(`
      CREATE TABLE intake_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'declined')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        email text CHECK (length(email) <= 200),
        phone text CHECK (length(phone) <= 40),
        message text CHECK (length(message) <= 2000),
        locale text NOT NULL DEFAULT 'en',
        answers jsonb NOT NULL,
        safety_answers jsonb NOT NULL,
        profile jsonb NOT NULL,
        safety_concern boolean NOT NULL DEFAULT false,
        playbook jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        client_id uuid REFERENCES clients(id),
        case_id uuid REFERENCES cases(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX intake_requests_practice_idx ON intake_requests (practice_id, status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS intake_requests`);
    await q.query(`DROP TABLE IF EXISTS measure_responses`);
    await q.query(`DROP TABLE IF EXISTS measure_schedules`);
    await q.query(`ALTER TABLE practices DROP COLUMN IF EXISTS public_test_enabled, DROP COLUMN IF EXISTS slug`);
  }
}
