import { BUILT_IN_EXERCISES, cadenceCheckIns, checkInCalendar, validateExerciseResponse, type ExerciseCadence } from '@attune/domain';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { DEMO_ACCOUNTS, seedDemoData } from './demo-seed.js';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('seed');
  });
  afterAll(() => t.close());

  it('loads once: a second load adds nothing', async () => {
    expect(await seedDemoData(t.dataSource, { password: 'attune-demo' })).toBe(true);
    const count = async () => (await t.dataSource.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM users)::int AS users`))[0];
    const before = await count();
    expect(await seedDemoData(t.dataSource, { password: 'attune-demo' })).toBe(false);
    expect(await count()).toEqual(before);
    expect(before.users).toBe(DEMO_ACCOUNTS.length);
  });

  it('lets every demo account sign in with the demo password', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const res = await t.http.post('/api/auth/login').send({ email: account.email, password: 'attune-demo' });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe(account.role);
    }
  });

  it('gives the therapist the three cases of the seed article', async () => {
    const rows: Array<{ title: string; kind: string }> = await t.dataSource.query(
      `SELECT k.title, k.kind FROM cases k JOIN users u ON u.id = k.practitioner_id WHERE u.email = 'therapist@attune.test' ORDER BY k.title`);
    expect(rows.map((r) => r.title)).toEqual([
      'Chen Jing: between two fears',
      'Liu Jia: from anxiety to safety',
      'Zhao Lei and Zhou Ting: from silence to dialogue',
    ]);
    expect(rows.find((r) => r.title.startsWith('Zhao'))!.kind).toBe('couple');
  });

  it('names Chen Jing\'s problem in her own words, and no other case\'s', async () => {
    const rows: Array<{ title: string; problem: string | null }> = await t.dataSource.query(
      `SELECT title, problem_name AS problem FROM cases WHERE problem_name IS NOT NULL`);
    expect(rows).toEqual([{ title: 'Chen Jing: between two fears', problem: 'the Fear' }]);
  });

  it('follows the seed\'s score trajectories: Chen Jing 2.5 to 6.5, each partner of the couple up to 5', async () => {
    const series: Array<{ name: string; first: string; last: string }> = await t.dataSource.query(`
      SELECT c.display_name AS name,
             (array_agg(s.score ORDER BY s.recorded_at))[1] AS first,
             (array_agg(s.score ORDER BY s.recorded_at DESC))[1] AS last
        FROM scale_scores s JOIN clients c ON c.id = s.client_id GROUP BY c.display_name`);
    const byName = Object.fromEntries(series.map((s) => [s.name, [Number(s.first), Number(s.last)]]));
    expect(byName['Chen Jing (pseudonym)']).toEqual([2.5, 6.5]);
    expect(byName['Zhao Lei']).toEqual([1.5, 5]);
    expect(byName['Zhou Ting']).toEqual([1, 5]);
  });

  it('has homework in every state, and every answer fits its exercise\'s schema', async () => {
    const rows: Array<{ key: string; status: string; response: Record<string, unknown> | null; draft: Record<string, unknown> | null }> =
      await t.dataSource.query(`SELECT e.key, a.status, a.response, a.draft FROM assignments a JOIN exercises e ON e.id = a.exercise_id`);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['assigned', 'in_progress', 'submitted', 'reviewed']));
    for (const row of rows) {
      const exercise = BUILT_IN_EXERCISES.find((e) => e.key === row.key)!;
      if (row.response) {
        const result = validateExerciseResponse(exercise.fields, row.response, 'submit');
        expect({ key: row.key, result: result.ok ? 'ok' : result.fields }).toEqual({ key: row.key, result: 'ok' });
      }
      if (row.draft) {
        const result = validateExerciseResponse(exercise.fields, row.draft, 'draft');
        expect({ key: row.key, result: result.ok ? 'ok' : result.fields }).toEqual({ key: row.key, result: 'ok' });
      }
    }
  });

  it('keeps every check-in within its homework\'s days: none is lost outside them while a day shows as missed', async () => {
    const rows: Array<{ key: string; cadence: ExerciseCadence; assigned_at: Date; due_at: Date; days: string[] }> = await t.dataSource.query(
      `SELECT e.key, a.cadence, a.assigned_at, a.due_at, array_remove(array_agg(to_char(ci.period_start, 'YYYY-MM-DD')), NULL) AS days
         FROM assignments a JOIN exercises e ON e.id = a.exercise_id LEFT JOIN assignment_check_ins ci ON ci.assignment_id = a.id
        GROUP BY a.id, e.key, a.cadence, a.assigned_at, a.due_at`);
    const withCheckIns = rows.filter((r) => r.days.length > 0);
    expect(withCheckIns.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      const cadence = row.cadence; // the homework's own (given as its exercise's in the demo)
      if (cadence.kind === 'once') {
        expect({ key: row.key, days: row.days }).toEqual({ key: row.key, days: [] });
        continue;
      }
      const periods = cadenceCheckIns(cadence, row.assigned_at, row.due_at);
      const outside = row.days.filter((day) => !periods.some((p) => p.start <= day && day <= p.end));
      expect({ key: row.key, outside }).toEqual({ key: row.key, outside: [] });
      // each check-in marks its own day done
      const calendar = checkInCalendar({ cadence, assignedAt: row.assigned_at, dueAt: row.due_at }, row.days.map((periodStart) => ({ periodStart })), new Date());
      const done = calendar.filter((p) => p.state === 'done');
      expect(done).toHaveLength(row.days.length);
    }
  });

  it('dates exceptions at believable times of day, and on the weekday they name', async () => {
    const rows: Array<{ context: string; hour: number; dow: number }> = await t.dataSource.query(
      `SELECT context, extract(hour FROM occurred_at AT TIME ZONE 'UTC')::int AS hour, extract(dow FROM occurred_at AT TIME ZONE 'UTC')::int AS dow FROM case_exceptions`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const hours = new Map<number, number>();
    for (const r of rows) hours.set(r.hour, (hours.get(r.hour) ?? 0) + 1);
    expect(hours.size).toBeGreaterThanOrEqual(6);
    expect(Math.max(...hours.values())).toBeLessThanOrEqual(Math.ceil(rows.length / 4));
    const named = rows.filter((r) => /Saturday|Sunday/.test(r.context));
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const r of named) expect({ context: r.context, dow: r.dow }).toEqual({ context: r.context, dow: /Saturday/.test(r.context) ? 6 : 0 });
    // the exception log's answer carries the same day as the moment it logs
    const [logged] = await t.dataSource.query(
      `SELECT a.response->>'occurredAt' AS "occurredAt", to_char(x.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
         FROM assignments a JOIN case_exceptions x ON x.client_id = a.client_id AND x.context = a.response->>'context'
        WHERE a.response ? 'occurredAt'`);
    expect(logged.occurredAt).toBe(logged.day);
  });

  it('signs notes with a hash and the database refuses to change a signed note', async () => {
    const signed: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM therapy_sessions WHERE signed_at IS NOT NULL LIMIT 1`);
    await expect(t.dataSource.query(`UPDATE therapy_sessions SET note = '{}' WHERE id = $1`, [signed[0]!.id])).rejects.toThrow(/signed note/);
  });

  it('refuses impossible data in the database itself', async () => {
    const [k] = await t.dataSource.query(`SELECT id, practice_id FROM cases WHERE kind = 'individual' LIMIT 1`);
    const [c] = await t.dataSource.query(`SELECT client_id FROM case_clients WHERE case_id = $1`, [k.id]);
    const insertScore = (score: number) => t.dataSource.query(
      `INSERT INTO scale_scores (practice_id, case_id, client_id, score, source) VALUES ($1, $2, $3, $4, 'practitioner')`, [k.practice_id, k.id, c.client_id, score]);
    await expect(insertScore(10.5)).rejects.toThrow(/check constraint/);
    await expect(insertScore(3.25)).rejects.toThrow();
    await expect(t.dataSource.query(`UPDATE cases SET stage = 7 WHERE id = $1`, [k.id])).rejects.toThrow(/check constraint/);
    // A case without a client fails at commit.
    await expect(t.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO cases (practice_id, practitioner_id, title, kind) SELECT practice_id, practitioner_id, 'Empty', 'individual' FROM cases WHERE id = $1`, [k.id]);
    })).rejects.toThrow(/needs 1 client/);
    // An assignment for a client who is not in the case.
    const [other] = await t.dataSource.query(`SELECT id FROM clients WHERE id <> $1 LIMIT 1`, [c.client_id]);
    const [exercise] = await t.dataSource.query(`SELECT id FROM exercises LIMIT 1`);
    await expect(t.dataSource.query(
      `INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, due_at) VALUES ($1, $2, $3, $4, now())`,
      [k.practice_id, k.id, other.id, exercise.id])).rejects.toThrow(/foreign key/);
    await t.dataSource.query(`INSERT INTO audit_events (action, entity) VALUES ('read', 'cases')`);
    // The audit trail is append-only: the app's role lacks the privilege, and the trigger stops even the owner.
    await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    await expect(t.owner.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only|permission denied/);
  });
});
