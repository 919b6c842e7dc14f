import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole domain of Attune. The database itself refuses impossible data:
 * stages outside 1-6, scores off the 0.5 grid, a case without a client,
 * records for a client who is not in the case, edits of a signed note,
 * and any change to the audit trail.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE practices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        totp_required_for_staff boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        role text NOT NULL CHECK (role IN ('admin', 'practitioner', 'client')),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        active boolean NOT NULL DEFAULT true,
        totp_secret text,
        totp_enabled boolean NOT NULL DEFAULT false,
        totp_last_step bigint,
        totp_recovery_hashes text[] NOT NULL DEFAULT '{}',
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
    await q.query(`CREATE INDEX users_practice_idx ON users (practice_id, role)`);
    await q.query(`
      CREATE TABLE login_sessions (
        id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        xsrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        idle_timeout_minutes integer NOT NULL CHECK (idle_timeout_minutes > 0),
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX login_sessions_user_idx ON login_sessions (user_id)`);
    await q.query(`
      CREATE TABLE clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        practitioner_id uuid NOT NULL REFERENCES users(id),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
        pronouns text,
        email text,
        phone text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'discharged')),
        portal_user_id uuid UNIQUE REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX clients_practitioner_idx ON clients (practitioner_id, display_name)`);
    await q.query(`CREATE INDEX clients_practice_idx ON clients (practice_id)`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        practitioner_id uuid NOT NULL REFERENCES users(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('individual', 'couple')),
        stage smallint NOT NULL DEFAULT 1 CHECK (stage BETWEEN 1 AND 6),
        cycle integer NOT NULL DEFAULT 1 CHECK (cycle >= 1),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        presenting_concern text,
        stage_entered_at timestamptz NOT NULL DEFAULT now(),
        cycle_started_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (closed_at IS NULL OR closed_at >= opened_at),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX cases_practitioner_idx ON cases (practitioner_id, status, stage)`);
    await q.query(`CREATE INDEX cases_practice_idx ON cases (practice_id, status)`);
    await q.query(`
      CREATE TABLE case_clients (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES clients(id),
        practice_id uuid NOT NULL REFERENCES practices(id),
        position smallint NOT NULL CHECK (position IN (1, 2)),
        PRIMARY KEY (case_id, client_id),
        UNIQUE (case_id, position)
      )`);
    await q.query(`CREATE INDEX case_clients_client_idx ON case_clients (client_id)`);
    // A case has exactly one client (individual) or two (couple), checked at commit.
    await q.query(`
      CREATE FUNCTION check_case_clients() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        expected integer;
        actual integer;
      BEGIN
        IF TG_TABLE_NAME = 'cases' THEN
          target := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
          target := OLD.case_id;
        ELSE
          target := NEW.case_id;
        END IF;
        SELECT CASE kind WHEN 'couple' THEN 2 ELSE 1 END INTO expected FROM cases WHERE id = target;
        IF expected IS NULL THEN RETURN NULL; END IF;
        SELECT count(*) INTO actual FROM case_clients WHERE case_id = target;
        IF actual <> expected THEN
          RAISE EXCEPTION 'case % needs % client(s), has %', target, expected, actual
            USING ERRCODE = 'check_violation', CONSTRAINT = 'case_clients_count';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER cases_need_clients AFTER INSERT OR UPDATE OF kind ON cases
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_case_clients()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER case_clients_count AFTER INSERT OR DELETE OR UPDATE ON case_clients
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_case_clients()`);
    await q.query(`
      CREATE TABLE stage_transitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        from_stage smallint CHECK (from_stage BETWEEN 1 AND 6),
        to_stage smallint NOT NULL CHECK (to_stage BETWEEN 1 AND 6),
        from_cycle integer,
        to_cycle integer NOT NULL CHECK (to_cycle >= 1),
        kind text NOT NULL CHECK (kind IN ('start', 'forward', 'back', 'new_cycle')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        actor_id uuid REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stage_transitions_case_idx ON stage_transitions (case_id, at)`);
    await q.query(`
      CREATE TABLE therapy_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
        format text NOT NULL CHECK (format IN ('individual', 'joint')),
        attendee_ids uuid[] NOT NULL DEFAULT '{}',
        stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 6),
        note jsonb NOT NULL DEFAULT '{}',
        signed_at timestamptz,
        signed_by uuid REFERENCES users(id),
        note_hash text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
        CHECK (signed_at IS NULL OR note_hash IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX therapy_sessions_case_idx ON therapy_sessions (case_id, starts_at)`);
    await q.query(`CREATE INDEX therapy_sessions_unsigned_idx ON therapy_sessions (practice_id, starts_at) WHERE signed_at IS NULL`);
    await q.query(`
      CREATE FUNCTION refuse_signed_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.signed_at IS NOT NULL THEN
          RAISE EXCEPTION 'session % has a signed note and cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'signed_note_locked';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER therapy_sessions_signed_locked BEFORE UPDATE OR DELETE ON therapy_sessions
      FOR EACH ROW EXECUTE FUNCTION refuse_signed_note_change()`);
    await q.query(`
      CREATE TABLE session_addenda (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        session_id uuid NOT NULL REFERENCES therapy_sessions(id),
        author_id uuid NOT NULL REFERENCES users(id),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX session_addenda_session_idx ON session_addenda (session_id, created_at)`);
    await q.query(`
      CREATE TABLE scale_scores (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL,
        client_id uuid NOT NULL,
        score numeric(3,1) NOT NULL CHECK (score BETWEEN 1 AND 10 AND score * 2 = trunc(score * 2)),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL CHECK (source IN ('practitioner', 'client')),
        keeps_from_lower text,
        one_point_higher text,
        session_id uuid REFERENCES therapy_sessions(id) ON DELETE SET NULL,
        assignment_id uuid,
        recorded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (case_id, client_id) REFERENCES case_clients(case_id, client_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX scale_scores_case_idx ON scale_scores (case_id, client_id, recorded_at)`);
    await q.query(`
      CREATE TABLE case_exceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL,
        client_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        context text NOT NULL CHECK (length(context) BETWEEN 1 AND 4000),
        behavior text,
        thoughts text,
        emotions text,
        meaning text,
        tags text[] NOT NULL DEFAULT '{}',
        deep jsonb,
        significant boolean NOT NULL DEFAULT false,
        source text NOT NULL DEFAULT 'practitioner' CHECK (source IN ('practitioner', 'client')),
        assignment_id uuid,
        recorded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (case_id, client_id) REFERENCES case_clients(case_id, client_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX case_exceptions_case_idx ON case_exceptions (case_id, occurred_at)`);
    await q.query(`CREATE INDEX case_exceptions_tags_idx ON case_exceptions USING gin (tags)`);
    await q.query(`
      CREATE TABLE exercises (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid REFERENCES practices(id),
        key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
        stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 6),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        summary text,
        instructions text NOT NULL,
        audience text NOT NULL CHECK (audience IN ('individual', 'each_partner', 'partners_together')),
        cadence jsonb NOT NULL,
        fields jsonb NOT NULL,
        effect text CHECK (effect IN ('exception', 'scale_score')),
        built_in boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (built_in = (practice_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX exercises_key_unique ON exercises (COALESCE(practice_id, '00000000-0000-0000-0000-000000000000'::uuid), key)`);
    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        case_id uuid NOT NULL,
        client_id uuid NOT NULL,
        exercise_id uuid NOT NULL REFERENCES exercises(id),
        assigned_by uuid REFERENCES users(id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz NOT NULL,
        note text,
        status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'in_progress', 'submitted', 'reviewed')),
        draft jsonb,
        draft_saved_at timestamptz,
        response jsonb,
        submitted_at timestamptz,
        shared_with_partner boolean NOT NULL DEFAULT false,
        feedback text,
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        FOREIGN KEY (case_id, client_id) REFERENCES case_clients(case_id, client_id) ON DELETE CASCADE,
        CHECK (status NOT IN ('submitted', 'reviewed') OR (response IS NOT NULL AND submitted_at IS NOT NULL)),
        CHECK (status <> 'reviewed' OR reviewed_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX assignments_case_idx ON assignments (case_id, due_at)`);
    await q.query(`CREATE INDEX assignments_client_idx ON assignments (client_id, due_at)`);
    await q.query(`CREATE INDEX assignments_review_idx ON assignments (practice_id, submitted_at) WHERE status = 'submitted'`);
    await q.query(`CREATE INDEX assignments_open_due_idx ON assignments (practice_id, due_at) WHERE status IN ('assigned', 'in_progress')`);
    await q.query(`
      ALTER TABLE scale_scores ADD FOREIGN KEY (assignment_id) REFERENCES assignments(id) ON DELETE SET NULL`);
    await q.query(`
      ALTER TABLE case_exceptions ADD FOREIGN KEY (assignment_id) REFERENCES assignments(id) ON DELETE SET NULL`);
    await q.query(`
      CREATE TABLE assignment_check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id),
        assignment_id uuid NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
        period_start date NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (assignment_id, period_start)
      )`);
    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        practice_id uuid REFERENCES practices(id),
        actor_id uuid REFERENCES users(id),
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        case_id uuid,
        ip text,
        correlation_id text
      )`);
    await q.query(`CREATE INDEX audit_events_at_idx ON audit_events (at DESC)`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, at DESC)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at DESC)`);
    await q.query(`CREATE INDEX audit_events_case_idx ON audit_events (case_id, at DESC) WHERE case_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        route text NOT NULL,
        request_hash text NOT NULL,
        status_code integer NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys', 'audit_events', 'assignment_check_ins', 'assignments', 'exercises',
      'case_exceptions', 'scale_scores', 'session_addenda', 'therapy_sessions', 'stage_transitions',
      'case_clients', 'cases', 'clients', 'login_sessions', 'users', 'practices',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS refuse_audit_change()`);
    await q.query(`DROP FUNCTION IF EXISTS refuse_signed_note_change()`);
    await q.query(`DROP FUNCTION IF EXISTS check_case_clients()`);
  }
}
