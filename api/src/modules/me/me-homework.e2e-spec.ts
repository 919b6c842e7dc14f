import { randomUUID } from 'node:crypto';
import { addUtcDays, toIsoDate } from '@attune/domain';
import { stableId } from '../../common/stable-id.js';
import { DEMO_PRACTICE_ID, demoCaseId, demoClientId, demoUserId, seedDemoData } from '../../seed/demo-seed.js';
import { createTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';
import { builtInExerciseId } from '../exercises/built-in-exercises.sync.js';

const PASSWORD = 'attune-demo';
const seeded = (caseKey: string, index: number) => stableId(`demo:assignment:${caseKey}:${index}`);
const TEN_ACTIONS = Array.from({ length: 10 }, (_, i) => `Small action ${i + 1}`);

describe('client portal: homework', () => {
  let t: TestApp;
  let liu: SignedInClient;
  let zhao: SignedInClient;
  let chen: SignedInClient;

  /** Gives a demo client a new piece of homework, as a practitioner would. */
  async function giveHomework(client: 'liu' | 'zhao' | 'zhou' | 'chen', exerciseKey: string, options: { assignedDaysAgo?: number; dueInDays?: number } = {}): Promise<string> {
    const caseKey = client === 'zhao' || client === 'zhou' ? 'couple' : client;
    const now = Date.now();
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, assigned_by, assigned_at, due_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'assigned') RETURNING id`,
      [DEMO_PRACTICE_ID, demoCaseId(caseKey), demoClientId(client), builtInExerciseId(exerciseKey), demoUserId('therapist'),
        new Date(now - (options.assignedDaysAgo ?? 0) * 86_400_000), new Date(now + (options.dueInDays ?? 7) * 86_400_000)],
    );
    return rows[0]!.id;
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const rows: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return rows[0]!.n;
  }

  beforeAll(async () => {
    t = await createTestApp('me_homework');
    await seedDemoData(t.dataSource, { password: PASSWORD });
    liu = await t.signIn('liu.jia@attune.test', PASSWORD);
    zhao = await t.signIn('zhao.lei@attune.test', PASSWORD);
    chen = await t.signIn('chen.jing@attune.test', PASSWORD);
  });
  afterAll(() => t.close());

  describe('GET /api/me/assignments', () => {
    it('lists only the caller\'s own homework, as an array with a Content-Range', async () => {
      const res = await chen.get('/api/me/assignments?range=[0,49]');
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBe('assignments 0-9/10');
      expect(res.body).toHaveLength(10);
      const own = stableId('demo:assignment:chen:9');
      const celebration = res.body.find((a: { id: string }) => a.id === own);
      expect(celebration).toMatchObject({ status: 'assigned', note: 'Take your time with this one.', exercise: { key: 'celebration', title: 'Celebration and meaning' } });
      expect(celebration).not.toHaveProperty('response');
      const reviewed = res.body.find((a: { id: string }) => a.id === seeded('chen', 0));
      expect(reviewed).toMatchObject({ status: 'reviewed', hasFeedback: true });
    });

    it('filters by status and by overdue, and refuses an unknown filter with a 400 naming it', async () => {
      const submitted = await chen.get('/api/me/assignments?filter={"status":["submitted","reviewed"]}&range=[0,49]');
      expect(submitted.body.map((a: { status: string }) => a.status).sort()).toEqual(['reviewed', 'reviewed', 'reviewed', 'reviewed', 'reviewed', 'reviewed', 'reviewed', 'submitted']);
      const overdue = await liu.get('/api/me/assignments?filter={"overdue":true}');
      expect(overdue.status).toBe(200);
      expect(overdue.body.length).toBeGreaterThan(0);
      expect(overdue.body.every((a: { overdue: boolean }) => a.overdue)).toBe(true);
      const bad = await liu.get('/api/me/assignments?filter={"clientId":"x"}');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty(['filter.clientId']);
    });
  });

  describe('GET /api/me/assignments/:id', () => {
    it('returns the exercise\'s instructions, fields and JSON response schema, the practitioner\'s note and the feedback', async () => {
      const res = await chen.get(`/api/me/assignments/${seeded('chen', 0)}`);
      expect(res.status).toBe(200);
      expect(res.body.exercise.instructions).toMatch(/Set aside a calm half hour/);
      expect(res.body.exercise.fields.map((f: { name: string }) => f.name)).toEqual(['story', 'whatMatters', 'struggles', 'longings']);
      expect(res.body.exercise.responseSchema).toMatchObject({ type: 'object', required: ['whatMatters', 'struggles', 'longings'] });
      expect(res.body.exercise.responseSchema.properties.story).toMatchObject({ title: 'Your relationship story', 'x-attune-kind': 'longText' });
      expect(res.body.feedback).toMatch(/loyalty to the relationship/);
      expect(res.body.response.whatMatters).toBe('Feeling safe and feeling free at the same time.');
      expect(res.body.checkIns).toBeNull();
      expect(res.body.coupleCase).toBe(false);
      const withNote = await chen.get(`/api/me/assignments/${seeded('chen', 9)}`);
      expect(withNote.body.note).toBe('Take your time with this one.');
    });

    it('shows the draft of homework in progress and a check-in calendar for a daily cadence', async () => {
      const res = await liu.get(`/api/me/assignments/${seeded('liu', 2)}`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('in_progress');
      expect(res.body.draft).toMatchObject({ condition: 'Advance notice' });
      expect(res.body.checkIns.calendar).toHaveLength(3);
      expect(res.body.checkIns.calendar.map((d: { state: string }) => d.state)).toEqual(['missed', 'done', 'missed']);
      expect(res.body.checkIns.entries).toEqual([expect.objectContaining({ response: { note: 'He sent a heart before work' } })]);
    });

    it('answers a malformed id with a 400 naming it', async () => {
      const res = await liu.get('/api/me/assignments/not-a-uuid');
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('id');
    });
  });

  describe('drafts', () => {
    it('saves partial answers, moves assigned to in progress, and keeps the draft for the next visit', async () => {
      const id = seeded('couple', 5); // Zhao's action menu, assigned
      const res = await zhao.put(`/api/me/assignments/${id}/draft`, { response: { actions: ['Say good morning', ''] } });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('in_progress');
      expect(res.body.draft).toEqual({ actions: ['Say good morning', ''] });
      expect(Date.parse(res.body.draftSavedAt)).toBeGreaterThan(Date.now() - 60_000);
      const again = await zhao.get(`/api/me/assignments/${id}`);
      expect(again.body.draft).toEqual({ actions: ['Say good morning', ''] });
    });

    it('still checks types and maximums in a draft: 400 naming the field', async () => {
      const res = await zhao.put(`/api/me/assignments/${seeded('couple', 5)}/draft`, { response: { actions: 'not a list', unknownField: 1 } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toMatchObject({ 'response.actions': expect.any(String), 'response.unknownField': 'is not a recognised field' });
    });

    it('refuses a draft once the homework has been sent (409)', async () => {
      const res = await chen.put(`/api/me/assignments/${seeded('chen', 7)}/draft`, { response: {} });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/already been sent/);
    });

    it('then submits: draft cleared, response stored, status submitted, with audit events and no clinical text in them', async () => {
      const id = seeded('couple', 5);
      const res = await zhao.post(`/api/me/assignments/${id}/submit`, { response: { actions: TEN_ACTIONS }, sharedWithPartner: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'submitted', response: { actions: TEN_ACTIONS }, draft: null, sharedWithPartner: true });
      const rows: Array<{ status: string; submitted_at: Date | null }> = await t.dataSource.query(`SELECT status, submitted_at FROM assignments WHERE id = $1`, [id]);
      expect(rows[0]!.status).toBe('submitted');
      expect(rows[0]!.submitted_at).not.toBeNull();
      const events: Array<{ action: string }> = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE entity = 'assignments' AND entity_id = $1 AND actor_id = $2 ORDER BY id`, [id, zhao.userId]);
      expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['save_draft', 'submit']));
      const text: Array<{ t: string }> = await t.dataSource.query(`SELECT string_agg(row_to_json(a)::text, ' ') AS t FROM audit_events a`);
      expect(text[0]!.t).not.toMatch(/Small action/);
    });
  });

  describe('submit validation', () => {
    it('names each bad field in a 400: an action menu with 9 items', async () => {
      const id = await giveHomework('liu', 'action-menu');
      const res = await liu.post(`/api/me/assignments/${id}/submit`, { response: { actions: TEN_ACTIONS.slice(0, 9) } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({ 'response.actions': 'must have at least 10 items' });
      expect((await liu.get(`/api/me/assignments/${id}`)).body.status).toBe('assigned');
    });

    it('names a scale of 10.5 and every missing required answer', async () => {
      const res = await liu.post(`/api/me/assignments/${seeded('liu', 3)}/submit`, { response: { score: 10.5 } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toMatchObject({
        'response.score': 'must be between 1 and 10 in steps of 0.5',
        'response.keepsFromLower': 'is required',
        'response.onePointHigher': 'is required',
      });
      expect(await count(`scale_scores WHERE assignment_id = $1`, [seeded('liu', 3)])).toBe(0);
    });

    it('refuses a body that is not an object of answers', async () => {
      const res = await liu.post(`/api/me/assignments/${seeded('liu', 3)}/submit`, { response: 'yes' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('response');
    });

    it('refuses a second submission without a key (409) and leaves the first one as it was', async () => {
      const res = await chen.post(`/api/me/assignments/${seeded('chen', 7)}/submit`, { response: { whereIStarted: 'x', whatILearned: 'x', whereIAmNow: 'x', proudOf: 'x' } });
      expect(res.status).toBe(409);
      const stored = await chen.get(`/api/me/assignments/${seeded('chen', 7)}`);
      expect(stored.body.response.whereIStarted).toBe('On thin ice, at 2 or 3.');
    });
  });

  describe('submit effects', () => {
    it('turns an exception-log submission into an exception of the case, recorded as the client\'s', async () => {
      const id = await giveHomework('liu', 'exception-log');
      const occurredOn = toIsoDate(new Date(Date.now() - 86_400_000));
      const res = await liu.post(`/api/me/assignments/${id}/submit`, {
        response: {
          occurredAt: occurredOn,
          context: 'He called at lunch to say he would be late',
          behavior: 'Made dinner plans with a friend',
          meaning: 'Knowing ahead keeps me calm',
          tags: ['Advance notice', 'advance notice ', 'routine'],
        },
      });
      expect(res.status).toBe(200);
      const rows: Array<{ case_id: string; client_id: string; source: string; context: string; tags: string[]; occurred_at: Date; recorded_by: string }> = await t.dataSource.query(
        `SELECT case_id, client_id, source, context, tags, occurred_at, recorded_by FROM case_exceptions WHERE assignment_id = $1`, [id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ case_id: demoCaseId('liu'), client_id: demoClientId('liu'), source: 'client', context: 'He called at lunch to say he would be late', recorded_by: liu.userId });
      expect(rows[0]!.tags).toEqual(['advance notice', 'routine']);
      expect(rows[0]!.occurred_at.toISOString()).toBe(`${occurredOn}T12:00:00.000Z`);
    });

    it('turns a scale-positioning submission into a client self-rating', async () => {
      const id = seeded('liu', 3);
      const res = await liu.post(`/api/me/assignments/${id}/submit`, {
        response: { score: 6.5, pastPosition: 3, keepsFromLower: 'My inner voice', onePointHigher: 'I would not check my phone at lunch' },
      });
      expect(res.status).toBe(200);
      const rows: Array<{ score: string; source: string; keeps_from_lower: string; case_id: string }> = await t.dataSource.query(
        `SELECT score, source, keeps_from_lower, case_id FROM scale_scores WHERE assignment_id = $1`, [id]);
      expect(rows).toEqual([{ score: '6.5', source: 'client', keeps_from_lower: 'My inner voice', case_id: demoCaseId('liu') }]);
      const progress = await liu.get('/api/me/progress');
      const points = progress.body.cases[0].points as Array<{ score: number; source: string }>;
      expect(points[points.length - 1]).toMatchObject({ score: 6.5, source: 'client' });
    });
  });

  describe('submit answer', () => {
    const strengths = { whatHelpedBefore: 'My walks', learnedAboutMyself: 'I can ask', strengthsOthersSee: 'Steadiness' };

    it('answers with the homework as stored: what a reload shows, check-in calendar included, one new version', async () => {
      const id = await giveHomework('liu', 'exception-log', { assignedDaysAgo: 2, dueInDays: 5 });
      expect((await liu.post(`/api/me/assignments/${id}/check-ins`, { response: { note: 'A calm morning' } })).status).toBe(201);
      expect((await liu.put(`/api/me/assignments/${id}/draft`, { response: { context: 'Dinner' } })).body.draft).toEqual({ context: 'Dinner' });
      const version = async () => (await t.dataSource.query(`SELECT version FROM assignments WHERE id = $1`, [id]))[0].version as number;
      const before = await version();
      const res = await liu.post(`/api/me/assignments/${id}/submit`, {
        response: { occurredAt: toIsoDate(new Date()), context: 'Dinner together', behavior: 'We talked', meaning: 'Time matters' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id, status: 'submitted', draft: null, coupleCase: false, sharedWithPartner: false, overdue: false,
        cadence: { kind: 'daily' }, exercise: { key: 'exception-log', cadence: { kind: 'daily' } },
      });
      expect(res.body.checkIns.calendar).toHaveLength(7);
      expect(res.body.checkIns.entries).toEqual([expect.objectContaining({ periodStart: toIsoDate(new Date()), response: { note: 'A calm morning' } })]);
      expect((await liu.get(`/api/me/assignments/${id}`)).body).toEqual(res.body);
      expect(await version()).toBe(before + 1);
      expect(await count(`assignments WHERE id = $1 AND draft IS NULL AND response ->> 'context' = 'Dinner together'`, [id])).toBe(1);
    });

    it('shares with the partner only in a couple case, keeping a shared draft\'s choice when the submission does not say', async () => {
      const couple = await giveHomework('zhao', 'strength-exploration');
      expect((await zhao.put(`/api/me/assignments/${couple}/draft`, { response: {}, sharedWithPartner: true })).body.sharedWithPartner).toBe(true);
      const sent = await zhao.post(`/api/me/assignments/${couple}/submit`, { response: strengths });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ status: 'submitted', sharedWithPartner: true, coupleCase: true, checkIns: null });
      const single = await giveHomework('liu', 'strength-exploration');
      const alone = await liu.post(`/api/me/assignments/${single}/submit`, { response: strengths, sharedWithPartner: true });
      expect(alone.status).toBe(200);
      expect(alone.body).toMatchObject({ status: 'submitted', sharedWithPartner: false, coupleCase: false });
      expect(await count(`assignments WHERE id = $1 AND shared_with_partner`, [single])).toBe(0);
    });
  });

  describe('idempotent submit', () => {
    const answers = {
      whatHelpedBefore: 'My sister',
      learnedAboutMyself: 'I recover',
      strengthsOthersSee: 'Patience',
    };

    it('returns the first answer to a retry with the same key and body, and creates nothing new', async () => {
      const id = seeded('liu', 4); // strength exploration
      const key = randomUUID();
      const first = await liu.post(`/api/me/assignments/${id}/submit`, { response: answers }).set('Idempotency-Key', key);
      expect(first.status).toBe(200);
      const retry = await liu.post(`/api/me/assignments/${id}/submit`, { response: answers }).set('Idempotency-Key', key);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(await count(`audit_events WHERE action = 'submit' AND entity_id = $1`, [id])).toBe(1);
      expect(await count(`idempotency_keys WHERE user_id = $1 AND key = $2`, [liu.userId, key])).toBe(1);
      // A new key for the same homework is a new submission: refused, it was sent already.
      const fresh = await liu.post(`/api/me/assignments/${id}/submit`, { response: answers }).set('Idempotency-Key', randomUUID());
      expect(fresh.status).toBe(409);
    });

    it('refuses the same key with a different body with a 422 that says why', async () => {
      const id = await giveHomework('liu', 'strength-exploration');
      const key = randomUUID();
      expect((await liu.post(`/api/me/assignments/${id}/submit`, { response: answers }).set('Idempotency-Key', key)).status).toBe(200);
      const other = await liu.post(`/api/me/assignments/${id}/submit`, { response: { ...answers, whatHelpedBefore: 'Running' } }).set('Idempotency-Key', key);
      expect(other.status).toBe(422);
      expect(other.body.message).toMatch(/already used for a different request/);
      expect((await liu.get(`/api/me/assignments/${id}`)).body.response.whatHelpedBefore).toBe('My sister');
    });

    it('creates exactly one submission and one exception when the same request arrives twice at once', async () => {
      const id = await giveHomework('liu', 'exception-log');
      const key = randomUUID();
      const body = { response: { occurredAt: toIsoDate(new Date()), context: 'A photo from his trip', behavior: 'Sent one back', meaning: 'Small contact while apart' } };
      const [a, b] = await Promise.all([
        liu.post(`/api/me/assignments/${id}/submit`, body).set('Idempotency-Key', key),
        liu.post(`/api/me/assignments/${id}/submit`, body).set('Idempotency-Key', key),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toEqual(b.body);
      expect(await count(`case_exceptions WHERE assignment_id = $1`, [id])).toBe(1);
      expect(await count(`audit_events WHERE action = 'submit' AND entity_id = $1`, [id])).toBe(1);
    });

    it('sends one of two homeworks when the same key arrives for both at once, and refuses the other with a 422', async () => {
      const [first, second] = [await giveHomework('liu', 'strength-exploration'), await giveHomework('liu', 'strength-exploration')];
      const key = randomUUID();
      const [a, b] = await Promise.all([
        liu.post(`/api/me/assignments/${first}/submit`, { response: answers }).set('Idempotency-Key', key),
        liu.post(`/api/me/assignments/${second}/submit`, { response: answers }).set('Idempotency-Key', key),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 422]);
      const [sent, refused] = a.status === 200 ? [first, second] : [second, first];
      expect((await liu.get(`/api/me/assignments/${sent}`)).body.status).toBe('submitted');
      // Nothing half-written for the refused one: still open, no submission event.
      expect((await liu.get(`/api/me/assignments/${refused}`)).body.status).toBe('assigned');
      expect(await count(`audit_events WHERE action = 'submit' AND entity_id = $1`, [refused])).toBe(0);
      expect(await count(`idempotency_keys WHERE user_id = $1 AND key = $2`, [liu.userId, key])).toBe(1);
    });

    it('lets a failed attempt go: a 400 stores no key, so the corrected answers can use it', async () => {
      const id = await giveHomework('liu', 'action-menu');
      const key = randomUUID();
      const bad = await liu.post(`/api/me/assignments/${id}/submit`, { response: { actions: ['one'] } }).set('Idempotency-Key', key);
      expect(bad.status).toBe(400);
      expect(await count(`idempotency_keys WHERE key = $1`, [key])).toBe(0);
      const good = await liu.post(`/api/me/assignments/${id}/submit`, { response: { actions: TEN_ACTIONS } }).set('Idempotency-Key', key);
      expect(good.status).toBe(200);
    });

    it('refuses a malformed key with a 400 naming the header', async () => {
      const id = await giveHomework('liu', 'action-menu');
      const res = await liu.post(`/api/me/assignments/${id}/submit`, { response: { actions: TEN_ACTIONS } }).set('Idempotency-Key', 'x'.repeat(201));
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty(['Idempotency-Key']);
    });
  });

  describe('commitment from the action menu', () => {
    it('offers the commitment\'s actions from her own latest submitted action menu in the case, and nothing before', async () => {
      const commitment = await giveHomework('chen', 'commitment-experiment');
      const before = await chen.get(`/api/me/assignments/${commitment}`);
      expect(before.status).toBe(200);
      expect(before.body.picks).toEqual({});
      const menu = await giveHomework('chen', 'action-menu');
      const draftOnly = await chen.put(`/api/me/assignments/${menu}/draft`, { response: { actions: ['Only a draft'] } });
      expect(draftOnly.status).toBe(200);
      expect((await chen.get(`/api/me/assignments/${commitment}`)).body.picks).toEqual({});
      const mine = ['  A message before I leave ', 'Tea together after work', ...TEN_ACTIONS.slice(0, 8), 'Tea together after work'];
      expect((await chen.post(`/api/me/assignments/${menu}/submit`, { response: { actions: mine } })).status).toBe(200);
      const after = await chen.get(`/api/me/assignments/${commitment}`);
      // trimmed, each once, in her order
      expect(after.body.picks).toEqual({ actions: ['A message before I leave', 'Tea together after work', ...TEN_ACTIONS.slice(0, 8)] });
      // her own words still count: an action that is not on the menu is accepted
      const sent = await chen.post(`/api/me/assignments/${commitment}/submit`, {
        response: { actions: ['Tea together after work', 'Something new I thought of'], hopeToLearn: 'Whether small rituals help.', howWillIKnow: 'Calmer evenings.' },
      });
      expect(sent.status).toBe(200);
      // another exercise offers nothing; another client's commitment offers her own menu, nothing of Chen's
      expect((await chen.get(`/api/me/assignments/${menu}`)).body.picks).toEqual({});
      const liuCommitment = await giveHomework('liu', 'commitment-experiment');
      expect((await liu.get(`/api/me/assignments/${liuCommitment}`)).body.picks).toEqual({ actions: TEN_ACTIONS });
    });
  });

  describe('check-ins', () => {
    it('records one check-in per day, shows it done in the calendar, and refuses a second for the same day', async () => {
      const id = await giveHomework('liu', 'exception-log', { assignedDaysAgo: 2, dueInDays: 5 });
      const today = toIsoDate(new Date());
      const res = await liu.post(`/api/me/assignments/${id}/check-ins`, { response: { note: 'Noticed a calm evening' } });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('in_progress');
      const days = res.body.checkIns.calendar as Array<{ start: string; state: string }>;
      expect(days).toHaveLength(7);
      expect(days.find((d) => d.start === today)!.state).toBe('done');
      expect(days[0]!.state).toBe('missed');
      expect(days[6]!.state).toBe('upcoming');
      const twice = await liu.post(`/api/me/assignments/${id}/check-ins`, { periodStart: today, response: { note: 'Again' } });
      expect(twice.status).toBe(409);
      expect(twice.body.message).toMatch(/already checked in for this day/);
      expect(await count(`assignment_check_ins WHERE assignment_id = $1`, [id])).toBe(1);
    });

    it('lets a missed day be filled in later, but not a day outside the homework or in the future', async () => {
      const id = await giveHomework('liu', 'exception-log', { assignedDaysAgo: 2, dueInDays: 5 });
      const first = addUtcDays(toIsoDate(new Date()), -2);
      const back = await liu.post(`/api/me/assignments/${id}/check-ins`, { periodStart: first, response: { note: 'Caught up' } });
      expect(back.status).toBe(201);
      expect(back.body.checkIns.calendar[0].state).toBe('done');
      const before = await liu.post(`/api/me/assignments/${id}/check-ins`, { periodStart: addUtcDays(first, -1), response: { note: 'x' } });
      expect(before.status).toBe(400);
      expect(before.body.errors.periodStart).toMatch(/outside this homework's days/);
      const future = await liu.post(`/api/me/assignments/${id}/check-ins`, { periodStart: addUtcDays(first, 5), response: { note: 'x' } });
      expect(future.status).toBe(400);
      expect(future.body.errors.periodStart).toBe('must not be in the future');
    });

    it('keeps one check-in per week for a weekly cadence', async () => {
      const id = await giveHomework('chen', 'feedback-loop', { assignedDaysAgo: 3, dueInDays: 25 });
      const today = toIsoDate(new Date());
      expect((await chen.post(`/api/me/assignments/${id}/check-ins`, { periodStart: addUtcDays(today, -3), response: { note: 'Week one' } })).status).toBe(201);
      const sameWeek = await chen.post(`/api/me/assignments/${id}/check-ins`, { periodStart: today, response: { note: 'Same week' } });
      expect(sameWeek.status).toBe(409);
      expect(sameWeek.body.message).toMatch(/this week/);
    });

    it('refuses a check-in for one-off homework and an empty note', async () => {
      const once = await liu.post(`/api/me/assignments/${seeded('liu', 0)}/check-ins`, { response: { note: 'x' } });
      expect(once.status).toBe(409);
      expect(once.body.message).toMatch(/done once/);
      const id = await giveHomework('liu', 'exception-log');
      const empty = await liu.post(`/api/me/assignments/${id}/check-ins`, { response: { note: '   ' } });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toHaveProperty(['response.note']);
    });

    it('holds under two check-ins for the same day at once: one 201, one 409', async () => {
      const id = await giveHomework('liu', 'exception-log');
      const [a, b] = await Promise.all([
        liu.post(`/api/me/assignments/${id}/check-ins`, { response: { note: 'one' } }),
        liu.post(`/api/me/assignments/${id}/check-ins`, { response: { note: 'two' } }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
    });
  });
});
