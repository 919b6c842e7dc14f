import { PHQ9 } from '@attune/domain';
import { seedDemoData, demoCaseId } from '../../seed/demo-seed.js';
import { binaryBody, renderPdfPages, type RenderedPage } from '../../testing/pdf-pages.js';
import { createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';

/** fontkit (pdfkit's font engine) reads the font file the report embeds; it ships no types. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { openSync(file: string): { hasGlyphForCodePoint(codePoint: number): boolean } };

const pagesOf = (pdf: Buffer, name: string): RenderedPage[] => renderPdfPages(pdf, 'case-report', name);
const squash = (s: string) => s.replace(/\s+/g, '');
const textOf = (pages: RenderedPage[]) => squash(pages.map((p) => p.text).join('\n'));

describe('case report PDF', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let chen: SignedInClient;
  const chenCase = demoCaseId('chen');

  const download = async (who: SignedInClient, url: string) => who.get(url).buffer(true).parse(binaryBody as never);

  beforeAll(async () => {
    t = await createTestApp('records_report');
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
    therapist = await t.signIn('therapist@attune.test');
    coach = await t.signIn('coach@attune.test');
    chen = await t.signIn('chen.jing@attune.test');
    const [signed] = await t.dataSource.query(`SELECT id FROM therapy_sessions WHERE case_id = $1 AND signed_at IS NOT NULL ORDER BY starts_at DESC LIMIT 1`, [chenCase]);
    expect((await therapist.post(`/api/sessions/${signed.id}/addenda`, { text: 'Addendum: the weekly check-in is hers now.' })).status).toBe(201);
  });
  afterAll(() => t.close());

  it('prints Chen Jing\'s case in English: clients, stages, chart, notes and addenda, exceptions, homework answers, signature hashes', async () => {
    const res = await download(therapist, `/api/cases/${chenCase}/report.pdf?lang=en&timeZone=Asia/Shanghai`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="case-report-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}-en\.pdf"$/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pagesOf(pdf, 'chen-en');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const text = textOf(pages);
    for (const words of ['Case report', 'Chen Jing (pseudonym)', 'Stage history', 'Collaborative Establishment', 'Progress on the 1-10 scale',
      'Came in despite feeling ashamed', 'Addendum: the weekly check-in is hers now.', 'Saturday grocery shopping together',
      'From 3 to 4 is a real step.', 'Signature hashes', `Page 1 of ${pages.length}`,
      // The measures: PHQ-9's series with its bands and the change from the first score.
      'Measures', 'PHQ-9 · Patient Health Questionnaire (PHQ-9)', 'higher is worse · cut-off 10 · reliable change 5 points',
      'Date', 'Score', 'Band', 'Change', 'Moderately severe', 'baseline', '-3 · no reliable change', '-9 · reliable improvement']) {
      expect([words, text.includes(squash(words))]).toEqual([words, true]);
    }
    const hashes: Array<{ note_hash: string }> = await t.dataSource.query(`SELECT note_hash FROM therapy_sessions WHERE case_id = $1 AND signed_at IS NOT NULL`, [chenCase]);
    expect(hashes.length).toBeGreaterThan(0);
    for (const { note_hash } of hashes) expect(text).toContain(note_hash);
    // Unsigned notes print as such, and the draft of homework in progress is not printed.
    expect(text).toContain('Notsigned');
  });

  it('prints it in Chinese with the glyphs drawn: every Chinese character has a glyph in the embedded font, and leaves ink on the page', async () => {
    const res = await download(therapist, `/api/cases/${chenCase}/report.pdf?lang=zh&timeZone=Asia/Shanghai`);
    expect(res.status).toBe(200);
    const pages = pagesOf(res.body as Buffer, 'chen-zh');
    const text = textOf(pages);
    for (const words of ['个案报告', '阶段历程', '协作建立', '会谈与记录', '签名哈希', '家庭作业', `第1页，共${pages.length}页`,
      '量表测评', '患者健康问卷（PHQ-9）', '分数越高越差', '中重度', '基线', '可靠改善']) {
      expect([words, text.includes(words)]).toEqual([words, true]);
    }
    const runs = pages.flatMap((p) => p.cjkRuns);
    expect(runs.length).toBeGreaterThan(20);
    // A run of drawn glyphs darkens its box; an undrawn (missing) font would leave it white.
    const blank = runs.filter((r) => r.ink < 0.03);
    expect(blank).toEqual([]);
    const font = fontkit.openSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
    const chars = [...new Set([...text].filter((c) => /[\u3400-\u9fff]/.test(c)))];
    expect(chars.length).toBeGreaterThan(40);
    expect(chars.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([]);
  });

  it('draws each measure as a chart over time: its bands named, the cut-off labelled, every score a point, the table under it', async () => {
    const scored: Array<{ score: string }> = await t.dataSource.query(
      `SELECT score FROM measure_responses WHERE case_id = $1 AND measure_key = $2 AND status = 'completed' AND score IS NOT NULL ORDER BY completed_at, id`, [chenCase, PHQ9.key]);
    expect(scored.length).toBeGreaterThanOrEqual(3);
    const points = scored.map((r) => String(Number(r.score))).join('');
    for (const lang of ['en', 'zh'] as const) {
      const res = await download(therapist, `/api/cases/${chenCase}/report.pdf?lang=${lang}&timeZone=Asia/Shanghai`);
      expect(res.status).toBe(200);
      const text = textOf(pagesOf(res.body as Buffer, `chen-${lang}-measures`));
      const about = squash(lang === 'en' ? 'higher is worse · cut-off 10 · reliable change 5 points' : '分数越高越差 · 临界值 10 · 可靠变化 5 分');
      const table = squash(lang === 'en' ? 'Date Score Band Change' : '日期 得分 分级 变化');
      const from = text.indexOf(about) + about.length;
      // what the chart prints between the measure's line and its table
      const chart = text.slice(from, text.indexOf(table, from));
      expect(chart.length).toBeGreaterThan(0);
      const bands = PHQ9.bands.map((b) => (lang === 'en' ? b.label.en : b.label['zh-CN'])).join('');
      expect([lang, chart]).toEqual([lang, expect.stringContaining(squash(bands))]);
      expect([lang, chart]).toEqual([lang, expect.stringContaining('0510152027')]);
      expect([lang, chart]).toEqual([lang, expect.stringContaining(lang === 'en' ? 'cut-off10' : '临界值10')]);
      expect([lang, chart]).toEqual([lang, expect.stringContaining(points)]);
      expect([lang, chart]).toEqual([lang, expect.stringContaining(squash('Chen Jing (pseudonym)'))]);
    }
  });

  it('shows only the chosen period', async () => {
    const [first] = await t.dataSource.query(
      `SELECT to_char(min(starts_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM therapy_sessions WHERE case_id = $1`, [chenCase]);
    const res = await download(therapist, `/api/cases/${chenCase}/report.pdf?lang=en&from=${first.day}&to=${first.day}`);
    expect(res.status).toBe(200);
    const text = textOf(pagesOf(res.body as Buffer, 'chen-en-first-day'));
    expect(text).toContain(squash('Came in despite feeling ashamed'));
    expect(text).not.toContain(squash('Recognises early signals'));
    expect(text).not.toContain(squash('Market on Saturday morning'));
  });

  it('makes a discharge summary only of a closed case', async () => {
    const liu = demoCaseId('liu');
    const open = await therapist.get(`/api/cases/${liu}/report.pdf?variant=discharge`);
    expect([open.status, open.body.code]).toEqual([409, 'CASE_NOT_CLOSED']);
    await t.owner.query(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [liu]);
    for (const lang of ['en', 'zh'] as const) {
      const res = await download(therapist, `/api/cases/${liu}/report.pdf?variant=discharge&lang=${lang}`);
      expect(res.status).toBe(200);
      const text = textOf(pagesOf(res.body as Buffer, `liu-discharge-${lang}`));
      expect(text).toContain(lang === 'en' ? 'Dischargesummary' : '结案总结');
      expect(text).toContain(lang === 'en' ? squash('Liu Jia: from 3 to 3.5 on the scale') : squash('Liu Jia：量尺从 3 到 3.5'));
    }
  });

  it('audits the export with the number of records it shows', async () => {
    const res = await download(therapist, `/api/cases/${chenCase}/report.pdf`);
    const rows = await t.dataSource.query(`SELECT actor_id, action, entity, entity_id, case_id, row_count FROM audit_events WHERE correlation_id = $1`, [res.headers['x-correlation-id']]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: therapist.userId, action: 'export', entity: 'case-report', entity_id: chenCase, case_id: chenCase });
    expect(rows[0].row_count).toBeGreaterThan(20);
  });

  it('refuses what the caller may not see (404), clients (403) and a bad query (400 naming the field)', async () => {
    expect((await coach.get(`/api/cases/${chenCase}/report.pdf`)).status).toBe(404);
    expect((await chen.get(`/api/cases/${chenCase}/report.pdf`)).status).toBe(403);
    const bad = await therapist.get(`/api/cases/${chenCase}/report.pdf?lang=fr`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('lang');
    const backwards = await therapist.get(`/api/cases/${chenCase}/report.pdf?from=2026-02-02&to=2026-02-01`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toHaveProperty('to');
  });
});
