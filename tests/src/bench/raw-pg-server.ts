/**
 * The limit of this stack on this machine: the bench's hot paths served by node:http and a pg Pool
 * (the API's pool size), with the SQL a careful hand-written implementation issues — the same
 * session lookup, the same access rules, the same audit event in the same transaction — and no
 * framework in between. Started by bench.ts as its own process:
 *   DATABASE_URL=… PORT=… POOL_SIZE=20 node tests/dist/bench/raw-pg-server.js
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import {
  checkInCalendar, responseJsonSchemaFor, stageOverrun, validateExerciseResponse,
  type ExerciseCadence, type ExerciseField,
} from '@attune/domain';
import { ASSIGNMENT_DTO_SELECT, toAssignmentDto, type AssignmentDtoRow } from '@attune/api/dist/modules/assignments/assignments.dto.js';
import { visibleCaseScope } from '@attune/api/dist/common/actor-scope.js';
import {
  alertsOfCase, averageChangeSinceIntake, CASE_PROGRESS_SELECT, CASE_ROW_SELECT, loadCaseFacts, toCaseProgress, toCaseResponse, type CaseProgressRow, type CaseRow,
} from '@attune/api/dist/modules/cases/case-insights.js';
import { Pool, type PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

interface Actor {
  userId: string;
  role: 'admin' | 'practitioner' | 'client';
  practiceId: string;
  xsrf: string;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const IDLE_MINUTES_LAST_SEEN_MS = 30_000;

export function createRawServer(pool: Pool): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(pool, req, Buffer.concat(chunks).toString('utf8'))
        .then(({ status, body, headers }) => {
          const text = body === undefined ? '' : JSON.stringify(body);
          res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
          res.end(text);
        })
        .catch((error: unknown) => {
          const status = error instanceof HttpError ? error.status : 500;
          if (status === 500) console.error(error);
          const text = JSON.stringify({ statusCode: status, message: error instanceof Error ? error.message : String(error) });
          res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
          res.end(text);
        });
    });
  });
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

async function handle(pool: Pool, req: http.IncomingMessage, rawBody: string): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://raw');
  const path = url.pathname;
  if (req.method === 'GET' && path === '/api/health') {
    await pool.query('SELECT 1');
    return { status: 200, body: { status: 'ok' } };
  }
  const actor = await resolveSession(pool, req);
  if (req.method === 'GET' && path === '/api/cases') return caseList(pool, actor, url.searchParams);
  if (req.method === 'GET' && path === '/api/assignments') return assignmentList(pool, actor, url.searchParams);
  if (req.method === 'GET' && path === '/api/dashboard') return dashboard(pool, actor);
  let m = /^\/api\/cases\/([0-9a-f-]{36})\/progress$/i.exec(path);
  if (req.method === 'GET' && m) return progress(pool, actor, m[1]!.toLowerCase());
  m = /^\/api\/me\/assignments\/([0-9a-f-]{36})\/submit$/i.exec(path);
  if (req.method === 'POST' && m) {
    if (req.headers['x-xsrf-token'] !== actor.xsrf) throw new HttpError(403, 'Missing or wrong X-XSRF-TOKEN header');
    const key = req.headers['idempotency-key'];
    return submit(pool, actor, m[1]!.toLowerCase(), rawBody, typeof key === 'string' ? key : undefined);
  }
  throw new HttpError(404, 'Not found');
}

/** The API's AuthService.resolve: one query by the hashed cookie, last_seen written at most every 30 s. */
async function resolveSession(pool: Pool, req: http.IncomingMessage): Promise<Actor> {
  const cookie = req.headers.cookie ?? '';
  const token = /(?:^|;\s*)attune_session=([^;]+)/.exec(cookie)?.[1];
  if (!token) throw new HttpError(401, 'Please sign in');
  const id = createHash('sha256').update(decodeURIComponent(token)).digest('hex');
  const { rows } = await pool.query(
    `SELECT s.user_id, s.xsrf_token, s.last_seen_at, s.idle_timeout_minutes, s.expires_at, u.role, u.practice_id, u.active
       FROM login_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new HttpError(401, 'Please sign in');
  const now = Date.now();
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (!row.active || now - lastSeen > row.idle_timeout_minutes * 60_000 || now > new Date(row.expires_at).getTime()) throw new HttpError(401, 'Please sign in');
  if (now - lastSeen > IDLE_MINUTES_LAST_SEEN_MS) await pool.query(`UPDATE login_sessions SET last_seen_at = now() WHERE id = $1`, [id]);
  return { userId: row.user_id, role: row.role, practiceId: row.practice_id, xsrf: row.xsrf_token };
}

async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const result = await fn(c);
    await c.query('COMMIT');
    return result;
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

async function audit(c: PoolClient, actor: Actor, action: string, entity: string, entityId: string | null, caseId: string | null = null): Promise<void> {
  await c.query(`INSERT INTO audit_events (at, practice_id, actor_id, action, entity, entity_id, case_id, ip, correlation_id) VALUES (now(), $1, $2, $3, $4, $5, $6, '127.0.0.1', gen_random_uuid()::text)`,
    [actor.practiceId, actor.userId, action, entity, entityId, caseId]);
}

/** As the API's AuditService.recordCaseReads: one row per distinct case the answer carried (one INSERT), or one with none. */
async function auditCaseReads(c: PoolClient, actor: Actor, action: string, entity: string, caseIds: string[], entityIsCase = false): Promise<void> {
  const distinct = [...new Set(caseIds)];
  if (distinct.length === 0) return audit(c, actor, action, entity, null);
  const tuples = distinct.map((_, i) => `(now(), $1, $2, $3, $4, $${5 + 2 * i}, $${6 + 2 * i}, '127.0.0.1', gen_random_uuid()::text)`);
  await c.query(`INSERT INTO audit_events (at, practice_id, actor_id, action, entity, entity_id, case_id, ip, correlation_id) VALUES ${tuples.join(', ')}`,
    [actor.practiceId, actor.userId, action, entity, ...distinct.flatMap((caseId) => [entityIsCase ? caseId : null, caseId])]);
}

function staffOnly(actor: Actor): void {
  if (actor.role === 'client') throw new HttpError(403, 'You do not have access to this');
}

function json<T>(params: URLSearchParams, name: string, fallback: T): T {
  const v = params.get(name);
  if (v === null || v === '') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    throw new HttpError(400, `${name} must be JSON`);
  }
}

const CASE_SORT: Record<string, string> = { openedAt: 'k.opened_at', title: 'k.title', stage: 'k.stage', updatedAt: 'k.updated_at' };

/** The API's helpers take a TypeORM manager; they only call its query(). */
function managerOf(c: PoolClient): EntityManager {
  return { query: async (sql: string, params: unknown[]) => (await c.query(sql, params)).rows } as unknown as EntityManager;
}

async function caseList(pool: Pool, actor: Actor, params: URLSearchParams): Promise<Reply> {
  staffOnly(actor);
  const [sortField, sortOrder] = json<[string, string]>(params, 'sort', ['openedAt', 'DESC']);
  const [first, last] = json<[number, number]>(params, 'range', [0, 24]);
  const filter = json<Record<string, unknown>>(params, 'filter', {});
  const column = CASE_SORT[sortField];
  if (!column || !['ASC', 'DESC'].includes(sortOrder)) throw new HttpError(400, 'sort');
  const where = ['k.practice_id = $1'];
  const values: unknown[] = [actor.practiceId];
  if (actor.role !== 'admin') { values.push(actor.userId); where.push(`k.practitioner_id = $${values.length}`); }
  if (filter.status !== undefined) { values.push(filter.status); where.push(`k.status = $${values.length}`); }
  if (filter.stage !== undefined) { values.push(filter.stage); where.push(`k.stage = $${values.length}`); }
  return inTransaction(pool, async (c) => {
    // The API's select list, total and mapping (toCaseResponse over loadCaseFacts): the same SQL, the same answer.
    const { rows } = await c.query<CaseRow & { total: string }>(
      `SELECT ${CASE_ROW_SELECT}, count(*) OVER () AS total
         FROM cases k WHERE ${where.join(' AND ')}
        ORDER BY ${column} ${sortOrder} ${sortOrder === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST'}, k.id ASC
        LIMIT ${last - first + 1} OFFSET ${first}`, values);
    const total = rows.length > 0 ? Number(rows[0]!.total)
      : Number((await c.query(`SELECT count(*) AS n FROM cases k WHERE ${where.join(' AND ')}`, values)).rows[0].n);
    const facts = await loadCaseFacts(managerOf(c), rows.map((k) => k.id));
    await auditCaseReads(c, actor, 'list', 'cases', rows.map((k) => k.id), true);
    const now = new Date();
    const body = rows.map(({ total: _total, ...k }) => toCaseResponse(k, facts.get(k.id)!, now));
    return { status: 200, body, headers: { 'Content-Range': `cases ${first}-${first + Math.max(0, rows.length - 1)}/${total}` } };
  });
}

async function progress(pool: Pool, actor: Actor, caseId: string): Promise<Reply> {
  staffOnly(actor);
  return inTransaction(pool, async (c) => {
    // The API's statement (CaseAccessService.visibleCaseRow with CASE_PROGRESS_SELECT) and mapping.
    const scope = visibleCaseScope(actor, caseId);
    const k = (await c.query<CaseProgressRow>(`SELECT ${CASE_ROW_SELECT}, ${CASE_PROGRESS_SELECT} FROM cases k WHERE ${scope.where}`, scope.params)).rows[0];
    if (!k) throw new HttpError(404, 'Case not found');
    await audit(c, actor, 'read', 'case-progress', caseId, caseId);
    return { status: 200, body: toCaseProgress(k, new Date()) };
  });
}

const ASSIGNMENT_SORT: Record<string, string> = { submittedAt: 'a.submitted_at', dueAt: 'a.due_at', assignedAt: 'a.assigned_at' };

async function assignmentList(pool: Pool, actor: Actor, params: URLSearchParams): Promise<Reply> {
  staffOnly(actor);
  const [sortField, sortOrder] = json<[string, string]>(params, 'sort', ['dueAt', 'ASC']);
  const [first, last] = json<[number, number]>(params, 'range', [0, 24]);
  const filter = json<Record<string, unknown>>(params, 'filter', {});
  const column = ASSIGNMENT_SORT[sortField];
  if (!column || !['ASC', 'DESC'].includes(sortOrder)) throw new HttpError(400, 'sort');
  const where = ['a.practice_id = $1'];
  const values: unknown[] = [actor.practiceId];
  if (actor.role !== 'admin') { values.push(actor.userId); where.push(`k.practitioner_id = $${values.length}`); }
  if (filter.status !== undefined) { values.push(filter.status); where.push(`a.status = $${values.length}`); }
  return inTransaction(pool, async (c) => {
    // The API's own select list and mapping (like loadCaseFacts above): the same SQL, the same answer.
    const { rows } = await c.query<AssignmentDtoRow & { total: string }>(
      `SELECT ${ASSIGNMENT_DTO_SELECT}, count(*) OVER () AS total
         FROM assignments a JOIN cases k ON k.id = a.case_id JOIN exercises e ON e.id = a.exercise_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${column} ${sortOrder} ${sortOrder === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST'}, a.id ASC
        LIMIT ${last - first + 1} OFFSET ${first}`, values);
    const total = rows.length > 0 ? Number(rows[0]!.total)
      : Number((await c.query(`SELECT count(*) AS n FROM assignments a JOIN cases k ON k.id = a.case_id WHERE ${where.join(' AND ')}`, values)).rows[0].n);
    await auditCaseReads(c, actor, 'list', 'assignments', rows.map((row) => row.caseId));
    const body = rows.map(({ total: _total, ...row }) => toAssignmentDto(row));
    return { status: 200, body, headers: { 'Content-Range': `assignments ${first}-${first + Math.max(0, rows.length - 1)}/${total}` } };
  });
}

async function dashboard(pool: Pool, actor: Actor): Promise<Reply> {
  staffOnly(actor);
  const scope = actor.role === 'admin' ? 'k.practice_id = $1' : 'k.practice_id = $1 AND k.practitioner_id = $2';
  const values = actor.role === 'admin' ? [actor.practiceId] : [actor.practiceId, actor.userId];
  const now = new Date();
  const weekStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
  const weekEnd = new Date(weekStart.getTime() + 7 * 86_400_000);
  return inTransaction(pool, async (c) => {
    const open = (await c.query<CaseRow>(
      `SELECT ${CASE_ROW_SELECT} FROM cases k WHERE ${scope} AND k.status = 'open' ORDER BY k.title, k.id`, values)).rows;
    const n = values.length;
    const [review, overdue, sessions, unsigned] = await Promise.all([
      c.query(`SELECT a.id, a.case_id, k.title, a.client_id, cl.display_name, e.title AS exercise_title, a.submitted_at, count(*) OVER () AS total
                 FROM assignments a JOIN cases k ON k.id = a.case_id JOIN clients cl ON cl.id = a.client_id JOIN exercises e ON e.id = a.exercise_id
                WHERE ${scope} AND k.status = 'open' AND a.status = 'submitted' ORDER BY a.submitted_at, a.id LIMIT 50`, values),
      c.query(`SELECT a.id, a.case_id, k.title, a.client_id, cl.display_name, e.title AS exercise_title, a.due_at, count(*) OVER () AS total
                 FROM assignments a JOIN cases k ON k.id = a.case_id JOIN clients cl ON cl.id = a.client_id JOIN exercises e ON e.id = a.exercise_id
                WHERE ${scope} AND k.status = 'open' AND a.status IN ('assigned', 'in_progress') AND a.due_at < now() ORDER BY a.due_at, a.id LIMIT 50`, values),
      c.query(`SELECT s.id, s.case_id, k.title, s.starts_at, s.duration_minutes, s.signed_at IS NOT NULL AS signed
                 FROM therapy_sessions s JOIN cases k ON k.id = s.case_id
                WHERE ${scope} AND s.starts_at >= $${n + 1} AND s.starts_at < $${n + 2} ORDER BY s.starts_at`, [...values, weekStart, weekEnd]),
      c.query(`SELECT s.id, s.case_id, k.title, s.starts_at, count(*) OVER () AS total
                 FROM therapy_sessions s JOIN cases k ON k.id = s.case_id
                WHERE ${scope} AND s.signed_at IS NULL AND s.starts_at < now() ORDER BY s.starts_at, s.id LIMIT 50`, values),
    ]);
    // The API's facts, alert rules and change since intake.
    const facts = await loadCaseFacts(managerOf(c), open.map((k) => k.id));
    const change = averageChangeSinceIntake(facts.values());
    const byStage = [1, 2, 3, 4, 5, 6].map((stage) => ({ stage, count: open.filter((k) => k.stage === stage).length }));
    const alerts = open.flatMap((k) => alertsOfCase(k, facts.get(k.id)!, now).map((alert) => ({ caseId: k.id, caseTitle: k.title, alert })));
    const overruns = open.map((k) => ({ k, o: stageOverrun({ stage: k.stage, stageEnteredAt: k.stageEnteredAt, cycleStartedAt: k.cycleStartedAt, today: now }) }))
      .filter((x) => x.o.overrun).sort((a, b) => b.o.daysOver - a.o.daysOver)
      .map(({ k, o }) => ({ caseId: k.id, caseTitle: k.title, stage: k.stage, daysInStage: o.daysInStage, daysOver: o.daysOver }));
    await auditCaseReads(c, actor, 'read', 'dashboard', [
      ...review.rows.map((r) => r.case_id as string), ...overdue.rows.map((r) => r.case_id as string), ...alerts.slice(0, 50).map((a) => a.caseId),
      ...overruns.map((o) => o.caseId), ...unsigned.rows.map((r) => r.case_id as string), ...sessions.rows.map((r) => r.case_id as string),
    ]);
    return {
      status: 200,
      body: {
        openCasesByStage: byStage,
        reviewQueue: review.rows.map((r) => ({ assignmentId: r.id, caseId: r.case_id, caseTitle: r.title, clientId: r.client_id, clientName: r.display_name, exerciseTitle: r.exercise_title, submittedAt: r.submitted_at })),
        overdueHomework: overdue.rows.map((r) => ({ assignmentId: r.id, caseId: r.case_id, caseTitle: r.title, clientId: r.client_id, clientName: r.display_name, exerciseTitle: r.exercise_title, dueAt: r.due_at })),
        alerts: alerts.slice(0, 50),
        sessionsThisWeek: sessions.rows.map((s) => ({ sessionId: s.id, caseId: s.case_id, caseTitle: s.title, startsAt: s.starts_at, durationMinutes: s.duration_minutes, signed: s.signed })),
        sessionsThisWeekCount: sessions.rows.length,
        averageChangeSinceIntake: change.mean, averageChangeClients: change.clients,
        stageOverruns: overruns.slice(0, 50),
        unsignedSessions: unsigned.rows.map((s) => ({ sessionId: s.id, caseId: s.case_id, caseTitle: s.title, startsAt: s.starts_at })),
        week: { start: weekStart, end: weekEnd, timeZone: 'UTC' },
        totals: {
          reviewQueue: Number(review.rows[0]?.total ?? 0), overdueHomework: Number(overdue.rows[0]?.total ?? 0),
          unsignedSessions: Number(unsigned.rows[0]?.total ?? 0), alerts: alerts.length,
        },
      },
    };
  });
}

async function submit(pool: Pool, actor: Actor, assignmentId: string, rawBody: string, key: string | undefined): Promise<Reply> {
  if (actor.role !== 'client') throw new HttpError(403, 'You do not have access to this');
  let body: { response?: unknown; sharedWithPartner?: unknown };
  try {
    body = JSON.parse(rawBody) as typeof body;
  } catch {
    throw new HttpError(400, 'body must be JSON');
  }
  if (typeof body.response !== 'object' || body.response === null) throw new HttpError(400, 'response must be an object of answers');
  const requestHash = createHash('sha256').update(`${assignmentId}\n${rawBody}`).digest('hex');
  const route = 'POST /api/me/assignments/:id/submit';
  return inTransaction(pool, async (c) => {
    if (key) {
      const seen = (await c.query(`SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [actor.userId, key])).rows[0];
      if (seen) {
        if (seen.request_hash !== requestHash) throw new HttpError(422, 'This Idempotency-Key was used for another request');
        return { status: seen.status_code, body: seen.response };
      }
    }
    const a = (await c.query(
      `SELECT a.id, a.case_id, a.client_id, a.status, a.shared_with_partner, a.exercise_id,
              e.key, e.built_in, e.stage, e.title, e.summary, e.instructions, e.audience, e.cadence, e.fields, e.effect,
              k.kind = 'couple' AS couple
         FROM assignments a JOIN clients cl ON cl.id = a.client_id JOIN exercises e ON e.id = a.exercise_id JOIN cases k ON k.id = a.case_id
        WHERE a.id = $1 AND cl.portal_user_id = $2 AND a.practice_id = $3 FOR UPDATE OF a`, [assignmentId, actor.userId, actor.practiceId])).rows[0];
    if (!a) throw new HttpError(404, 'Assignment not found');
    if (a.status !== 'assigned' && a.status !== 'in_progress') throw new HttpError(409, 'This assignment was already submitted');
    const checked = validateExerciseResponse(a.fields as ExerciseField[], body.response, 'submit');
    if (!checked.ok) return { status: 400, body: { statusCode: 400, message: 'The answers are not valid', errors: checked.fields } };
    const shared = a.couple ? (typeof body.sharedWithPartner === 'boolean' ? body.sharedWithPartner : a.shared_with_partner) : false;
    const u = (await c.query(
      `UPDATE assignments SET status = 'submitted', response = $2, submitted_at = now(), draft = NULL, shared_with_partner = $3, updated_at = now(), version = version + 1
        WHERE id = $1 RETURNING id, case_id, client_id, exercise_id, assigned_at, due_at, note, status, response, submitted_at, shared_with_partner, draft, draft_saved_at`,
      [assignmentId, JSON.stringify(checked.value), shared])).rows[0];
    // The API's answer: the assignment as stored, with the exercise the client sees and its JSON Schema.
    const cadence = a.cadence as ExerciseCadence;
    let checkIns: unknown = null;
    if (cadence.kind !== 'once') {
      const entries = (await c.query(`SELECT period_start::text AS period_start, response, created_at FROM assignment_check_ins WHERE assignment_id = $1 ORDER BY period_start`, [assignmentId])).rows;
      const calendar = checkInCalendar({ cadence, assignedAt: u.assigned_at, dueAt: u.due_at }, entries.map((e) => ({ periodStart: e.period_start })), new Date());
      checkIns = { calendar, entries: entries.map((e) => ({ periodStart: e.period_start, response: { note: e.response?.note ?? '' }, createdAt: e.created_at })) };
    }
    const dto = {
      id: u.id, caseId: u.case_id, clientId: u.client_id, exerciseId: u.exercise_id, assignedAt: u.assigned_at, dueAt: u.due_at, note: u.note,
      status: u.status, overdue: false, response: u.response, submittedAt: u.submitted_at, feedback: null, reviewedAt: null,
      sharedWithPartner: u.shared_with_partner, cadence, draft: u.draft, draftSavedAt: u.draft_saved_at, coupleCase: a.couple, checkIns,
      exercise: {
        id: a.exercise_id, key: a.built_in ? a.key : null, stage: a.stage, title: a.title, summary: a.summary, instructions: a.instructions,
        audience: a.audience, cadence, fields: a.fields, responseSchema: responseJsonSchemaFor(a.fields as ExerciseField[], { title: a.title }),
      },
    };
    if (key) {
      await c.query(`INSERT INTO idempotency_keys (user_id, practice_id, key, route, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5, 200, $6)`,
        [actor.userId, actor.practiceId, key, route, requestHash, JSON.stringify(dto)]);
    }
    await audit(c, actor, 'submit', 'assignments', assignmentId, a.case_id);
    return { status: 200, body: dto };
  });
}

if (require.main === module) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20), connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  const server = createRawServer(pool);
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    const address = server.address();
    console.log(`raw-pg server listening on ${typeof address === 'object' && address ? address.port : address}`);
  });
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
