import { DEMO_PRACTICE_SLUG, demoUserId } from '../../seed/demo-seed.js';
import { createDemoTestApp, createTestApp, listUrl, type DemoTestApp, type TestApp } from '../../testing/test-app.js';
import { seedDemoData } from '../../seed/demo-seed.js';

const URL = `/api/public/practices/${DEMO_PRACTICE_SLUG}/relationship-test`;
const ANSWERS = {
  ro_1: 1, ro_2: 1, ro_3: 3, rs_1: 3, rs_2: 3, rs_3: 1, rt_1: 1, rt_2: 1, rt_3: 3,
  us_p1: 3, us_p2: 4, us_w1: 0, us_w2: 1, cr_1: 2, cr_2: 2, cr_3: 3, se_1: 2, se_2: 2, se_3: 3,
};
const SAFETY = { safe_afraid: 0, safe_hurt: 0, safe_speak: 0 };

async function countIntake(t: TestApp): Promise<number> {
  const rows: Array<{ n: number }> = await t.owner.query(`SELECT count(*)::int AS n FROM intake_requests`);
  return rows[0]!.n;
}

interface OpenedPage { startedAt: number; startToken: string }

async function openPage(t: TestApp): Promise<OpenedPage> {
  const page = await t.http.get(URL);
  expect(page.status).toBe(200);
  return page.body as OpenedPage;
}

/** Sends the answers from an opened page as if the visitor took `seconds` to answer. */
async function sendFrom(t: TestApp, page: OpenedPage, seconds: number, extra: Record<string, unknown> = {}) {
  jest.spyOn(Date, 'now').mockReturnValue(page.startedAt + seconds * 1000);
  try {
    return await t.http.post(URL).send({ answers: ANSWERS, safety: SAFETY, startedAt: page.startedAt, startToken: page.startToken, ...extra });
  } finally {
    jest.restoreAllMocks();
  }
}

const CONSENT = (name: string) => ({ consent: true, contact: { name, email: `${name.toLowerCase()}@example.test` } });

describe('the public relationship test', () => {
  let d: DemoTestApp;

  beforeAll(async () => {
    // The per-address limit has its own app below; here every send of the tests gets through it.
    d = await createDemoTestApp('public_test', { PUBLIC_TEST_RATE_LIMIT: '0' });
  });
  afterAll(() => d.t.close());

  /** Opens the page and sends the answers as if the visitor took `seconds` to answer. */
  async function takeTest(extra: Record<string, unknown>, seconds = 60) {
    return sendFrom(d.t, await openPage(d.t), seconds, extra);
  }

  it('shows the test without an account, with the safety screen and no tracking', async () => {
    const page = await d.t.http.get(URL);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ practiceName: 'Harbour Light Counselling (demo)', minFillSeconds: 20 });
    expect(page.body.definition.items).toHaveLength(19);
    expect(page.body.safetyItems).toHaveLength(3);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect((await d.t.http.get('/api/public/practices/no-such-practice/relationship-test')).status).toBe(404);
  });

  it('returns the profile and playbook and stores nothing without consent', async () => {
    const before = await countIntake(d.t);
    const res = await takeTest({ contact: { name: 'Visitor', email: 'v@example.test' } });
    expect(res.status).toBe(200);
    expect(res.body.sent).toBe(false);
    expect(res.body.profile).toMatchObject({ stressMove: 'press' });
    expect(res.body.playbook.length).toBeGreaterThan(0);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await countIntake(d.t)).toBe(before);
  });

  it('refuses answers sent faster than a person can read, and a made-up start time', async () => {
    const fast = await takeTest({}, 5);
    expect(fast.status).toBe(400);
    expect(Object.keys(fast.body.errors)).toEqual(['startedAt']);
    const page = await d.t.http.get(URL);
    const forged = await d.t.http.post(URL).send({ answers: ANSWERS, safety: SAFETY, startedAt: page.body.startedAt - 120_000, startToken: page.body.startToken });
    expect(forged.status).toBe(400);
  });

  it('refuses a page opened more than two hours ago, and files nothing from it', async () => {
    const before = await countIntake(d.t);
    const page = await openPage(d.t);
    const late = await sendFrom(d.t, page, 2 * 3600 + 1, CONSENT('Late'));
    expect(late.status).toBe(400);
    expect(late.body.errors).toEqual({ startedAt: 'the page was opened more than two hours ago; reload the page and send again' });
    expect(await countIntake(d.t)).toBe(before);
    // Just inside the two hours the same page still counts.
    expect((await sendFrom(d.t, page, 2 * 3600 - 1)).status).toBe(200);
  });

  it('files one request per opened page: the same start token sent again is refused and files nothing', async () => {
    const page = await openPage(d.t);
    const first = await sendFrom(d.t, page, 60, CONSENT('Once'));
    expect(first.status).toBe(200);
    expect(first.body.sent).toBe(true);
    const before = await countIntake(d.t);
    const replay = await sendFrom(d.t, page, 90, CONSENT('Twice'));
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('CONFLICT');
    expect(await countIntake(d.t)).toBe(before);
    const names: Array<{ name: string }> = await d.t.owner.query(`SELECT name FROM intake_requests WHERE name IN ('Once', 'Twice')`);
    expect(names).toEqual([{ name: 'Once' }]);
  });

  it('answers a bot that fills the hidden field as usual and keeps nothing', async () => {
    const before = await countIntake(d.t);
    const res = await takeTest({ website: 'http://spam.example', consent: true, contact: { name: 'Bot', email: 'bot@example.test' } });
    expect(res.status).toBe(200);
    expect(res.body.sent).toBe(false);
    expect(await countIntake(d.t)).toBe(before);
  });

  it('with consent and a contact files an intake request that an admin accepts into a client and case', async () => {
    const sent = await takeTest({ consent: true, locale: 'zh-CN', contact: { name: '王芳', email: 'wang.fang@example.test', message: '想和伴侣一起来' } });
    expect(sent.body.sent).toBe(true);
    const list = await d.admin.get(listUrl('/api/intake-requests', { filter: { status: 'new' } }));
    const request = list.body.find((r: { name: string }) => r.name === '王芳');
    expect(request).toMatchObject({ locale: 'zh-CN', email: 'wang.fang@example.test', profile: { stressMove: 'press' } });
    expect((await d.therapist.get('/api/intake-requests')).status).toBe(403);

    const bad = await d.admin.post(`/api/intake-requests/${request.id}/accept`, { practitionerId: demoUserId('admin') });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual({ practitionerId: 'is not an active practitioner of this practice' });
    const accepted = await d.admin.post(`/api/intake-requests/${request.id}/accept`, { practitionerId: demoUserId('therapist') });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const k = await d.therapist.get(`/api/cases/${accepted.body.caseId}`);
    expect(k.body).toMatchObject({ kind: 'individual', stage: 1, clientIds: [accepted.body.clientId] });
    expect((await d.admin.post(`/api/intake-requests/${request.id}/decline`)).status).toBe(409);
  });

  it('needs a contact to send the result', async () => {
    const noContact = await takeTest({ consent: true });
    expect(noContact.status).toBe(400);
    expect(noContact.body.errors).toEqual({ contact: 'is required to send your result to the practice' });
  });

  it('lets an admin set the slug and switch the page off; then it is gone', async () => {
    const settings = await d.admin.get('/api/practice');
    expect(settings.body).toMatchObject({ slug: DEMO_PRACTICE_SLUG, publicTestEnabled: true });
    expect((await d.therapist.put('/api/practice', { publicTestEnabled: false })).status).toBe(403);
    expect((await d.admin.put('/api/practice', { slug: 'Bad Slug!' })).body.errors).toEqual({ slug: 'must be 3-40 lower-case letters, digits or dashes' });
    const off = await d.admin.put('/api/practice', { publicTestEnabled: false });
    expect(off.body.publicTestEnabled).toBe(false);
    expect((await d.t.http.get(URL)).status).toBe(404);
    await d.admin.put('/api/practice', { publicTestEnabled: true });
    expect((await d.t.http.get(URL)).status).toBe(200);
  });
});

describe('the public relationship test under a flood', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('public_test_flood', { PUBLIC_TEST_RATE_LIMIT: '3' });
    await seedDemoData(t.dataSource, { password: 'x-demo-password' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After after the limit from one address', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await t.http.post(URL).send({ answers: ANSWERS, safety: SAFETY, startedAt: 0, startToken: 'x' });
      statuses.push(res.status);
      retryAfter ??= res.headers['retry-after'];
    }
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('the public relationship test past its daily cap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('public_test_cap', { PUBLIC_TEST_DAILY_INTAKE_LIMIT: '2', PUBLIC_TEST_RATE_LIMIT: '0' });
    await seedDemoData(t.dataSource, { password: 'x-demo-password' });
  });
  afterAll(() => t.close());

  it('files two requests in a day, then answers 429 RATE_LIMITED with Retry-After and files nothing, still showing the result', async () => {
    for (const name of ['First', 'Second']) {
      const res = await sendFrom(t, await openPage(t), 60, CONSENT(name));
      expect(res.body.sent).toBe(true);
    }
    const third = await sendFrom(t, await openPage(t), 60, CONSENT('Third'));
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(third.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(await countIntake(t)).toBe(2);
    // Without sending, the visitor still gets the profile.
    const own = await sendFrom(t, await openPage(t), 60);
    expect(own.status).toBe(200);
    expect(own.body.sent).toBe(false);
  });

  it('counts the last 24 hours only: once the first request is a day old, one more is filed', async () => {
    await t.owner.query(`UPDATE intake_requests SET created_at = now() - interval '25 hours' WHERE name = 'First'`);
    const res = await sendFrom(t, await openPage(t), 60, CONSENT('Fourth'));
    expect(res.status).toBe(200);
    expect(res.body.sent).toBe(true);
  });
});
