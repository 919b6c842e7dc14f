import { myRecordCount, type MyRecordExport } from '@attune/domain';
import { demoCaseId, demoClientId, seedDemoData } from '../../seed/demo-seed.js';
import { binaryBody, renderPdfPages } from '../../testing/pdf-pages.js';
import { createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';

/** Every text leaf of a JSON value. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim().length >= 6 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('a client\'s own export and requests to erase', () => {
  let t: TestApp;
  let zhou: SignedInClient;
  let therapist: SignedInClient;
  let admin: SignedInClient;
  /** What only Zhao Lei's private (unshared) homework says, and what only session notes say. */
  let zhaoPrivate: string[];
  let zhaoShared: string[];
  let noteTexts: string[];

  beforeAll(async () => {
    t = await createTestApp('records_my_export');
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
    zhou = await t.signIn('zhou.ting@attune.test');
    therapist = await t.signIn('therapist@attune.test');
    admin = await t.signIn('admin@attune.test');
    const zhao = demoClientId('zhao');
    const rows: Array<{ response: unknown; draft: unknown; shared: boolean }> = await t.dataSource.query(
      `SELECT response, draft, shared_with_partner AS shared FROM assignments WHERE client_id = $1`, [zhao]);
    zhaoPrivate = rows.filter((r) => !r.shared).flatMap((r) => [...textsOf(r.response), ...textsOf(r.draft)]);
    zhaoShared = rows.filter((r) => r.shared).flatMap((r) => textsOf(r.response));
    const notes: Array<{ note: unknown }> = await t.dataSource.query(`SELECT note FROM therapy_sessions WHERE case_id = $1`, [demoCaseId('couple')]);
    noteTexts = notes.flatMap((n) => textsOf(n.note));
  });
  afterAll(() => t.close());

  it('gives Zhou Ting everything she entered and was shared with her as JSON, and none of Zhao Lei\'s private answers', async () => {
    expect(zhaoPrivate.length).toBeGreaterThan(0);
    expect(zhaoShared.length).toBeGreaterThan(0);
    const res = await zhou.get('/api/me/export').buffer(true).parse(binaryBody as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="my-attune-record-\d{4}-\d{2}-\d{2}\.json"$/);
    const text = (res.body as Buffer).toString('utf8');
    const record = JSON.parse(text);
    expect(record.format).toBe('attune-my-record/v1');
    expect(record.notice).toMatch(/session notes and private working notes are not part of this export/);
    expect(record.people.map((p: { displayName: string }) => p.displayName)).toEqual(['Zhou Ting']);
    // Her own answers, private ones included, her ratings and moments.
    const [own] = await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE client_id = $1`, [demoClientId('zhou')]);
    expect(record.cases[0].homework).toHaveLength(own.n);
    const zhouOwn: Array<{ response: unknown }> = await t.dataSource.query(
      `SELECT response FROM assignments WHERE client_id = $1 AND NOT shared_with_partner AND status IN ('submitted', 'reviewed')`, [demoClientId('zhou')]);
    const zhouPrivate = zhouOwn.flatMap((r) => textsOf(r.response));
    expect(zhouPrivate.length).toBeGreaterThan(0);
    for (const words of zhouPrivate) expect(text).toContain(JSON.stringify(words).slice(1, -1));
    expect(record.cases[0].ratings.length).toBeGreaterThan(0);
    // What Zhao shared is there; what he kept private is not, nor any session note.
    for (const shared of zhaoShared) expect(text).toContain(JSON.stringify(shared).slice(1, -1));
    expect(zhaoPrivate.filter((words) => text.includes(JSON.stringify(words).slice(1, -1)))).toEqual([]);
    expect(noteTexts.filter((words) => text.includes(JSON.stringify(words).slice(1, -1)))).toEqual([]);
  });

  it('gives the same as a readable PDF in Chinese, with the notice and without Zhao Lei\'s private answers', async () => {
    const res = await zhou.get('/api/me/export.pdf?lang=zh&timeZone=Asia/Shanghai').buffer(true).parse(binaryBody as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = renderPdfPages(res.body as Buffer, 'my-export', 'zhou-ting-zh');
    const text = squash(pages.map((p) => p.text).join('\n'));
    expect(text).toContain('我的记录');
    expect(text).toContain(squash('咨询师的会谈记录和私人工作笔记不包含在此导出中'));
    expect(text).toContain('ZhouTing');
    expect(pages.flatMap((p) => p.cjkRuns).filter((r) => r.ink < 0.03)).toEqual([]);
    expect(zhaoPrivate.filter((words) => text.includes(squash(words)))).toEqual([]);
    expect(noteTexts.filter((words) => text.includes(squash(words)))).toEqual([]);
    expect(zhaoShared.some((words) => text.includes(squash(words)))).toBe(true);
    // her own questionnaires, in Chinese
    expect(text).toContain('我的问卷');
    expect(text).toContain(squash('患者健康问卷（PHQ-9）'));
  });

  it('gives Zhou Ting her own measures, her PHQ-9 series with her answers in words, and none of Zhao Lei\'s', async () => {
    const completed = (client: string) => t.dataSource.query<Array<{ id: string; key: string; score: number | null }>>(
      `SELECT id, measure_key AS key, score::float AS score FROM measure_responses WHERE client_id = $1 AND status = 'completed' ORDER BY completed_at, id`, [demoClientId(client)],
    );
    const hers = await completed('zhou');
    const his = await completed('zhao');
    expect(hers.filter((r) => r.key === 'phq-9').length).toBeGreaterThan(2);
    expect(his.length).toBeGreaterThan(0);
    const res = await zhou.get('/api/me/export').buffer(true).parse(binaryBody as never);
    const text = (res.body as Buffer).toString('utf8');
    const record: MyRecordExport = JSON.parse(text);
    const measures = record.cases.flatMap((k) => k.measures);
    expect(measures.map((r) => r.id)).toEqual(hers.map((r) => r.id));
    expect(his.filter((r) => text.includes(r.id))).toEqual([]);
    const phq9 = measures.filter((r) => r.measureKey === 'phq-9');
    expect(phq9.map((r) => r.score)).toEqual(hers.filter((r) => r.key === 'phq-9').map((r) => r.score));
    expect(phq9[0]).toMatchObject({ title: { en: 'Patient Health Questionnaire (PHQ-9)', 'zh-CN': '患者健康问卷（PHQ-9）' }, band: { key: expect.any(String), label: { en: expect.any(String) } } });
    expect(phq9.at(-1)!.changeClass).toBe('reliable_improvement');
    expect(phq9[0]!.answers).toHaveLength(9);
    expect(phq9[0]!.answers[0]).toEqual({ item: 'phq9_1', question: expect.objectContaining({ en: expect.stringMatching(/interest or pleasure/i) }), value: expect.any(Number), answer: expect.objectContaining({ en: expect.any(String) }) });
    // the audit entry counts them among her records
    const [audit] = await t.dataSource.query(`SELECT row_count FROM audit_events WHERE correlation_id = $1`, [res.headers['x-correlation-id']]);
    expect(audit.row_count - myRecordCount({ ...record, cases: record.cases.map((k) => ({ ...k, measures: [] })) })).toBe(measures.length);
    // in the readable PDF too, in English
    const pdf = await zhou.get('/api/me/export.pdf?lang=en').buffer(true).parse(binaryBody as never);
    const pdfText = squash(renderPdfPages(pdf.body as Buffer, 'my-export', 'zhou-ting-en').map((p) => p.text).join('\n'));
    expect(pdfText).toContain(squash('My questionnaires'));
    expect(pdfText).toContain(squash(`Patient Health Questionnaire (PHQ-9) · `));
    expect(pdfText).toContain(squash(phq9[0]!.answers[0]!.question.en));
  });

  it('audits each export with the number of records, and refuses staff (403)', async () => {
    const res = await zhou.get('/api/me/export');
    const rows = await t.dataSource.query(`SELECT action, entity, case_id, row_count FROM audit_events WHERE correlation_id = $1`, [res.headers['x-correlation-id']]);
    expect(rows).toEqual([{ action: 'export', entity: 'my-export', case_id: demoCaseId('couple'), row_count: expect.any(Number) }]);
    expect(rows[0].row_count).toBeGreaterThan(5);
    expect((await therapist.get('/api/me/export')).status).toBe(403);
    expect((await zhou.get('/api/me/export.pdf?lang=fr')).body.errors).toHaveProperty('lang');
  });

  it('records a request to erase for an admin to decide, once; deciding deletes no signed note', async () => {
    const [before] = await t.dataSource.query(`SELECT count(*)::int AS n FROM therapy_sessions WHERE signed_at IS NOT NULL`);
    const first = await zhou.post('/api/me/erasure-requests', { reason: 'I want to start over elsewhere' });
    expect(first.status).toBe(201);
    expect(first.body.retentionRule).toMatch(/never deleted silently/);
    expect(first.body.requests).toEqual([expect.objectContaining({ clientName: 'Zhou Ting', status: 'pending', reason: 'I want to start over elsewhere' })]);
    // Asked again while pending: the same request, nothing new.
    const again = await zhou.post('/api/me/erasure-requests', {});
    expect(again.body.requests.map((r: { id: string }) => r.id)).toEqual([first.body.requests[0].id]);

    expect((await therapist.get('/api/erasure-requests')).status).toBe(403);
    const list = await admin.get('/api/erasure-requests');
    expect(list.status).toBe(200);
    const id = first.body.requests[0].id;
    expect(list.body.map((r: { id: string }) => r.id)).toContain(id);

    const noReason = await admin.post(`/api/erasure-requests/${id}/decision`, { decision: 'declined' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toHaveProperty('reason');
    const decided = await admin.post(`/api/erasure-requests/${id}/decision`, { decision: 'declined', reason: 'Signed notes must be kept for 7 years; your portal entries were exported to you' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'declined', decidedBy: 'Mei Lin' });
    expect((await admin.post(`/api/erasure-requests/${id}/decision`, { decision: 'accepted', reason: 'x' })).status).toBe(409);

    const mine = await zhou.get('/api/me/erasure-requests');
    expect(mine.body.requests[0]).toMatchObject({ status: 'declined', decisionReason: expect.stringMatching(/kept for 7 years/) });
    const [after] = await t.dataSource.query(`SELECT count(*)::int AS n FROM therapy_sessions WHERE signed_at IS NOT NULL`);
    expect(after.n).toBe(before.n);
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity = 'erasure-requests' AND entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'decline']);
  });

  it('takes an Idempotency-Key like every create: a retry replays the first answer, another body with the key is a 422', async () => {
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM erasure_requests`))[0].n as number;
    const before = await count();
    const first = await zhou.post('/api/me/erasure-requests', { reason: 'Please erase my answers' }).set('Idempotency-Key', 'erase-once-1');
    expect(first.status).toBe(201);
    const pending = first.body.requests.find((r: { status: string }) => r.status === 'pending');
    expect(pending).toMatchObject({ reason: 'Please erase my answers' });
    expect((await admin.post(`/api/erasure-requests/${pending.id}/decision`, { decision: 'declined', reason: 'Signed notes are kept for 7 years' })).status).toBe(200);

    // the retry of the first request after it was decided: its first answer again, no second request
    const retry = await zhou.post('/api/me/erasure-requests', { reason: 'Please erase my answers' }).set('Idempotency-Key', 'erase-once-1');
    expect([retry.status, retry.body]).toEqual([201, first.body]);
    expect(await count()).toBe(before + 1);
    const reused = await zhou.post('/api/me/erasure-requests', { reason: 'Something else' }).set('Idempotency-Key', 'erase-once-1');
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await count()).toBe(before + 1);
  });
});
