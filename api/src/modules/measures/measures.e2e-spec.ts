import { randomUUID } from 'node:crypto';
import { demoCaseId, demoClientId, demoUserId } from '../../seed/demo-seed.js';
import { MeasureReminders } from './measure-reminders.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, listUrl, type DemoTestApp, type SignedInClient } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');
const COUPLE_CASE = demoCaseId('couple');
const ZHAO = demoClientId('zhao');
const ZHOU = demoClientId('zhou');

/** PHQ-9 answers: the first eight items as given, item 9 as `item9`. */
function phq9(values: number[], item9 = 0): Record<string, number> {
  const answers: Record<string, number> = { phq9_9: item9 };
  values.forEach((v, i) => (answers[`phq9_${i + 1}`] = v));
  return answers;
}

const STEADY_PROFILE = {
  ro_1: 4, ro_2: 4, ro_3: 0, rs_1: 4, rs_2: 4, rs_3: 0, rt_1: 4, rt_2: 4, rt_3: 0,
  us_p1: 0, us_p2: 0, us_w1: 0, us_w2: 0, cr_1: 4, cr_2: 4, cr_3: 4, se_1: 4, se_2: 4, se_3: 0,
};
const NO_CONCERN = { safe_afraid: 0, safe_hurt: 0, safe_speak: 0 };

describe('measures: giving, answering, scoring and alerts', () => {
  let d: DemoTestApp;
  let zhao: SignedInClient;
  let zhou: SignedInClient;

  beforeAll(async () => {
    d = await createDemoTestApp('measures');
    zhao = await d.t.signIn('zhao.lei@attune.test');
    zhou = await d.t.signIn('zhou.ting@attune.test');
  });
  afterAll(() => d.t.close());

  /** Gives a measure once to a client, and returns the client's open occurrence of it. */
  async function give(client: SignedInClient, caseId: string, clientId: string, measureKey: string): Promise<{ scheduleId: string; responseId: string }> {
    const schedule = await d.therapist.post('/api/measure-schedules', { caseId, clientId, measureKey, cadence: 'once' });
    expect(schedule.status).toBe(201);
    expect(schedule.body).toMatchObject({ cadence: 'once', expiresAfterDays: 4, active: true });
    const mine = await client.get('/api/me/measures');
    expect(mine.status).toBe(200);
    const open = (mine.body as Array<{ id: string; measureKey: string; status: string }>).find((m) => m.measureKey === measureKey && m.status === 'pending');
    expect(open).toBeDefined();
    return { scheduleId: schedule.body.id, responseId: open!.id };
  }

  it('lists the built-in measures read-only, and exports PHQ-9 as a FHIR Questionnaire', async () => {
    const list = await d.therapist.get('/api/measures');
    expect(list.status).toBe(200);
    expect(list.body.map((m: { key: string }) => m.key)).toEqual(['phq-9', 'gad-7', 'who-5', 'communication-profile']);
    expect(list.headers['content-range']).toBe('measures 0-3/4');
    const q = await d.therapist.get('/api/measures/phq-9/questionnaire');
    expect(q.body).toMatchObject({ resourceType: 'Questionnaire', code: [{ code: '44261-6' }] });
    expect((await d.therapist.get('/api/measures/nope')).status).toBe(404);
    expect((await d.therapist.post('/api/measures', { key: 'x' })).status).toBe(404);
  });

  it('schedule → the client answers → the server scores, bands and compares with the first PHQ-9', async () => {
    const { responseId } = await give(d.client, CHEN_CASE, CHEN, 'phq-9');
    const detail = await d.client.get(`/api/me/measures/${responseId}`);
    expect(detail.body.definition.items).toHaveLength(9);
    expect(detail.body.status).toBe('pending');
    expect(new Date(detail.body.expiresAt).getTime() - new Date(detail.body.opensAt).getTime()).toBe(4 * 86_400_000);

    // A draft to resume later; a value not offered is a 400 naming the item.
    const bad = await d.client.put(`/api/me/measures/${responseId}/draft`, { answers: { phq9_1: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual({ 'answers.phq9_1': 'must be one of: 0, 1, 2, 3' });
    const draft = await d.client.put(`/api/me/measures/${responseId}/draft`, { answers: { phq9_1: 1, phq9_2: 1 } });
    expect(draft.body.draft).toEqual({ answers: { phq9_1: 1, phq9_2: 1 } });

    // A score sent by the client is not a field the server reads.
    const key = randomUUID();
    const sent = await d.client.post(`/api/me/measures/${responseId}/submit`, { answers: phq9([1, 1, 1, 1, 0, 0, 0, 0]), score: 27 }).set('Idempotency-Key', key);
    expect(sent.status).toBe(200);
    expect(sent.body.result).toMatchObject({ score: 4, band: { key: 'minimal' }, safetyConcern: false });
    const again = await d.client.post(`/api/me/measures/${responseId}/submit`, { answers: phq9([1, 1, 1, 1, 0, 0, 0, 0]), score: 27 }).set('Idempotency-Key', key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(responseId);
    expect((await d.client.post(`/api/me/measures/${responseId}/submit`, { answers: phq9([0, 0, 0, 0, 0, 0, 0, 0]) })).status).toBe(409);

    const stored = await d.therapist.get(`/api/measure-responses/${responseId}`);
    // Chen's first PHQ-9 in the demo was 16: 4 is 12 points better.
    expect(stored.body).toMatchObject({ status: 'completed', source: 'client', score: 4, change: { baseline: 16, delta: -12, class: 'reliable_improvement' } });
  });

  it('refuses a PHQ-9 with item 9 unanswered, naming it', async () => {
    const { responseId } = await give(d.client, CHEN_CASE, CHEN, 'phq-9');
    const answers: Record<string, number | null> = phq9([1, 1, 1, 1, 1, 1, 1, 1]);
    answers.phq9_9 = null;
    const res = await d.client.post(`/api/me/measures/${responseId}/submit`, { answers });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ 'answers.phq9_9': 'is required' });
  });

  it('PHQ-9 item 9 above 0 opens an urgent alert on the case at once, whatever the total', async () => {
    const before = await d.therapist.get(`/api/cases/${CHEN_CASE}`);
    expect(before.body.alerts.map((a: { kind: string }) => a.kind)).not.toContain('measure_safety');
    const { responseId } = await give(d.client, CHEN_CASE, CHEN, 'phq-9');
    const sent = await d.client.post(`/api/me/measures/${responseId}/submit`, { answers: phq9([0, 0, 0, 0, 0, 0, 0, 0], 1) });
    expect(sent.body.result).toMatchObject({ score: 1, band: { key: 'minimal' }, safetyConcern: true });

    const k = await d.therapist.get(`/api/cases/${CHEN_CASE}`);
    expect(k.body.alerts[0]).toMatchObject({ kind: 'measure_safety', severity: 'high', clientId: CHEN });
    const progress = await d.therapist.get(`/api/cases/${CHEN_CASE}/progress`);
    expect(progress.body.alerts[0]).toMatchObject({ kind: 'measure_safety' });
    const dashboard = await d.therapist.get('/api/dashboard');
    // The dashboard lists each alert as {caseId, caseTitle, alert}.
    expect(dashboard.body.alerts.some((a: { caseId: string; alert: { kind: string } }) => a.alert.kind === 'measure_safety' && a.caseId === CHEN_CASE)).toBe(true);
    // The alert text carries no answer, only the measure's name.
    expect(JSON.stringify(k.body.alerts[0])).not.toMatch(/dead|hurting/i);

    // The practitioner is told at once through the notifications queue: in the bell and by e-mail.
    const dedupeKey = `measure_safety:${responseId}`;
    const bell: Array<{ user_id: string; kind: string; params: unknown; link: string }> = await d.t.owner.query(
      `SELECT user_id, kind, params, link FROM notifications WHERE dedupe_key = $1`, [dedupeKey]);
    expect(bell).toEqual([expect.objectContaining({ user_id: demoUserId('therapist'), kind: 'alert_opened', link: `/#/cases/${CHEN_CASE}/show` })]);
    const mail: Array<{ to_address: string; subject: string; text_body: string; html_body: string }> = await d.t.owner.query(
      `SELECT to_address, subject, text_body, html_body FROM outbox_messages WHERE dedupe_key = $1`, [dedupeKey]);
    expect(mail).toEqual([expect.objectContaining({ to_address: 'therapist@attune.test' })]);
    expect(mail[0]!.text_body).toContain(`/#/cases/${CHEN_CASE}/show`);
    // Nothing clinical in either: not the measure, the item, the answer or the client's name.
    const told = JSON.stringify([bell, mail]);
    for (const clinical of ['PHQ', 'Patient Health', 'dead', 'hurting', 'item 9', 'Chen Jing', 'Several days']) expect(told).not.toContain(clinical);
    const therapistBell = await d.therapist.get('/api/me/notifications');
    expect(therapistBell.body.items.map((n: { kind: string }) => n.kind)).toContain('alert_opened');
  });

  it('a practitioner enters answers given in session; a reliable deterioration shows in "needs attention"', async () => {
    // Liu Jia's first PHQ-9 was 14: 20 is 6 worse.
    const liuCase = demoCaseId('liu');
    const entered = await d.therapist.post('/api/measure-responses', { caseId: liuCase, clientId: demoClientId('liu'), measureKey: 'phq-9', answers: phq9([3, 3, 3, 3, 2, 2, 2, 2]) });
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({ source: 'practitioner', score: 20, band: { key: 'severe' }, change: { baseline: 14, class: 'reliable_deterioration' } });
    const dashboard = await d.therapist.get('/api/dashboard');
    expect(dashboard.body.alerts.find((a: { caseId: string; alert: { kind: string } }) => a.alert.kind === 'measure_deterioration' && a.caseId === liuCase))
      .toMatchObject({ alert: { params: { measure: 'PHQ-9', baseline: '14', latest: '20' } } });
    const series = await d.therapist.get(`/api/cases/${liuCase}/measures`);
    const phq = series.body.series.find((s: { measureKey: string }) => s.measureKey === 'phq-9');
    expect(phq).toMatchObject({ clinicalCutoff: 10, reliableChangePoints: 5, range: { min: 0, max: 27 } });
    expect(phq.clients[0].points.map((p: { score: number }) => p.score)).toEqual([14, 12, 9, 8, 12, 20]);
  });

  it('gives and enters measures in open cases only: a closed case answers 400 naming caseId, and nothing is stored', async () => {
    const liuCase = demoCaseId('liu');
    const count = async () => (await d.t.dataSource.query(`SELECT (SELECT count(*) FROM measure_responses WHERE case_id = $1) + (SELECT count(*) FROM measure_schedules WHERE case_id = $1) AS n`, [liuCase]))[0].n as string;
    const before = await count();
    expect((await d.therapist.post(`/api/cases/${liuCase}/close`, { reason: 'Goals reached' })).status).toBe(200);
    try {
      const entered = await d.therapist.post('/api/measure-responses', { caseId: liuCase, clientId: demoClientId('liu'), measureKey: 'phq-9', answers: phq9([1, 1, 1, 1, 1, 1, 1, 1]) });
      expect(entered.status).toBe(400);
      expect(entered.body.errors).toEqual({ caseId: expect.stringContaining('closed') });
      const given = await d.therapist.post('/api/measure-schedules', { caseId: liuCase, clientId: demoClientId('liu'), measureKey: 'phq-9', cadence: 'once' });
      expect(given.status).toBe(400);
      expect(given.body.errors).toEqual({ caseId: expect.stringContaining('closed') });
      expect(await count()).toBe(before);
    } finally {
      expect((await d.therapist.post(`/api/cases/${liuCase}/reopen`, { reason: 'Back for a check-in' })).status).toBe(200);
    }
  });

  it('schedule → a reminder a day before it closes, once however often the job runs → the answer is scored, banded, compared and alerts', async () => {
    const DAY = 86_400_000;
    const startsAt = new Date(Date.now() - 60_000);
    const schedule = await d.therapist.post('/api/measure-schedules', { caseId: CHEN_CASE, clientId: CHEN, measureKey: 'phq-9', cadence: 'once', startsAt: startsAt.toISOString() });
    expect(schedule.status).toBe(201);
    const [open] = await d.t.dataSource.query<Array<{ id: string; expires_at: Date }>>(`SELECT id, expires_at FROM measure_responses WHERE schedule_id = $1`, [schedule.body.id]);
    expect(open).toBeDefined();
    const closing = () => d.t.dataSource.query<Array<{ subject: string; text_body: string }>>(
      `SELECT subject, text_body, language FROM outbox_messages WHERE kind = 'questionnaire_closing' AND to_address = 'chen.jing@attune.test' AND dedupe_key = $1`,
      [`questionnaire_closing:${open!.id}`]);
    const reminders = d.t.app.get(MeasureReminders);
    // Four days open: nothing on the first day, the reminder within the last 24 hours.
    await reminders.sendDue(new Date(startsAt.getTime() + DAY));
    expect(await closing()).toEqual([]);
    const dayBefore = new Date(open!.expires_at.getTime() - DAY + 60_000);
    expect((await reminders.sendDue(dayBefore)).reminded).toBeGreaterThan(0);
    const [mail, ...more] = await closing();
    expect(more).toEqual([]);
    // Chen Jing's zone is the practice's unless she set one: the day it closes, as her calendar shows it.
    const [{ day }] = await d.t.dataSource.query(
      `SELECT to_char((r.expires_at AT TIME ZONE coalesce(ns.time_zone, sp.time_zone, 'UTC'))::date, 'YYYY-MM-DD') AS day
         FROM measure_responses r JOIN clients cl ON cl.id = r.client_id
         LEFT JOIN notification_settings ns ON ns.user_id = cl.portal_user_id LEFT JOIN scheduling_policies sp ON sp.practice_id = r.practice_id
        WHERE r.id = $1`, [open!.id]);
    expect(mail!.subject).toBe(`A questionnaire is waiting, closes on ${day}`);
    expect(mail!.text_body).toContain(`/#/measures/${open!.id}`);
    // Nothing clinical: not the measure, not the client's name.
    for (const clinical of ['PHQ', 'Patient Health', 'depress', 'Chen Jing']) expect(mail!.text_body).not.toContain(clinical);
    const bell = await d.client.get('/api/me/notifications');
    expect(bell.body.items.map((n: { kind: string }) => n.kind)).toContain('questionnaire_closing');
    // The job runs again (a retry, a second worker, the next quarter hour): no second reminder.
    await reminders.sendDue(dayBefore);
    await reminders.sendDue(new Date(dayBefore.getTime() + 3_600_000));
    expect(await closing()).toHaveLength(1);

    // Chen answers: 22 is 6 points worse than her first PHQ-9 (16).
    const sent = await d.client.post(`/api/me/measures/${open!.id}/submit`, { answers: phq9([3, 3, 3, 3, 3, 3, 2, 2]) });
    expect(sent.status).toBe(200);
    expect(sent.body.result).toMatchObject({ score: 22, band: { key: 'severe' }, safetyConcern: false });
    const stored = await d.therapist.get(`/api/measure-responses/${open!.id}`);
    expect(stored.body).toMatchObject({ status: 'completed', score: 22, change: { baseline: 16, delta: 6, class: 'reliable_deterioration' } });
    const dashboard = await d.therapist.get('/api/dashboard');
    expect(dashboard.body.alerts.some((a: { caseId: string; alert: { kind: string } }) => a.alert.kind === 'measure_deterioration' && a.caseId === CHEN_CASE)).toBe(true);
  });

  it('checks the schedule: a foreign case, a missing interval, a profile for an individual case', async () => {
    const foreign = await d.coach.post('/api/measure-schedules', { caseId: CHEN_CASE, clientId: CHEN, measureKey: 'phq-9', cadence: 'once' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual({ caseId: 'is not a case you can reach' });
    const noInterval = await d.therapist.post('/api/measure-schedules', { caseId: CHEN_CASE, clientId: CHEN, measureKey: 'phq-9', cadence: 'every_n_weeks' });
    expect(noInterval.body.errors).toEqual({ intervalWeeks: 'is required for every N weeks' });
    const profile = await d.therapist.post('/api/measure-schedules', { caseId: CHEN_CASE, clientId: CHEN, measureKey: 'communication-profile', cadence: 'once' });
    expect(profile.body.errors).toEqual({ measureKey: 'is for the partners of a couple case' });
    expect((await d.coach.get(listUrl('/api/measure-responses', { filter: { caseId: CHEN_CASE } }))).body).toEqual([]);
    expect((await d.client.get('/api/measure-schedules')).status).toBe(403);
  });

  it('gives a measure to both partners of a couple at once: one schedule and one open occurrence each, each audited', async () => {
    const before: Array<{ n: number }> = await d.t.dataSource.query(`SELECT count(*)::int AS n FROM measure_schedules WHERE case_id = $1 AND measure_key = 'gad-7'`, [COUPLE_CASE]);
    const res = await d.therapist.post('/api/measure-schedules', { caseId: COUPLE_CASE, clientId: ZHOU, measureKey: 'gad-7', cadence: 'every_n_weeks', intervalWeeks: 2, expiresAfterDays: 5, bothPartners: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ clientId: ZHOU, measureKey: 'gad-7', cadence: 'every_n_weeks', intervalWeeks: 2, expiresAfterDays: 5 });
    const rows: Array<{ id: string; client_id: string; interval_weeks: number; expires_after_days: number }> = await d.t.dataSource.query(
      `SELECT id, client_id, interval_weeks, expires_after_days FROM measure_schedules WHERE case_id = $1 AND measure_key = 'gad-7' ORDER BY created_at DESC, id LIMIT 2`, [COUPLE_CASE]);
    expect(rows.map((r) => r.client_id).sort()).toEqual([ZHAO, ZHOU].sort());
    expect(rows.map((r) => [r.interval_weeks, r.expires_after_days])).toEqual([[2, 5], [2, 5]]);
    expect((await auditEventsOf(d.t.dataSource, res)).map((e) => [e.action, e.entityId]).sort()).toEqual(rows.map((r) => ['create', r.id]).sort());
    // Each partner has their own occurrence to answer, and sees only that one.
    for (const [client, clientId] of [[zhao, ZHAO], [zhou, ZHOU]] as const) {
      const mine = (await client.get('/api/me/measures')).body as Array<{ id: string; measureKey: string; status: string }>;
      const open = mine.filter((m) => m.measureKey === 'gad-7' && m.status === 'pending');
      expect(open).toHaveLength(1);
      expect((await d.therapist.get(`/api/measure-responses/${open[0]!.id}`)).body.clientId).toBe(clientId);
    }
    for (const row of rows) expect((await d.therapist.put(`/api/measure-schedules/${row.id}`, { active: false })).status).toBe(200);

    // Not in an individual case; nothing is written then.
    const individual = await d.therapist.post('/api/measure-schedules', { caseId: CHEN_CASE, clientId: CHEN, measureKey: 'gad-7', cadence: 'once', bothPartners: true });
    expect(individual.status).toBe(400);
    expect(individual.body.errors).toEqual({ bothPartners: 'is for a couple case; this case is individual' });
    const chenGad: Array<{ n: number }> = await d.t.dataSource.query(`SELECT count(*)::int AS n FROM measure_schedules WHERE case_id = $1 AND measure_key = 'gad-7'`, [CHEN_CASE]);
    expect(chenGad[0]!.n).toBe(0);
    // Both schedules are written, or neither: a failure after they are saved leaves nothing behind.
    const undo = await failAuditOf(d.t.dataSource, 'measure-schedules', 'create');
    try {
      expect((await d.therapist.post('/api/measure-schedules', { caseId: COUPLE_CASE, clientId: ZHAO, measureKey: 'gad-7', cadence: 'once', bothPartners: true })).status).toBe(500);
    } finally {
      await undo();
    }
    const after: Array<{ n: number }> = await d.t.dataSource.query(`SELECT count(*)::int AS n FROM measure_schedules WHERE case_id = $1 AND measure_key = 'gad-7'`, [COUPLE_CASE]);
    expect(after[0]!.n).toBe(before[0]!.n + 2);
    const occurrences: Array<{ n: number }> = await d.t.dataSource.query(`SELECT count(*)::int AS n FROM measure_responses WHERE case_id = $1 AND measure_key = 'gad-7'`, [COUPLE_CASE]);
    expect(occurrences[0]!.n).toBe(2);
  });

  it('couples: each partner answers the profile separately, privately, after the safety screen', async () => {
    const a = await give(zhao, COUPLE_CASE, ZHAO, 'communication-profile');
    const b = await give(zhou, COUPLE_CASE, ZHOU, 'communication-profile');
    // Zhou cannot open or answer Zhao's occurrence.
    expect((await zhou.get(`/api/me/measures/${a.responseId}`)).status).toBe(404);
    expect((await zhou.post(`/api/me/measures/${a.responseId}/submit`, { answers: STEADY_PROFILE, safety: NO_CONCERN })).status).toBe(404);
    // The safety screen comes first and must be answered.
    const noScreen = await zhao.post(`/api/me/measures/${a.responseId}/submit`, { answers: STEADY_PROFILE });
    expect(noScreen.status).toBe(400);
    expect(Object.keys(noScreen.body.errors)).toEqual(['safety.safe_afraid', 'safety.safe_hurt', 'safety.safe_speak']);

    const zhaoAnswers = { ...STEADY_PROFILE, us_w1: 4, us_w2: 4 };
    const mine = await zhao.post(`/api/me/measures/${a.responseId}/submit`, { answers: zhaoAnswers, safety: NO_CONCERN });
    expect(mine.status).toBe(200);
    expect(mine.body.result.profile).toMatchObject({ stressMove: 'withdraw', withdraw: 100 });
    expect(mine.body.partnerProfile).toBeNull();

    const hers = await zhou.post(`/api/me/measures/${b.responseId}/submit`, { answers: { ...STEADY_PROFILE, us_p1: 4, us_p2: 4 }, safety: NO_CONCERN });
    expect(hers.body.partnerProfile).toBeNull();
    // Nothing Zhou can read holds Zhao's answers or profile.
    const everything = JSON.stringify((await zhou.get('/api/me/measures')).body);
    expect(everything).not.toContain(a.responseId);
    expect(everything).not.toContain('"withdraw":100');

    const view = await d.therapist.get(`/api/cases/${COUPLE_CASE}/measures`);
    expect(view.body.couple.partners.map((p: { clientId: string }) => p.clientId)).toEqual([ZHAO, ZHOU]);
    expect(view.body.couple).toMatchObject({ pattern: 'pursue_withdraw', safetyConcern: false });
    expect(view.body.couple.playbook[0].about).toBe('pursue_withdraw');
  });

  it('a safety concern on the couple screen alerts the practitioner and removes joint exercises', async () => {
    const a = await give(zhao, COUPLE_CASE, ZHAO, 'communication-profile');
    const sent = await zhao.post(`/api/me/measures/${a.responseId}/submit`, { answers: { ...STEADY_PROFILE, rs_1: 0, rs_2: 0, rs_3: 4 }, safety: { ...NO_CONCERN, safe_afraid: 1 } });
    expect(sent.body.result.safetyConcern).toBe(true);
    const exercises = (sent.body.playbook as Array<{ suggestions: Array<{ exerciseKey: string }> }>).flatMap((e) => e.suggestions.map((s) => s.exerciseKey));
    expect(exercises.length).toBeGreaterThan(0);
    expect(exercises).not.toContain('collaborative-listening');
    const k = await d.therapist.get(`/api/cases/${COUPLE_CASE}`);
    expect(k.body.alerts[0]).toMatchObject({ kind: 'measure_safety', clientId: ZHAO });
    const view = await d.therapist.get(`/api/cases/${COUPLE_CASE}/measures`);
    expect(view.body.couple).toMatchObject({ safetyConcern: true, pattern: null });
  });

  it('a partner who shares their profile lets the other see it; before, the other sees none', async () => {
    const hers = await give(zhou, COUPLE_CASE, ZHOU, 'communication-profile');
    const answered = await zhou.post(`/api/me/measures/${hers.responseId}/submit`, { answers: { ...STEADY_PROFILE, us_p1: 4, us_p2: 4 }, safety: NO_CONCERN });
    expect(answered.status).toBe(200);
    // Zhao Lei has answered before, but never shared.
    expect(answered.body).toMatchObject({ partnerProfile: null, partnerPattern: null });
    expect((await zhou.get(`/api/me/measures/${hers.responseId}`)).body).toMatchObject({ partnerProfile: null, partnerPattern: null });
    // Nothing she can read holds his profile before he shares it.
    const unshared = (await d.therapist.get(listUrl('/api/measure-responses', { filter: { caseId: COUPLE_CASE, clientId: ZHAO, measureKey: 'communication-profile', status: 'completed' }, sort: ['completedAt', 'DESC'], range: [0, 0] }))).body[0];
    expect(JSON.stringify((await zhou.get('/api/me/measures')).body)).not.toContain(JSON.stringify(unshared.profile));

    const his = await give(zhao, COUPLE_CASE, ZHAO, 'communication-profile');
    const shared = await zhao.post(`/api/me/measures/${his.responseId}/submit`, { answers: { ...STEADY_PROFILE, us_w1: 4, us_w2: 4 }, safety: NO_CONCERN, sharedWithPartner: true });
    expect(shared.status).toBe(200);
    expect(shared.body.result.profile).toMatchObject({ stressMove: 'withdraw', withdraw: 100 });
    // His profile is hers to see now, as he sent it; his answers and his occurrence stay his.
    const now = await zhou.get(`/api/me/measures/${hers.responseId}`);
    expect(now.body.partnerProfile).toEqual(shared.body.result.profile);
    // Side by side, the pattern between them is named: she presses on, he steps back under stress.
    expect(now.body.partnerPattern).toBe('pursue_withdraw');
    const everything = JSON.stringify((await zhou.get('/api/me/measures')).body);
    expect(everything).not.toContain(his.responseId);
    expect((await zhou.get(`/api/me/measures/${his.responseId}`)).status).toBe(404);
    const stored = await d.therapist.get(`/api/measure-responses/${his.responseId}`);
    expect(stored.body.sharedWithPartner).toBe(true);
  });

  it('shows the couple view with one partner answered: their profile, the other waiting, no pattern yet', async () => {
    const fresh = await createDemoTestApp('measures_one_partner');
    try {
      const zhouTing = await fresh.t.signIn('zhou.ting@attune.test');
      // A couple where only Zhou Ting has answered: the seed's profiles taken away behind the app's back.
      await fresh.t.owner.query(`DELETE FROM measure_responses WHERE case_id = $1 AND measure_key = 'communication-profile'`, [COUPLE_CASE]);
      expect((await fresh.therapist.get(`/api/cases/${COUPLE_CASE}/measures`)).body.couple).toBeNull();
      const schedule = await fresh.therapist.post('/api/measure-schedules', { caseId: COUPLE_CASE, clientId: ZHOU, measureKey: 'communication-profile', cadence: 'once' });
      expect(schedule.status).toBe(201);
      const open = ((await zhouTing.get('/api/me/measures')).body as Array<{ id: string; measureKey: string; status: string }>)
        .find((m) => m.measureKey === 'communication-profile' && m.status === 'pending')!;
      const answered = await zhouTing.post(`/api/me/measures/${open.id}/submit`, { answers: { ...STEADY_PROFILE, us_p1: 4, us_p2: 4, rs_1: 0, rs_2: 0, rs_3: 4 }, safety: NO_CONCERN });
      expect(answered.status).toBe(200);

      const view = await fresh.therapist.get(`/api/cases/${COUPLE_CASE}/measures`);
      expect(view.status).toBe(200);
      expect(view.body.couple).toMatchObject({
        partners: [{ clientId: ZHOU, displayName: 'Zhou Ting', responseId: open.id, profile: answered.body.result.profile }],
        waitingFor: [{ clientId: ZHAO, displayName: 'Zhao Lei' }],
        pattern: null,
        safetyConcern: false,
      });
      expect(view.body.couple.partners).toHaveLength(1);
      // Her playbook answers her own low dimension; nothing about a pattern between them yet.
      const about = (view.body.couple.playbook as Array<{ about: string }>).map((e) => e.about);
      expect(about).toContain('responding');
      for (const pattern of ['pursue_withdraw', 'both_withdraw', 'both_pursue']) expect(about).not.toContain(pattern);
    } finally {
      await fresh.t.close();
    }
  });

  it('has the demo PHQ-9 series and the couple profile of the seed: both stepping back', async () => {
    const chen = await d.therapist.get(`/api/cases/${CHEN_CASE}/measures`);
    const phq = chen.body.series.find((s: { measureKey: string }) => s.measureKey === 'phq-9');
    expect(phq.clients[0].points.slice(0, 4).map((p: { score: number }) => p.score)).toEqual([16, 13, 9, 7]);
    const fresh = await createDemoTestApp('measures_demo');
    try {
      const couple = await fresh.therapist.get(`/api/cases/${COUPLE_CASE}/measures`);
      expect(couple.body.couple).toMatchObject({ pattern: 'both_withdraw', safetyConcern: false });
      const phqCouple = couple.body.series.find((s: { measureKey: string }) => s.measureKey === 'phq-9');
      expect(phqCouple.clients.map((c: { points: Array<{ score: number }> }) => c.points.map((p) => p.score))).toEqual([[14, 12, 9, 7], [17, 15, 10, 8]]);
      const chenOpen = await fresh.client.get('/api/me/measures');
      expect(chenOpen.body.filter((m: { status: string }) => m.status === 'pending')).toHaveLength(1);
    } finally {
      await fresh.t.close();
    }
  });
});
