/**
 * `npm run bench:data [-- --scale 0.01]`: fills the benchmark database with a realistic network of
 * practices. At scale 1: 20 practices, 1,000 practitioners, 50,000 clients, 60,000 cases (a fifth
 * couples), 600,000 sessions with notes, 1,500,000 scale scores, 500,000 exceptions and 600,000
 * assignments in every state, spread over three years. Every row goes through the schema's own
 * constraints and triggers (nothing is disabled); rows are made inside PostgreSQL with
 * INSERT … SELECT over generate_series, in batches of cases on two connections.
 *
 * Idempotent: the scale and generator version loaded are recorded in `bench.load`; a second run with
 * the same scale only applies new migrations; another scale drops the schema and loads again.
 */
import { performance } from 'node:perf_hooks';
import { dataSourceOptions, migrate, hashPassword, syncBuiltInExercises } from '@attune/api/testing';
import { SingleBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, HEAVY_PRACTITIONER_EMAIL, TYPICAL_PRACTITIONER_EMAIL, BENCH_ADMIN_EMAIL,
  parseBenchArgs, runAsCommand,
} from './bench-config.js';
import { openBenchDatabase, withClient } from './bench-database.js';
import {
  CASE_CONCERNS, CASE_TITLES, EXCEPTION_BEHAVIORS, EXCEPTION_CONTEXTS, EXCEPTION_EMOTIONS, EXCEPTION_MEANINGS, EXCEPTION_TAGS,
  EXCEPTION_THOUGHTS, FAMILY_NAMES, FEEDBACK, GIVEN_NAMES, SCALE_KEEPS_FROM_LOWER, SCALE_ONE_HIGHER, TRANSITION_REASONS,
  exerciseSamples, noteVariants,
} from './bench-fixtures.js';

/** Bump when the generator changes what it writes: a database loaded by another version is reloaded. */
export const BENCH_DATA_VERSION = 'bench-data/v2';

export interface BenchSizes {
  practices: number;
  practitioners: number;
  clients: number;
  cases: number;
  couples: number;
  heavyOpenCases: number;
  sessions: number;
  scaleScores: number;
  exceptions: number;
  assignments: number;
}

export function benchSizes(scale: number): BenchSizes {
  const clients = Math.max(10, Math.round(50_000 * scale));
  const cases = Math.max(12, Math.round(clients * 1.2));
  return {
    practices: Math.max(1, Math.round(20 * scale)),
    practitioners: Math.max(3, Math.round(1_000 * scale)),
    clients,
    cases,
    couples: Math.round(cases / 5),
    heavyOpenCases: Math.min(150, Math.floor(cases / 4)),
    sessions: Math.round(600_000 * scale),
    scaleScores: Math.round(1_500_000 * scale),
    exceptions: Math.round(500_000 * scale),
    assignments: Math.round(600_000 * scale),
  };
}

export interface LoadResult {
  loaded: boolean;
  scale: number;
  seconds: number;
  databaseBytes: number;
  rows: Record<string, number>;
  appliedMigrations: string[];
}

export interface KnownUser {
  role: string;
  email: string;
  purpose: string;
}

interface Log {
  (message: string): void;
}

/** Makes sure the database at `url` holds the bench network at `scale` (and every migration). */
export async function ensureBenchData(url: string, scale: number, options: { force?: boolean; log?: Log; progress?: boolean } = {}): Promise<LoadResult> {
  const log = options.log ?? ((m: string) => console.log(m));
  const started = performance.now();
  const marker = await readMarker(url);
  if (marker && marker.scale === scale && marker.version === BENCH_DATA_VERSION) {
    const appliedMigrations = await migrateSchema(url);
    if (appliedMigrations.length) log(`Applied migrations: ${appliedMigrations.join(', ')}`);
    log(`The bench database already holds scale ${scale} (loaded ${marker.loadedAt.toISOString()} in ${marker.seconds.toFixed(0)} s): nothing to load.`);
    return { loaded: false, scale, seconds: marker.seconds, databaseBytes: await databaseBytes(url), rows: marker.rows, appliedMigrations };
  }
  if (!marker) {
    const tables = await withClient(url, async (c) => (await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class k JOIN pg_namespace s ON s.oid = k.relnamespace WHERE s.nspname = 'public' AND k.relkind = 'r'`)).rows[0]!.n);
    if (Number(tables) > 0) {
      const users = await withClient(url, async (c) => {
        const r = await c.query<{ exists: boolean }>(`SELECT to_regclass('public.users') IS NOT NULL AS exists`);
        return r.rows[0]!.exists ? Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM users`)).rows[0]!.n) : 0;
      });
      if (users > 0 && !options.force) {
        throw new Error('This database holds data that the bench did not load. Point DATABASE_URL at a database of its own, or pass --force to replace everything in it.');
      }
    }
  }
  if (marker || options.force) {
    log(marker ? `The bench database holds scale ${marker.scale} (${marker.version}); dropping it to load scale ${scale}.` : 'Replacing the database contents (--force).');
    await withClient(url, async (c) => {
      await c.query(`DROP SCHEMA IF EXISTS bench CASCADE`);
      await c.query(`DROP SCHEMA public CASCADE`);
      await c.query(`CREATE SCHEMA public`);
      await c.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`).catch(() => undefined);
    });
  }
  const appliedMigrations = await migrateSchema(url);
  const rows = await load(url, scale, log, options.progress ?? process.stdout.isTTY);
  const seconds = (performance.now() - started) / 1000;
  await withClient(url, (c) => c.query(
    `INSERT INTO bench.load (scale, version, seconds, rows) VALUES ($1, $2, $3, $4)`, [scale, BENCH_DATA_VERSION, seconds, JSON.stringify(rows)]));
  return { loaded: true, scale, seconds, databaseBytes: await databaseBytes(url), rows, appliedMigrations };
}

async function readMarker(url: string): Promise<{ scale: number; version: string; loadedAt: Date; seconds: number; rows: Record<string, number> } | null> {
  return withClient(url, async (c) => {
    const exists = (await c.query<{ t: string | null }>(`SELECT to_regclass('bench.load')::text AS t`)).rows[0]!.t;
    if (!exists) return null;
    const r = await c.query(`SELECT scale, version, loaded_at, seconds, rows FROM bench.load ORDER BY loaded_at DESC LIMIT 1`);
    const row = r.rows[0];
    if (!row) return null;
    return { scale: Number(row.scale), version: row.version, loadedAt: row.loaded_at, seconds: Number(row.seconds), rows: row.rows };
  });
}

export async function databaseBytes(url: string): Promise<number> {
  return withClient(url, async (c) => Number((await c.query<{ b: string }>(`SELECT pg_database_size(current_database()) AS b`)).rows[0]!.b));
}

/** Applies the API's migrations and writes the built-in exercises, as the API does on start. */
async function migrateSchema(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, 2, true));
  await dataSource.initialize();
  try {
    const applied = await migrate(dataSource);
    await syncBuiltInExercises(dataSource);
    return applied;
  } finally {
    await dataSource.destroy();
  }
}

export async function knownUsers(url: string): Promise<KnownUser[]> {
  return withClient(url, async (c) => (await c.query<KnownUser>(`SELECT role, email, purpose FROM bench.known_users ORDER BY ord`)).rows);
}

const sqlText = (list: readonly string[]) => `ARRAY[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[]`;

async function load(url: string, scale: number, log: Log, progress: boolean): Promise<Record<string, number>> {
  const z = benchSizes(scale);
  const NP = z.practices;
  const P = z.practitioners;
  const C = z.clients;
  const NC = z.cases;
  const K = z.couples;
  const H = z.heavyOpenCases;
  const hk = Math.round(H / 5);
  const hi = H - hk;
  const HCL = 2 * hk + hi; // clients of the heavy caseload
  const CE = 2 * K + hi; // end of the clients who are partners in a couple (and the heavy individuals)
  const R = C - CE; // clients for the other individual cases
  const IR = NC - K - hi; // individual cases outside the heavy caseload
  if (R <= 0) throw new Error(`Scale ${scale} is too small for the bench network`);
  log(`Loading scale ${scale}: ${NP} practices, ${P} practitioners, ${C} clients, ${NC} cases (${K} couples; practitioner0 has ${H} open), ` +
    `${z.sessions} sessions, ${z.scaleScores} scale scores, ${z.exceptions} exceptions, ${z.assignments} assignments`);

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const notes = noteVariants(24);
  const samples = exerciseSamples();
  const now = new Date();

  const main = new Client({ connectionString: url });
  await main.connect();
  const rows: Record<string, number> = {};
  try {
    await main.query(`SET synchronous_commit = off`);
    await main.query(`CREATE SCHEMA IF NOT EXISTS bench`);
    await main.query(`CREATE TABLE IF NOT EXISTS bench.load (scale numeric NOT NULL, version text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now(), seconds numeric NOT NULL, rows jsonb NOT NULL)`);
    await main.query(`
      CREATE OR REPLACE FUNCTION bench.u(n bigint, salt bigint) RETURNS float8 IMMUTABLE PARALLEL SAFE LANGUAGE sql AS
      $$ SELECT ((hashint8extended(n, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`);
    // The API's stableId('bench:<kind>:<n>'): a name-based UUID, the same from SQL and from TypeScript.
    await main.query(`
      CREATE OR REPLACE FUNCTION bench.id(kind text, n bigint) RETURNS uuid IMMUTABLE PARALLEL SAFE LANGUAGE sql SET search_path = public AS
      $$ SELECT (substr(h, 1, 12) || '5' || substr(h, 14, 3) || to_hex((('x' || substr(h, 17, 1))::bit(4)::int & 3) | 8) || substr(h, 18, 15))::uuid
         FROM (SELECT encode(digest('attune:bench:' || kind || ':' || n, 'sha1'), 'hex') AS h) s $$`);
    await main.query(`
      CREATE OR REPLACE FUNCTION bench.person(n bigint) RETURNS text IMMUTABLE PARALLEL SAFE LANGUAGE sql AS
      $$ SELECT (${sqlText(GIVEN_NAMES)})[1 + n % ${GIVEN_NAMES.length}] || ' ' || (${sqlText(FAMILY_NAMES)})[1 + (n / ${GIVEN_NAMES.length}) % ${FAMILY_NAMES.length}] $$`);
    await main.query(`CREATE TABLE IF NOT EXISTS bench.known_users (ord int PRIMARY KEY, role text NOT NULL, email text NOT NULL, purpose text NOT NULL)`);
    await main.query(`CREATE TABLE bench.exercise_pick (kind text NOT NULL, stage int NOT NULL, k int NOT NULL, exercise_id uuid NOT NULL, response jsonb NOT NULL, PRIMARY KEY (kind, stage, k))`);
    const exerciseIds = new Map((await main.query<{ key: string; id: string }>(`SELECT key, id FROM exercises WHERE built_in`)).rows.map((r) => [r.key, r.id]));
    for (const kind of ['individual', 'couple']) {
      for (let stage = 1; stage <= 6; stage++) {
        const fits = samples.filter((s) => s.stage === stage && (kind === 'couple' || s.audience !== 'partners_together'));
        for (let k = 0; k < 3; k++) {
          const s = fits[k % fits.length]!;
          await main.query(`INSERT INTO bench.exercise_pick VALUES ($1, $2, $3, $4, $5)`, [kind, stage, k, exerciseIds.get(s.key), JSON.stringify(s.response)]);
        }
      }
    }

    log('Planning the network');
    await main.query(`CREATE TABLE bench.practitioner_plan AS
      SELECT p AS n, bench.id('practitioner', p) AS id, p % ${NP} AS practice_n, bench.id('practice', p % ${NP}) AS practice_id
      FROM generate_series(0, ${P - 1}) p`);
    await main.query(`ALTER TABLE bench.practitioner_plan ADD PRIMARY KEY (n)`);
    await main.query(`CREATE TABLE bench.client_plan AS
      SELECT c AS n, bench.id('client', c) AS id, pp.n AS practitioner_n, pp.id AS practitioner_id, pp.practice_id,
             CASE WHEN c < ${HCL} OR bench.u(c, 7) < 0.4 THEN bench.id('portal', c) END AS portal_user_id,
             'active'::text AS status
      FROM generate_series(0, ${C - 1}) c
      JOIN bench.practitioner_plan pp ON pp.n = CASE WHEN c < ${HCL} THEN 0 WHEN c < ${CE} THEN 1 + ((c - ${HCL}) / 2) % ${P - 1} ELSE 1 + c % ${P - 1} END`);
    await main.query(`ALTER TABLE bench.client_plan ADD PRIMARY KEY (n)`);
    await main.query(`CREATE TABLE bench.case_plan AS
      WITH shape AS (
        SELECT n,
          CASE WHEN n < ${hk} THEN 'couple' WHEN n < ${H} THEN 'individual' WHEN n < ${H + K - hk} THEN 'couple' ELSE 'individual' END AS kind,
          CASE WHEN n < ${hk} THEN 2 * n WHEN n < ${H} THEN ${2 * hk} + (n - ${hk}) WHEN n < ${H + K - hk} THEN ${HCL} + 2 * (n - ${H})
               ELSE ${CE} + (n - ${H + K - hk}) % ${R} END AS c1,
          CASE WHEN n < ${hk} THEN 2 * n + 1 WHEN n >= ${H} AND n < ${H + K - hk} THEN ${HCL} + 2 * (n - ${H}) + 1 END AS c2,
          CASE WHEN n < ${H} THEN 'heavy' WHEN n < ${H + K - hk} THEN 'single'
               -- an individual client's earlier cases are closed long ago; the last one may be open
               WHEN (${IR} - 1 - (n - ${H + K - hk}) % ${R}) / ${R} = 0 THEN 'single'
               WHEN (n - ${H + K - hk}) / ${R} < (${IR} - 1 - (n - ${H + K - hk}) % ${R}) / ${R} THEN 'early' ELSE 'late' END AS life,
          bench.u(n, 1) AS u1, bench.u(n, 2) AS u2, bench.u(n, 3) AS u3, bench.u(n, 4) AS u4, bench.u(n, 5) AS u5
        FROM generate_series(0, ${NC - 1}) n
      ), timing AS (
        SELECT s.*,
          CASE life WHEN 'heavy' THEN 1 + u1 * 90 WHEN 'early' THEN 700 + u1 * 395 WHEN 'late' THEN u1 * 500 ELSE u1 * 1095 END AS opened_ago,
          CASE life WHEN 'heavy' THEN 1e9 WHEN 'early' THEN 40 + u2 * 160 ELSE 40 + u2 * 320 END AS length_days
        FROM shape s
      ), dated AS (
        SELECT t.*,
          date_trunc('hour', $1::timestamptz - make_interval(secs => opened_ago * 86400)) AS opened_at,
          (length_days <= opened_ago) AS closed
        FROM timing t
      ), staged AS (
        SELECT d.*,
          CASE WHEN closed THEN opened_at + make_interval(secs => length_days * 86400) END AS closed_at,
          CASE WHEN NOT closed AND opened_ago > 120 AND u3 < 0.5 THEN 2 ELSE 1 END AS cycle
        FROM dated d
      ), placed AS (
        SELECT s.*,
          CASE WHEN cycle = 2 THEN opened_at + interval '100 days' ELSE opened_at END AS cycle_started_at,
          CASE WHEN closed THEN 6 ELSE greatest(1, least(6, 1 + floor(((CASE WHEN cycle = 2 THEN opened_ago - 100 ELSE opened_ago END)) / 7)::int)
               - CASE WHEN u4 < 0.2 THEN 1 ELSE 0 END) END AS stage
        FROM staged s
      ), weighted AS (
        SELECT p.*,
          coalesce(closed_at, $1::timestamptz) AS end_at,
          round(((1 + extract(epoch FROM coalesce(closed_at, $1::timestamptz) - opened_at) / 86400 / 7) * (0.6 + 0.8 * u5))::numeric, 4) AS w
        FROM placed p
      ), cumulated AS (
        SELECT w2.*, sum(w) OVER (ORDER BY n) AS cum, sum(w) OVER () AS total FROM weighted w2
      )
      SELECT k.n, bench.id('case', k.n) AS id, k.kind, k.life, k.closed, k.opened_at, k.closed_at, k.end_at, k.cycle, k.cycle_started_at, k.stage,
        CASE WHEN k.closed THEN k.opened_at + interval '35 days' ELSE k.cycle_started_at + make_interval(days => (k.stage - 1) * 7) END AS stage_entered_at,
        extract(epoch FROM k.end_at - k.opened_at) / 86400 AS span_days,
        c1.id AS c1_id, c1.portal_user_id AS c1_portal, c1.n AS c1_n, c2.id AS c2_id, c2.portal_user_id AS c2_portal, c2.n AS c2_n,
        c1.practitioner_id, c1.practice_id,
        floor(${z.sessions}::numeric * (k.cum - k.w) / k.total)::bigint AS s_lo, floor(${z.sessions}::numeric * k.cum / k.total)::bigint AS s_hi,
        floor(${z.scaleScores}::numeric * (k.cum - k.w) / k.total)::bigint AS sc_lo, floor(${z.scaleScores}::numeric * k.cum / k.total)::bigint AS sc_hi,
        floor(${z.exceptions}::numeric * (k.cum - k.w) / k.total)::bigint AS e_lo, floor(${z.exceptions}::numeric * k.cum / k.total)::bigint AS e_hi,
        floor(${z.assignments}::numeric * (k.cum - k.w) / k.total)::bigint AS a_lo, floor(${z.assignments}::numeric * k.cum / k.total)::bigint AS a_hi
      FROM cumulated k
      JOIN bench.client_plan c1 ON c1.n = k.c1
      LEFT JOIN bench.client_plan c2 ON c2.n = k.c2`, [now]);
    await main.query(`ALTER TABLE bench.case_plan ADD PRIMARY KEY (n)`);
    // A client whose cases are all closed has been discharged; a few active ones pause.
    await main.query(`
      UPDATE bench.client_plan cp SET status = CASE WHEN x.open THEN (CASE WHEN bench.u(cp.n, 9) < 0.05 THEN 'paused' ELSE 'active' END) ELSE 'discharged' END
      FROM (SELECT c, bool_or(NOT closed) AS open FROM (SELECT c1_n AS c, closed FROM bench.case_plan UNION ALL SELECT c2_n, closed FROM bench.case_plan WHERE c2_n IS NOT NULL) u GROUP BY c) x
      WHERE x.c = cp.n`);
    await main.query(`ANALYZE bench.case_plan; ANALYZE bench.client_plan; ANALYZE bench.practitioner_plan`);

    // Practices and people.
    await main.query(`INSERT INTO practices (id, name, created_at) SELECT bench.id('practice', k), 'Bench practice ' || k, $1::timestamptz - interval '3 years' FROM generate_series(0, ${NP - 1}) k`, [now]);
    rows.practices = NP;
    await main.query(`
      INSERT INTO users (id, practice_id, email, role, display_name, password_hash, created_at, updated_at)
      SELECT bench.id('admin', k), bench.id('practice', k), 'admin' || k || '@${BENCH_EMAIL_DOMAIN}', 'admin', 'Admin ' || bench.person(k + 7), $1, $2::timestamptz - interval '3 years', $2::timestamptz - interval '3 years'
      FROM generate_series(0, ${NP - 1}) k`, [passwordHash, now]);
    await main.query(`
      INSERT INTO users (id, practice_id, email, role, display_name, password_hash, created_at, updated_at)
      SELECT id, practice_id, 'practitioner' || n || '@${BENCH_EMAIL_DOMAIN}', 'practitioner', 'Dr. ' || bench.person(n + 3), $1, $2::timestamptz - interval '3 years', $2::timestamptz - interval '3 years'
      FROM bench.practitioner_plan`, [passwordHash, now]);
    await main.query(`
      INSERT INTO users (id, practice_id, email, role, display_name, password_hash, created_at, updated_at)
      SELECT portal_user_id, practice_id, 'client' || n || '@${BENCH_EMAIL_DOMAIN}', 'client', bench.person(n), $1, $2::timestamptz - interval '3 years', $2::timestamptz - interval '3 years'
      FROM bench.client_plan WHERE portal_user_id IS NOT NULL`, [passwordHash, now]);
    rows.users = Number((await main.query(`SELECT count(*) AS n FROM users`)).rows[0].n);
    await main.query(`
      INSERT INTO clients (id, practice_id, practitioner_id, display_name, pronouns, email, phone, status, portal_user_id, created_at, updated_at)
      SELECT id, practice_id, practitioner_id, bench.person(n) || ' (pseudonym)', (ARRAY['she/her','he/him','they/them'])[1 + n % 3],
             CASE WHEN portal_user_id IS NOT NULL THEN 'client' || n || '@${BENCH_EMAIL_DOMAIN}' END, '+86 10 5555 ' || lpad((n % 10000)::text, 4, '0'),
             status, portal_user_id, $1::timestamptz - interval '3 years', $1::timestamptz - interval '3 years'
      FROM bench.client_plan`, [now]);
    rows.clients = C;

    const chunk = Math.max(25, Math.ceil(NC / 30));
    const batches: Array<[number, number]> = [];
    for (let lo = 0; lo < NC; lo += chunk) batches.push([lo, Math.min(NC, lo + chunk)]);
    const totalOf = async (lo: string, hi: string) => Number((await main.query(`SELECT coalesce(sum(${hi} - ${lo}), 0) AS n FROM bench.case_plan`)).rows[0].n);
    const runner = new BatchRunner(url, progress, log);
    try {
      await runner.run('cases', NC, batches, async (c, [lo, hi]) => {
        await c.query('BEGIN');
        await c.query(`
          INSERT INTO cases (id, practice_id, practitioner_id, title, kind, stage, cycle, status, opened_at, closed_at, presenting_concern,
                             stage_entered_at, cycle_started_at, created_at, updated_at)
          SELECT id, practice_id, practitioner_id,
                 bench.person(c1_n) || CASE WHEN kind = 'couple' THEN ' and ' || bench.person(c2_n) ELSE '' END || ': ' || (${sqlText(CASE_TITLES)})[1 + n % ${CASE_TITLES.length}],
                 kind, stage, cycle, CASE WHEN closed THEN 'closed' ELSE 'open' END, opened_at, closed_at,
                 (${sqlText(CASE_CONCERNS)})[1 + n % ${CASE_CONCERNS.length}], stage_entered_at, cycle_started_at, opened_at, coalesce(closed_at, stage_entered_at)
          FROM bench.case_plan WHERE n >= $1 AND n < $2`, [lo, hi]);
        await c.query(`
          INSERT INTO case_clients (case_id, client_id, practice_id, position)
          SELECT id, c1_id, practice_id, 1 FROM bench.case_plan WHERE n >= $1 AND n < $2
          UNION ALL
          SELECT id, c2_id, practice_id, 2 FROM bench.case_plan WHERE n >= $1 AND n < $2 AND c2_id IS NOT NULL`, [lo, hi]);
        await c.query('COMMIT');
        return hi - lo;
      });
      rows.cases = NC;
      rows.case_clients = NC + K;

      const transitionsTotal = Number((await main.query(`SELECT sum(CASE WHEN closed THEN 6 ELSE (cycle - 1) * 6 + stage END) AS n FROM bench.case_plan`)).rows[0].n);
      rows.stage_transitions = await runner.run('stage_transitions', transitionsTotal, batches, async (c, [lo, hi]) => (await c.query(`
        INSERT INTO stage_transitions (practice_id, case_id, from_stage, to_stage, from_cycle, to_cycle, kind, reason, actor_id, at)
        SELECT k.practice_id, k.id,
               CASE WHEN t = 1 THEN NULL WHEN (t - 1) % 6 = 0 THEN 6 ELSE (t - 1) % 6 END,
               1 + (t - 1) % 6,
               CASE WHEN t = 1 THEN NULL WHEN (t - 1) % 6 = 0 THEN (t - 1) / 6 ELSE 1 + (t - 1) / 6 END,
               1 + (t - 1) / 6,
               CASE WHEN t = 1 THEN 'start' WHEN (t - 1) % 6 = 0 THEN 'new_cycle' ELSE 'forward' END,
               (${sqlText(TRANSITION_REASONS)})[1 + (t - 1) % 6],
               k.practitioner_id,
               CASE WHEN (t - 1) / 6 = 0 THEN k.opened_at ELSE k.cycle_started_at END + make_interval(days => ((t - 1) % 6) * 7)
        FROM bench.case_plan k, generate_series(1, CASE WHEN k.closed THEN 6 ELSE (k.cycle - 1) * 6 + k.stage END) t
        WHERE k.n >= $1 AND k.n < $2`, [lo, hi])).rowCount ?? 0);

      rows.therapy_sessions = await runner.run('therapy_sessions', await totalOf('s_lo', 's_hi'), batches, async (c, [lo, hi]) => (await c.query(`
        INSERT INTO therapy_sessions (practice_id, case_id, starts_at, duration_minutes, format, attendee_ids, stage, note, signed_at, signed_by, note_hash,
                                      created_by, created_at, updated_at)
        SELECT x.practice_id, x.id, x.starts_at, CASE WHEN x.joint THEN 80 ELSE 50 END, CASE WHEN x.joint THEN 'joint' ELSE 'individual' END,
               CASE WHEN x.joint THEN ARRAY[x.c1_id, x.c2_id] WHEN x.kind = 'couple' AND x.i % 2 = 1 THEN ARRAY[x.c2_id] ELSE ARRAY[x.c1_id] END,
               least(x.stage, greatest(1, least(6, 1 + floor(x.t * x.span_days / 7)::int))),
               $3::jsonb -> (x.g % 24)::int,
               CASE WHEN x.signed THEN least(x.starts_at + interval '3 hours', $5::timestamptz) END,
               CASE WHEN x.signed THEN x.practitioner_id END,
               CASE WHEN x.signed THEN ($4::text[])[1 + (x.g % 24)::int] END,
               x.practitioner_id, x.starts_at, CASE WHEN x.signed THEN least(x.starts_at + interval '3 hours', $5::timestamptz) ELSE x.starts_at END
        FROM (
          SELECT k.*, g, g - k.s_lo AS i, t,
                 date_trunc('hour', k.opened_at + (k.end_at - k.opened_at) * t) AS starts_at,
                 (k.kind = 'couple' AND bench.u(g, 11) < 0.6) AS joint,
                 (k.end_at - (k.opened_at + (k.end_at - k.opened_at) * t) > interval '3 days' OR bench.u(g, 12) < 0.5) AS signed
          FROM bench.case_plan k, generate_series(k.s_lo, k.s_hi - 1) g,
               LATERAL (SELECT ((g - k.s_lo) + 0.3 + 0.4 * bench.u(g, 10)) / (k.s_hi - k.s_lo) AS t) tt
          WHERE k.n >= $1 AND k.n < $2
        ) x`, [lo, hi, JSON.stringify(notes.map((n) => n.note)), notes.map((n) => n.hash), now])).rowCount ?? 0);

      rows.scale_scores = await runner.run('scale_scores', await totalOf('sc_lo', 'sc_hi'), batches, async (c, [lo, hi]) => (await c.query(`
        INSERT INTO scale_scores (practice_id, case_id, client_id, score, recorded_at, source, keeps_from_lower, one_point_higher, recorded_by, created_at)
        SELECT x.practice_id, x.id, x.client_id,
               round(greatest(1, least(10, x.start + x.gain * x.t + (bench.u(x.g, 23) - 0.5) * 1.5)) * 2) / 2,
               x.recorded_at,
               CASE WHEN x.by_client THEN 'client' ELSE 'practitioner' END,
               CASE WHEN bench.u(x.g, 24) < 0.3 THEN ($3::text[])[1 + (x.g % ${SCALE_KEEPS_FROM_LOWER.length})::int] END,
               CASE WHEN bench.u(x.g, 24) < 0.3 THEN ($4::text[])[1 + (x.g % ${SCALE_ONE_HIGHER.length})::int] END,
               CASE WHEN x.by_client THEN x.portal ELSE x.practitioner_id END,
               x.recorded_at
        FROM (
          SELECT k.practice_id, k.id, k.practitioner_id, g, t,
                 CASE WHEN k.kind = 'couple' AND (g - k.sc_lo) % 2 = 1 THEN k.c2_id ELSE k.c1_id END AS client_id,
                 CASE WHEN k.kind = 'couple' AND (g - k.sc_lo) % 2 = 1 THEN k.c2_portal ELSE k.c1_portal END AS portal,
                 1.5 + 3 * bench.u(k.n * 2 + (g - k.sc_lo) % 2, 21) AS start,
                 -0.5 + 5 * bench.u(k.n * 2 + (g - k.sc_lo) % 2, 22) AS gain,
                 (CASE WHEN k.kind = 'couple' AND (g - k.sc_lo) % 2 = 1 THEN k.c2_portal ELSE k.c1_portal END) IS NOT NULL AND bench.u(g, 25) < 0.35 AS by_client,
                 least($5::timestamptz - interval '1 minute', date_trunc('hour', k.opened_at + (k.end_at - k.opened_at) * t) + make_interval(hours => 9 + (g % 10)::int)) AS recorded_at
          FROM bench.case_plan k, generate_series(k.sc_lo, k.sc_hi - 1) g,
               LATERAL (SELECT ((g - k.sc_lo) + 0.5) / (k.sc_hi - k.sc_lo) AS t) tt
          WHERE k.n >= $1 AND k.n < $2
        ) x`, [lo, hi, SCALE_KEEPS_FROM_LOWER, SCALE_ONE_HIGHER, now])).rowCount ?? 0);

      rows.case_exceptions = await runner.run('case_exceptions', await totalOf('e_lo', 'e_hi'), batches, async (c, [lo, hi]) => (await c.query(`
        INSERT INTO case_exceptions (practice_id, case_id, client_id, occurred_at, context, behavior, thoughts, emotions, meaning, tags, deep, significant,
                                     source, recorded_by, created_at)
        SELECT x.practice_id, x.id, x.client_id, x.occurred_at,
               ($3::text[])[1 + (x.g % ${EXCEPTION_CONTEXTS.length})::int],
               ($4::text[])[1 + (x.g % ${EXCEPTION_BEHAVIORS.length})::int],
               CASE WHEN bench.u(x.g, 31) < 0.7 THEN ($5::text[])[1 + (x.g % ${EXCEPTION_THOUGHTS.length})::int] END,
               CASE WHEN bench.u(x.g, 32) < 0.7 THEN ($6::text[])[1 + (x.g % ${EXCEPTION_EMOTIONS.length})::int] END,
               CASE WHEN bench.u(x.g, 33) < 0.6 THEN ($7::text[])[1 + (x.g % ${EXCEPTION_MEANINGS.length})::int] END,
               CASE WHEN bench.u(x.g, 34) < 0.5 THEN ARRAY[($8::text[])[1 + x.ta]]
                    ELSE ARRAY[($8::text[])[1 + x.ta], ($8::text[])[1 + (x.ta + 1 + (x.g / 8) % 7) % 8]] END,
               CASE WHEN bench.u(x.g, 35) < 0.1 THEN '{"bodily":"Shoulders down, breathing slower","capacity":"I can be close without fear","ifMoreOften":"We would have a calm base to return to"}'::jsonb END,
               bench.u(x.g, 36) < 0.25,
               CASE WHEN x.by_client THEN 'client' ELSE 'practitioner' END,
               CASE WHEN x.by_client THEN x.portal ELSE x.practitioner_id END,
               x.occurred_at
        FROM (
          SELECT k.practice_id, k.id, k.practitioner_id, g, (g % 8)::int AS ta,
                 CASE WHEN k.kind = 'couple' AND (g - k.e_lo) % 2 = 1 THEN k.c2_id ELSE k.c1_id END AS client_id,
                 CASE WHEN k.kind = 'couple' AND (g - k.e_lo) % 2 = 1 THEN k.c2_portal ELSE k.c1_portal END AS portal,
                 (CASE WHEN k.kind = 'couple' AND (g - k.e_lo) % 2 = 1 THEN k.c2_portal ELSE k.c1_portal END) IS NOT NULL AND bench.u(g, 37) < 0.3 AS by_client,
                 least($9::timestamptz - interval '1 minute', date_trunc('hour', k.opened_at + (k.end_at - k.opened_at) * (((g - k.e_lo) + bench.u(g, 30)) / (k.e_hi - k.e_lo))) + make_interval(hours => 7 + (g % 15)::int)) AS occurred_at
          FROM bench.case_plan k, generate_series(k.e_lo, k.e_hi - 1) g
          WHERE k.n >= $1 AND k.n < $2
        ) x`, [lo, hi, EXCEPTION_CONTEXTS, EXCEPTION_BEHAVIORS, EXCEPTION_THOUGHTS, EXCEPTION_EMOTIONS, EXCEPTION_MEANINGS, EXCEPTION_TAGS, now])).rowCount ?? 0);

      rows.assignments = await runner.run('assignments', await totalOf('a_lo', 'a_hi'), batches, async (c, [lo, hi]) => (await c.query(`
        INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, assigned_by, assigned_at, due_at, note, status, draft, draft_saved_at,
                                 response, submitted_at, shared_with_partner, feedback, reviewed_at, reviewed_by, created_at, updated_at)
        SELECT y.practice_id, y.id, y.client_id, y.exercise_id, y.practitioner_id, y.assigned_at, y.due_at,
               CASE WHEN bench.u(y.g, 41) < 0.1 THEN 'Take your time with this one.' END,
               y.status,
               CASE WHEN y.status = 'in_progress' THEN y.response END,
               CASE WHEN y.status = 'in_progress' THEN least(y.assigned_at + interval '1 day', $4::timestamptz) END,
               CASE WHEN y.status IN ('submitted', 'reviewed') THEN y.response END,
               CASE WHEN y.status IN ('submitted', 'reviewed') THEN y.submitted_at END,
               y.kind = 'couple' AND bench.u(y.g, 42) < 0.5,
               CASE WHEN y.status = 'reviewed' THEN ($3::text[])[1 + (y.g % ${FEEDBACK.length})::int] END,
               CASE WHEN y.status = 'reviewed' THEN least(y.submitted_at + interval '2 days', $4::timestamptz) END,
               CASE WHEN y.status = 'reviewed' THEN y.practitioner_id END,
               y.assigned_at,
               CASE y.status WHEN 'reviewed' THEN least(y.submitted_at + interval '2 days', $4::timestamptz) WHEN 'submitted' THEN y.submitted_at ELSE y.assigned_at END
        FROM (
          SELECT x.*, ep.exercise_id, ep.response,
                 CASE WHEN x.due_at < $4::timestamptz - interval '14 days' THEN
                        CASE WHEN x.us < 0.80 THEN 'reviewed' WHEN x.us < 0.88 THEN 'submitted' WHEN x.us < 0.95 THEN 'assigned' ELSE 'in_progress' END
                      ELSE CASE WHEN x.us < 0.35 THEN 'assigned' WHEN x.us < 0.55 THEN 'in_progress' WHEN x.us < 0.85 THEN 'submitted' ELSE 'reviewed' END
                 END AS status,
                 greatest(x.assigned_at, least(x.assigned_at + make_interval(secs => (1 + 6 * bench.u(x.g, 43)) * 86400), $4::timestamptz - interval '1 minute')) AS submitted_at
          FROM (
            SELECT k.practice_id, k.id, k.kind, k.practitioner_id, g, bench.u(g, 40) AS us,
                   CASE WHEN k.kind = 'couple' AND (g - k.a_lo) % 2 = 1 THEN k.c2_id ELSE k.c1_id END AS client_id,
                   date_trunc('hour', k.opened_at + (k.end_at - k.opened_at) * t) AS assigned_at,
                   date_trunc('hour', k.opened_at + (k.end_at - k.opened_at) * t) + interval '7 days' AS due_at,
                   least(k.stage, greatest(1, least(6, 1 + floor(t * k.span_days / 7)::int))) AS stage_then,
                   ((g - k.a_lo) % 3)::int AS pick
            FROM bench.case_plan k, generate_series(k.a_lo, k.a_hi - 1) g,
                 LATERAL (SELECT ((g - k.a_lo) + 0.5) / (k.a_hi - k.a_lo) AS t) tt
            WHERE k.n >= $1 AND k.n < $2
          ) x
          JOIN bench.exercise_pick ep ON ep.kind = x.kind AND ep.stage = x.stage_then AND ep.k = x.pick
        ) y`, [lo, hi, FEEDBACK, now])).rowCount ?? 0);
    } finally {
      await runner.close();
    }

    // The calendar's future: every practitioner's next week (from next Monday, UTC) full, 40
    // appointments Monday to Friday 09:00-17:00, spread over their open cases (issue 15's week view).
    rows.appointments = (await main.query(`
      INSERT INTO therapy_sessions (practice_id, case_id, starts_at, duration_minutes, format, attendee_ids, stage, note, created_by,
                                    created_at, updated_at, status, meeting_format, location, time_zone)
      SELECT k.practice_id, k.id,
             date_trunc('week', $1::timestamptz) + interval '7 days' + make_interval(days => slot / 8, hours => 9 + slot % 8),
             50, 'individual', ARRAY[k.c1_id], k.stage, '{}', k.practitioner_id, $1, $1, 'scheduled',
             (ARRAY['in_person', 'video', 'phone'])[1 + slot % 3], NULL, 'UTC'
        FROM (SELECT k.*, row_number() OVER w - 1 AS r, count(*) OVER (PARTITION BY k.practitioner_id) AS open_cases
                FROM bench.case_plan k WHERE NOT k.closed WINDOW w AS (PARTITION BY k.practitioner_id ORDER BY k.n)) k
        JOIN generate_series(0, 39) slot ON slot % k.open_cases = k.r`, [now])).rowCount ?? 0;

    await main.query(`
      INSERT INTO bench.known_users (ord, role, email, purpose) VALUES
        (1, 'practitioner', $1, $4),
        (2, 'practitioner', $2, 'an ordinary caseload'),
        (3, 'admin', $3, 'admin of practice 0')
      ON CONFLICT (ord) DO NOTHING`, [HEAVY_PRACTITIONER_EMAIL, TYPICAL_PRACTITIONER_EMAIL, BENCH_ADMIN_EMAIL, `exactly ${H} open cases`]);
    await main.query(`
      INSERT INTO bench.known_users (ord, role, email, purpose)
      SELECT 4, 'client', 'client' || cp.n || '@${BENCH_EMAIL_DOMAIN}', 'portal client with an open case of practitioner' || pp.n || ' (homework submissions)'
      FROM bench.case_plan k JOIN bench.client_plan cp ON cp.n = k.c1_n
      JOIN bench.practitioner_plan pp ON pp.id = k.practitioner_id
      WHERE pp.n > 0 AND NOT k.closed AND cp.portal_user_id IS NOT NULL
      ORDER BY pp.n = 1 DESC, k.n LIMIT 1
      ON CONFLICT (ord) DO NOTHING`);

    log('VACUUM ANALYZE (as autovacuum would have done on a database this old)');
    await main.query(`VACUUM (ANALYZE)`);
    const heavyOpen = Number((await main.query(
      `SELECT count(*) AS n FROM cases WHERE practitioner_id = bench.id('practitioner', 0) AND status = 'open'`)).rows[0].n);
    if (heavyOpen !== H) throw new Error(`practitioner0 has ${heavyOpen} open cases, expected ${H}`);
    rows.heavy_open_cases = heavyOpen;
    rows.open_cases = Number((await main.query(`SELECT count(*) AS n FROM cases WHERE status = 'open'`)).rows[0].n);
  } finally {
    await main.end();
  }
  return rows;
}

/** Runs a table's batches on two connections (one per core) with a progress bar. */
class BatchRunner {
  private clients: Client[] = [];

  constructor(private readonly url: string, private readonly progress: boolean, private readonly log: Log, private readonly workers = 2) {}

  async run(table: string, total: number, batches: Array<[number, number]>, fn: (c: Client, batch: [number, number]) => Promise<number>): Promise<number> {
    while (this.clients.length < this.workers) {
      const c = new Client({ connectionString: this.url });
      await c.connect();
      await c.query(`SET synchronous_commit = off`);
      await c.query(`SET work_mem = '64MB'`);
      this.clients.push(c);
    }
    const started = performance.now();
    const bar = this.progress ? new SingleBar({ format: `${table.padEnd(18)} {bar} {percentage}% | {value}/{total} rows | {duration}s`, hideCursor: true }, Presets.shades_classic) : null;
    bar?.start(total, 0);
    let done = 0;
    let next = 0;
    await Promise.all(this.clients.map(async (c) => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const added = await fn(c, batch);
        done += added;
        bar?.update(done);
      }
    }));
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    this.log(`${table}: ${done.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s`);
    return done;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => undefined)));
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

async function mainCli(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const db = await openBenchDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir, port: args.pgPort, log: (m) => console.log(m) });
  try {
    const result = await ensureBenchData(db.url, args.scale, { force: args.force, progress: !args.quiet });
    console.log(`${result.loaded ? 'Loaded' : 'Already loaded'}: scale ${result.scale}, ${result.seconds.toFixed(0)} s, database ${formatBytes(result.databaseBytes)}`);
    console.log(JSON.stringify(result.rows));
    console.log(`Bench accounts (password ${BENCH_PASSWORD}):`);
    for (const u of await knownUsers(db.url)) console.log(`  ${u.role.padEnd(13)} ${u.email.padEnd(36)} ${u.purpose}`);
    console.log(db.embedded ? `Database: ${db.url} (embedded, data in ${args.dataDir}; stopped now)` : `Database: ${args.databaseUrl}`);
  } finally {
    await db.stop();
  }
}

runAsCommand(module, mainCli);
