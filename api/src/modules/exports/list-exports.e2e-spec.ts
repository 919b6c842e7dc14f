import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { demoClientId, demoUserId, DEMO_PRACTICE_ID } from '../../seed/demo-seed.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, listUrl, ownerOf, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const BOM = '\uFEFF';

/** The CSV body as rows of cells, header first; the BOM must lead. */
function csvRows(res: Response): string[][] {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
  const text = (res.body as Buffer).toString('utf8');
  expect(text.startsWith(BOM)).toBe(true);
  return parse(text.slice(1), { relax_column_count: false }) as string[][];
}

describe('list exports (GET /api/<resource>/export.csv)', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;

  const download = (who: SignedInClient, url: string) => who.get(url).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('list-exports'));
  });
  afterAll(() => t.close());

  it('gives every client the list shows, Chinese intact and formula cells neutralised, and audits one export with its row count', async () => {
    for (const displayName of ['=HYPERLINK("http://evil.test","点我")', '＋1 full-width plus', '-2+3', '@SUM(A1)', '＝1+1', '王芳 (化名)']) {
      expect((await therapist.post('/api/clients', { displayName })).status).toBe(201);
    }
    const res = await download(therapist, listUrl('/api/clients/export.csv', { sort: ['displayName', 'ASC'] }));
    const [header, ...rows] = csvRows(res);
    expect(header).toEqual(['id', 'displayName', 'pronouns', 'email', 'phone', 'status', 'practitioner', 'portalAccount', 'createdAt']);
    const listed = await therapist.get(listUrl('/api/clients', { sort: ['displayName', 'ASC'], range: [0, 499] }));
    expect(rows.map((r) => r[0])).toEqual(listed.body.map((c: { id: string }) => c.id));
    const names = rows.map((r) => r[1]);
    expect(names).toContain('\'=HYPERLINK("http://evil.test","点我")');
    expect(names).toContain('\'＋1 full-width plus');
    expect(names).toContain('\'-2+3');
    expect(names).toContain('\'@SUM(A1)');
    expect(names).toContain('\'＝1+1');
    expect(names).toContain('王芳 (化名)');
    expect(names).toContain('Chen Jing (pseudonym)');
    // the coach's clients are not the therapist's
    expect(names).not.toContain('He Yun (pseudonym)');
    expect(rows.find((r) => r[0] === demoClientId('chen'))).toEqual(expect.arrayContaining(['Dr. Wang Fang', 'yes']));

    const audit = await t.dataSource.query(
      `SELECT action, entity, actor_id AS "actorId", row_count AS "rowCount", entity_id AS "entityId" FROM audit_events WHERE correlation_id = $1 AND case_id IS NULL`,
      [res.headers['x-correlation-id']],
    );
    expect(audit).toEqual([{ action: 'export', entity: 'clients', actorId: demoUserId('therapist'), rowCount: rows.length, entityId: null }]);
  });

  it('applies the list\'s filter and sort, and streams past one batch of 500 rows in order', async () => {
    await ownerOf(t.dataSource).query(
      `INSERT INTO clients (practice_id, practitioner_id, display_name, status, version)
       SELECT $1, $2, 'Bulk ' || lpad(n::text, 4, '0'), 'paused', 1 FROM generate_series(1, 1234) AS n`,
      [DEMO_PRACTICE_ID, demoUserId('coach')],
    );
    const res = await download(coach, listUrl('/api/clients/export.csv', { filter: { status: 'paused' }, sort: ['displayName', 'DESC'] }));
    const [, ...rows] = csvRows(res);
    expect(rows).toHaveLength(1234);
    expect(rows[0]![1]).toBe('Bulk 1234');
    expect(rows.at(-1)![1]).toBe('Bulk 0001');
    expect(rows.every((r) => r[5] === 'paused')).toBe(true);
  });

  it('audits a case export as a read of each case it returned', async () => {
    const res = await download(therapist, listUrl('/api/cases/export.csv', { filter: { status: 'open' }, sort: ['title', 'ASC'] }));
    const [header, ...rows] = csvRows(res);
    expect(header!.slice(0, 5)).toEqual(['id', 'title', 'kind', 'clients', 'practitioner']);
    expect(rows.map((r) => r[1])).toEqual([
      'Chen Jing: between two fears', 'Liu Jia: from anxiety to safety', 'Zhao Lei and Zhou Ting: from silence to dialogue',
    ]);
    expect(rows[2]![3]).toBe('Zhao Lei; Zhou Ting');
    const audit = await auditEventsOf(t.dataSource, res);
    expect(audit.filter((a) => a.caseId).map((a) => a.caseId).sort()).toEqual(rows.map((r) => r[0]).sort());
    expect(audit.every((a) => a.action === 'export' && a.entity === 'cases')).toBe(true);
  });

  it('exports users, sessions, exercises and the audit log to an admin', async () => {
    for (const resource of ['users', 'sessions', 'exercises', 'audit-events']) {
      const [header, ...rows] = csvRows(await download(admin, `/api/${resource}/export.csv`));
      expect(header![0]).toBe('id');
      expect(rows.length).toBeGreaterThan(0);
    }
    const [, ...trail] = csvRows(await download(admin, listUrl('/api/audit-events/export.csv', { filter: { action: 'export', entity: 'clients' } })));
    expect(trail.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses what the list refuses: an unknown sort, a client, a practitioner on the audit log', async () => {
    const bad = await therapist.get(listUrl('/api/cases/export.csv', { sort: ['nope', 'ASC'] }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('sort');
    expect((await client.get('/api/cases/export.csv')).status).toBe(403);
    expect((await therapist.get('/api/audit-events/export.csv')).status).toBe(403);
    expect((await therapist.get('/api/users/export.csv')).status).toBe(403);
  });

  it('limits exports per user a minute (429 with Retry-After)', async () => {
    const answers: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await download(admin, '/api/exercises/export.csv');
      answers.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect(answers.filter((s) => s === 200).length).toBeLessThanOrEqual(10);
  });
});
