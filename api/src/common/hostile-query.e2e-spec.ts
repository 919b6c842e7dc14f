import { builtInExerciseId } from '../modules/exercises/built-in-exercises.sync.js';
import { KNOWN_TIME_ZONES } from '../modules/cases/time-zone.js';
import { DEMO_PRACTICE_ID, demoCaseId, demoClientId, demoUserId } from '../seed/demo-seed.js';
import { createDemoTestApp, listUrl, type DemoTestApp, type SignedInClient } from '../testing/test-app.js';
import { QUERY_DATE_RULE } from './list-date-range.js';

/**
 * Query values that once reached PostgreSQL unchecked (and came back as 500s), and field names
 * that passed a whitelist through Object.prototype: each is now a 400 naming the parameter.
 */
describe('hostile query values and field names', () => {
  let demo: DemoTestApp;
  beforeAll(async () => {
    demo = await createDemoTestApp('hostile-query');
  });
  afterAll(() => demo.t.close());

  /** The five lists with a date range filter, and who may read each. */
  const DATE_LISTS: Array<{ path: string; field: string; as: 'therapist' | 'admin' }> = [
    { path: '/api/sessions', field: 'startsAt', as: 'therapist' },
    { path: '/api/scale-scores', field: 'recordedAt', as: 'therapist' },
    { path: '/api/exceptions', field: 'occurredAt', as: 'therapist' },
    { path: '/api/assignments', field: 'dueAt', as: 'therapist' },
    { path: '/api/audit-events', field: 'at', as: 'admin' },
  ];
  const BAD_DATES = ['+275760-09-13T00:00:00Z', 'GMT+1430', '2026-02-30', '0000-01-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T09:00:00+23:00', '2026-03-01T09:00:00', 'Tue, 3 Mar 2026'];
  const as = (who: 'therapist' | 'admin'): SignedInClient => demo[who];

  describe.each(DATE_LISTS)('$path', ({ path, field, as: who }) => {
    it.each(BAD_DATES.flatMap((value) => [['_gte', value], ['_lte', value]]))(`answers 400 naming filter.${field}%s for %s`, async (suffix, value) => {
      const res = await as(who).get(listUrl(path, { filter: { [`${field}${suffix}`]: value } }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION', errors: { [`filter.${field}${suffix}`]: QUERY_DATE_RULE } });
    });

    it('still reads a calendar day and an instant with a zone, and refuses a list of dates', async () => {
      const ok = await as(who).get(listUrl(path, { filter: { [`${field}_gte`]: '2020-02-29', [`${field}_lte`]: '2099-03-01T09:30:00.5+08:00' } }));
      expect(ok.status).toBe(200);
      const list = await as(who).get(listUrl(path, { filter: { [`${field}_gte`]: ['2026-03-01'] } }));
      expect(list.status).toBe(400);
      expect(Object.keys(list.body.errors)).toEqual([`filter.${field}_gte`]);
    });
  });

  it('counts a calendar day as the whole UTC day at both ends', async () => {
    const rows: Array<{ day: string }> = await demo.t.dataSource.query(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM scale_scores WHERE case_id = $1 ORDER BY recorded_at LIMIT 1`, [demoCaseId('chen')]);
    const day = rows[0]!.day;
    const res = await demo.therapist.get(listUrl('/api/scale-scores', { filter: { caseId: demoCaseId('chen'), recordedAt_gte: day, recordedAt_lte: day }, range: [0, 99] }));
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    for (const score of res.body as Array<{ recordedAt: string }>) expect(score.recordedAt.slice(0, 10)).toBe(day);
  });

  describe('timeZone', () => {
    const ZONED = [
      () => '/api/dashboard',
      () => `/api/cases/${demoCaseId('chen')}/exception-patterns`,
    ];

    it.each(['US/Pacific-New', 'EST5EDT', 'GMT', '+08:00', 'Etc/GMT+14', 'US/Pacific', 'Nowhere/Special', 'Asia/Shanghai/Extra', 'x'.repeat(65)])('answers 400 naming timeZone for %s', async (zone) => {
      for (const path of ZONED) {
        const res = await demo.therapist.get(`${path()}?timeZone=${encodeURIComponent(zone)}`);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION', errors: { timeZone: expect.stringMatching(/^is not a known time zone/) } });
      }
    });

    it('reads a region\'s newer alias as the zone it names (Asia/Kolkata as Asia/Calcutta), and UTC by default', async () => {
      const res = await demo.therapist.get('/api/dashboard?timeZone=Asia/Kolkata');
      expect(res.status).toBe(200);
      expect(res.body.week.timeZone).toBe(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Kolkata' }).resolvedOptions().timeZone);
      expect((await demo.therapist.get(`/api/cases/${demoCaseId('chen')}/exception-patterns?timeZone=Europe/Kyiv`)).status).toBe(200);
      expect((await demo.therapist.get('/api/dashboard')).body.week.timeZone).toBe('UTC');
    });

    it('accepts only zones PostgreSQL knows: every one of them', async () => {
      const rows: Array<{ name: string }> = await demo.t.dataSource.query(`SELECT name FROM pg_timezone_names WHERE name = ANY($1)`, [[...KNOWN_TIME_ZONES]]);
      const known = new Set(rows.map((r) => r.name));
      expect([...KNOWN_TIME_ZONES].filter((zone) => !known.has(zone))).toEqual([]);
      expect(KNOWN_TIME_ZONES.size).toBeGreaterThan(400);
    });
  });

  describe('field names from Object.prototype', () => {
    const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

    it.each(NAMES)('refuses sort by "%s" on every list with a 400 naming sort', async (name) => {
      for (const path of ['/api/cases', '/api/clients', '/api/sessions', '/api/scale-scores', '/api/exceptions', '/api/assignments', '/api/exercises']) {
        const res = await demo.therapist.get(listUrl(path, { sort: [name, 'ASC'] }));
        expect(res.status).toBe(400);
        expect(Object.keys(res.body.errors)).toEqual(['sort']);
      }
    });

    it.each(NAMES)('refuses a filter on "%s" with a 400 naming filter.%s', async (name) => {
      for (const path of ['/api/cases', '/api/clients', '/api/sessions', '/api/assignments']) {
        // the raw JSON text, as a browser sends it: "__proto__" arrives as an own key
        const res = await demo.therapist.get(`${path}?filter=${encodeURIComponent(`{"${name}":"x"}`)}`);
        expect(res.status).toBe(400);
        expect(Object.keys(res.body.errors)).toEqual([`filter.${name}`]);
      }
      const audit = await demo.admin.get(`/api/audit-events?filter=${encodeURIComponent(`{"${name}":"x"}`)}`);
      expect(audit.status).toBe(400);
      expect(Object.keys(audit.body.errors)).toEqual([`filter.${name}`]);
    });

    it.each(NAMES)('names an answer "%s" in the 400 of a draft and of a submission, and stores nothing', async (name) => {
      const rows: Array<{ id: string }> = await demo.t.dataSource.query(
        `INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, assigned_by, assigned_at, due_at, status)
         VALUES ($1, $2, $3, $4, $5, now(), now() + interval '7 days', 'assigned') RETURNING id`,
        [DEMO_PRACTICE_ID, demoCaseId('chen'), demoClientId('chen'), builtInExerciseId('action-menu'), demoUserId('therapist')]);
      const id = rows[0]!.id;
      // JSON.parse makes "__proto__" an own key, which JSON.stringify sends on as it came
      const body = JSON.parse(`{"response":{"${name}":"x"}}`) as object;
      for (const send of [
        () => demo.client.put(`/api/me/assignments/${id}/draft`, body),
        () => demo.client.post(`/api/me/assignments/${id}/submit`, body),
      ]) {
        const res = await send();
        expect(res.status).toBe(400);
        // Nest strips __proto__ and constructor from every body: refused by name before it can
        const reason = name === '__proto__' || name === 'constructor' ? 'is a reserved name, not a field' : 'is not a recognised field';
        expect(Object.hasOwn(res.body.errors, `response.${name}`)).toBe(true);
        expect(res.body.errors[`response.${name}`]).toBe(reason);
      }
      const stored: Array<{ status: string; draft: unknown }> = await demo.t.dataSource.query(`SELECT status, draft FROM assignments WHERE id = $1`, [id]);
      expect(stored[0]).toEqual({ status: 'assigned', draft: null });
    });
  });
});
