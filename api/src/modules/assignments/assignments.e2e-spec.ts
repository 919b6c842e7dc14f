import { stableId } from '../../common/stable-id.js';
import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { buildPractice, createDemoTestApp, type SignedInClient, type TestApp, listUrl } from '../../testing/test-app.js';
import { builtInExerciseId } from '../exercises/built-in-exercises.sync.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');
const COUPLE_CASE = demoCaseId('couple');
const ZHOU = demoClientId('zhou');
const LIU_CASE = demoCaseId('liu');
const LUO_CASE = demoCaseId('luo');
const LUO = demoClientId('luo');
const assignment = (caseKey: string, i: number) => stableId(`demo:assignment:${caseKey}:${i}`);
const ids = (body: Array<{ id: string }>) => body.map((a) => a.id);
/** Why a correction is made: re-dating and withdrawing homework carry one. */
const WHY = { reason: 'Agreed a new plan in session' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('assignments', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('assignments'));
  });
  afterAll(() => t.close());

  const newAssignment = async (over: Record<string, unknown> = {}) => {
    const res = await therapist.post('/api/assignments', {
      caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('value-ranking'), dueAt: inDays(7), note: 'Take your time', ...over,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('list', () => {
    it('lists a case\'s homework by due date with its exercise, never a draft, and audits the read', async () => {
      const res = await therapist.get(listUrl('/api/assignments', { filter: { caseId: CHEN_CASE }, range: [0, 49] }));
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBe('assignments 0-9/10');
      const dues = res.body.map((a: { dueAt: string }) => Date.parse(a.dueAt));
      expect([...dues].sort((a, b) => a - b)).toEqual(dues);
      const draft = res.body.find((a: { id: string }) => a.id === assignment('chen', 8));
      expect(draft).toMatchObject({ status: 'in_progress', response: null, submittedAt: null, overdue: false });
      expect(draft).not.toHaveProperty('draft');
      expect(JSON.stringify(res.body)).not.toContain('Checking my phone again and again');
      const first = res.body.find((a: { id: string }) => a.id === assignment('chen', 0));
      expect(first).toEqual({
        id: assignment('chen', 0), caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('relationship-narrative'),
        assignedAt: expect.any(String), dueAt: expect.any(String), note: null, status: 'reviewed', overdue: false,
        response: expect.objectContaining({ longings: 'A calm closeness.' }), submittedAt: expect.any(String),
        feedback: expect.stringContaining('loyalty'), reviewedAt: expect.any(String), sharedWithPartner: false,
        cadence: { kind: 'once' },
        exercise: { id: builtInExerciseId('relationship-narrative'), key: 'relationship-narrative', title: expect.any(String), stage: 1, audience: 'individual' },
        checkIns: null, checkInNotes: null, version: expect.any(Number),
      });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'list', entity: 'assignments', entityId: null, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('derives overdue in SQL: due time passed and not submitted', async () => {
      const overdue = await therapist.get(listUrl('/api/assignments', { filter: { overdue: true } }));
      expect(overdue.status).toBe(200);
      expect(ids(overdue.body).sort()).toEqual([assignment('couple', 5), assignment('couple', 6), assignment('liu', 3), assignment('liu', 4)].sort());
      expect(overdue.body.every((a: { overdue: boolean }) => a.overdue)).toBe(true);
      const onTime = await therapist.get(listUrl('/api/assignments', { filter: { overdue: false, caseId: LIU_CASE } }));
      expect(ids(onTime.body).sort()).toEqual([assignment('liu', 0), assignment('liu', 1), assignment('liu', 2)].sort());
      expect((await coach.get(listUrl('/api/assignments', { filter: { overdue: true } }))).headers['content-range']).toBe('assignments 0-0/0');
    });

    it('filters by status, client, exercise and a due-date range, and sorts by status and submission', async () => {
      const submitted = await therapist.get(listUrl('/api/assignments', { filter: { status: 'submitted' } }));
      expect(ids(submitted.body).sort()).toEqual([assignment('chen', 7), assignment('couple', 3), assignment('liu', 1)].sort());
      const open = await therapist.get(listUrl('/api/assignments', { filter: { status: ['assigned', 'in_progress'], clientId: ZHOU } }));
      expect(ids(open.body)).toEqual([assignment('couple', 6)]);
      const byExercise = await admin.get(listUrl('/api/assignments', { filter: { exerciseId: builtInExerciseId('micro-experiment') } }));
      expect(byExercise.headers['content-range']).toBe('assignments 0-3/4');
      const all = await therapist.get(listUrl('/api/assignments', { filter: { caseId: CHEN_CASE }, sort: ['dueAt', 'ASC'] }));
      const window = await therapist.get(listUrl('/api/assignments', {
        filter: { caseId: CHEN_CASE, dueAt_gte: all.body[2].dueAt, dueAt_lte: all.body[4].dueAt }, sort: ['dueAt', 'ASC'],
      }));
      expect(ids(window.body)).toEqual(ids(all.body.slice(2, 5)));
      const bySubmission = await therapist.get(listUrl('/api/assignments', { filter: { caseId: CHEN_CASE }, sort: ['submittedAt', 'DESC'] }));
      expect(bySubmission.body[0].id).toBe(assignment('chen', 7));
      const byStatus = await therapist.get(listUrl('/api/assignments', { filter: { caseId: CHEN_CASE }, sort: ['status', 'ASC'] }));
      expect(byStatus.body[0].status).toBe('assigned');
    });

    it('gets many by id and shows a practitioner only their own caseload, in rows and count', async () => {
      const many = await therapist.get(listUrl('/api/assignments', { filter: { id: [assignment('chen', 0), assignment('liu', 0), assignment('he', 0)] } }));
      expect(ids(many.body).sort()).toEqual([assignment('chen', 0), assignment('liu', 0)].sort());
      const mine = await coach.get(listUrl('/api/assignments', { range: [0, 99] }));
      expect(mine.headers['content-range']).toBe('assignments 0-1/2');
      expect(ids(mine.body).sort()).toEqual([assignment('he', 0), assignment('luo', 0)].sort());
      const foreign = await coach.get(listUrl('/api/assignments', { filter: { caseId: CHEN_CASE } }));
      expect(foreign.body).toEqual([]);
      expect((await admin.get(listUrl('/api/assignments', { range: [0, 99] }))).headers['content-range']).toBe('assignments 0-23/24');
    });

    it('shows each row as GET shows it, check-in calendar included, without the exercise\'s fields', async () => {
      const list = await therapist.get(listUrl('/api/assignments', { filter: { caseId: LIU_CASE }, range: [0, 49] }));
      const daily = list.body.find((a: { id: string }) => a.id === assignment('liu', 2));
      expect(daily.checkIns.map((c: { state: string }) => c.state)).toEqual(['missed', 'done', 'missed']);
      const one = await therapist.get(`/api/assignments/${assignment('liu', 2)}`);
      const { fields, ...exercise } = one.body.exercise;
      expect(fields).toEqual(expect.any(Array));
      expect(daily).toEqual({ ...one.body, exercise });
    });

    it('counts the whole list on a page past its end', async () => {
      const past = await therapist.get(listUrl('/api/assignments', { filter: { caseId: CHEN_CASE }, range: [50, 74] }));
      expect(past.status).toBe(200);
      expect(past.body).toEqual([]);
      expect(past.headers['content-range']).toBe('assignments 50-50/10');
      const last = await therapist.get(listUrl('/api/assignments', { filter: { caseId: CHEN_CASE }, range: [8, 20] }));
      expect(last.headers['content-range']).toBe('assignments 8-9/10');
    });

    it('refuses an unknown sort or filter and a malformed range with a 400 naming it', async () => {
      const sort = await therapist.get(listUrl('/api/assignments', { sort: ['feedback', 'ASC'] }));
      expect(sort.status).toBe(400);
      expect(sort.body.errors).toHaveProperty('sort');
      const filter = await therapist.get(listUrl('/api/assignments', { filter: { draft: 'x' } }));
      expect(filter.status).toBe(400);
      expect(filter.body.errors).toHaveProperty(['filter.draft']);
      const status = await therapist.get(listUrl('/api/assignments', { filter: { status: 'overdue' } }));
      expect(status.status).toBe(400);
      expect(status.body.errors).toHaveProperty(['filter.status']);
      const range = await therapist.get('/api/assignments?range=[5,2]');
      expect(range.status).toBe(400);
      expect(range.body.errors).toHaveProperty('range');
    });
  });

  describe('get', () => {
    it('answers one assignment with the exercise\'s fields and audits the read', async () => {
      const res = await therapist.get(`/api/assignments/${assignment('chen', 7)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: assignment('chen', 7), status: 'submitted', response: expect.objectContaining({ proudOf: expect.any(String) }) });
      expect(res.body.exercise.key).toBe('progress-narrative');
      expect(res.body.exercise.fields.map((f: { name: string }) => f.name)).toContain('proudOf');
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'read', entity: 'assignments', entityId: assignment('chen', 7), caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('shows a daily cadence\'s check-ins as a calendar of done and missed days', async () => {
      const res = await therapist.get(`/api/assignments/${assignment('liu', 2)}`);
      expect(res.status).toBe(200);
      expect(res.body.cadence).toEqual({ kind: 'daily', days: 3 });
      expect(res.body.response).toBeNull();
      expect(res.body.checkIns.map((c: { state: string }) => c.state)).toEqual(['missed', 'done', 'missed']);
      expect(res.body.checkIns[0]).toEqual({ index: 0, start: res.body.assignedAt.slice(0, 10), end: res.body.assignedAt.slice(0, 10), state: 'missed' });
    });

    it('answers 404 for another practitioner\'s assignment', async () => {
      expect((await coach.get(`/api/assignments/${assignment('chen', 0)}`)).status).toBe(404);
      expect((await therapist.get(`/api/assignments/${assignment('he', 0)}`)).status).toBe(404);
    });
  });

  describe('create', () => {
    it('gives a built-in exercise to a client of the case, assigned and audited, due on its last check-in\'s day', async () => {
      const res = await therapist.post('/api/assignments', {
        caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('exception-log'), dueAt: inDays(5), note: '  One entry a day  ',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        caseId: CHEN_CASE, clientId: CHEN, status: 'assigned', overdue: false, response: null, submittedAt: null,
        feedback: null, reviewedAt: null, sharedWithPartner: false, note: 'One entry a day',
        // the exercise's cadence, daily for 7 days: due on the seventh day, not on the day sent
        dueAt: new Date(Date.parse(res.body.assignedAt) + 6 * 86_400_000).toISOString(),
        cadence: { kind: 'daily', days: 7 },
      });
      expect(res.body.exercise.fields.length).toBeGreaterThan(0);
      expect(res.body.checkIns).toHaveLength(7);
      expect(res.body.checkIns[0].state).toBe('due');
      expect(res.body.checkIns[6].state).toBe('upcoming');
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'create', entity: 'assignments', entityId: res.body.id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
      const [row] = await t.dataSource.query(`SELECT assigned_by FROM assignments WHERE id = $1`, [res.body.id]);
      expect(row.assigned_by).toBe(therapist.userId);
    });

    it('gives homework weekly × 4 whatever the exercise\'s cadence: due on the 28th day, never overdue while its check-ins are coming up', async () => {
      const res = await therapist.post('/api/assignments', {
        caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('value-ranking'), cadence: { kind: 'weekly', weeks: 4 },
      });
      expect(res.status).toBe(201);
      const assignedAt = Date.parse(res.body.assignedAt);
      expect(res.body).toMatchObject({ cadence: { kind: 'weekly', weeks: 4 }, overdue: false, dueAt: new Date(assignedAt + 27 * 86_400_000).toISOString() });
      expect(res.body.checkIns.map((c: { state: string }) => c.state)).toEqual(['due', 'upcoming', 'upcoming', 'upcoming']);
      expect(res.body.checkIns[3].end).toBe(res.body.dueAt.slice(0, 10));
      expect(res.body.checkInNotes).toEqual([]);
      const [stored] = await t.dataSource.query(`SELECT a.cadence, e.cadence AS exercise_cadence FROM assignments a JOIN exercises e ON e.id = a.exercise_id WHERE a.id = $1`, [res.body.id]);
      expect(stored).toEqual({ cadence: { kind: 'weekly', weeks: 4 }, exercise_cadence: { kind: 'once' } });
      // the client's calendar follows the homework's cadence too
      const mine = await client.get(`/api/me/assignments/${res.body.id}`);
      expect(mine.status).toBe(200);
      expect(mine.body.checkIns.calendar.map((c: { state: string }) => c.state)).toEqual(['due', 'upcoming', 'upcoming', 'upcoming']);
      expect(mine.body.exercise.cadence).toEqual({ kind: 'weekly', weeks: 4 });

      // re-dated to yesterday: its weeks are still running, so it is not overdue, in the row nor in the filter
      const moved = await therapist.put(`/api/assignments/${res.body.id}`, { ...WHY, ...res.body, dueAt: inDays(-1), pastDueConfirmed: true });
      expect(moved.status).toBe(200);
      expect(moved.body.overdue).toBe(false);
      const overdueIds = async () => ids((await therapist.get(listUrl('/api/assignments', { filter: { overdue: true, caseId: CHEN_CASE } }))).body);
      expect(await overdueIds()).not.toContain(res.body.id);
      // four weeks later, with nothing sent: overdue
      await t.dataSource.query(`UPDATE assignments SET assigned_at = assigned_at - interval '29 days' WHERE id = $1`, [res.body.id]);
      expect((await therapist.get(`/api/assignments/${res.body.id}`)).body).toMatchObject({ overdue: true });
      expect(await overdueIds()).toContain(res.body.id);
      await therapist.delete(`/api/assignments/${res.body.id}`, WHY);
    });

    it('needs a due time for homework done once, and a cadence that is one', async () => {
      const body = { caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('value-ranking') };
      const once = await therapist.post('/api/assignments', body);
      expect(once.status).toBe(400);
      expect(once.body.errors).toEqual({ dueAt: 'is required for homework done once' });
      const chosenOnce = await therapist.post('/api/assignments', { ...body, exerciseId: builtInExerciseId('exception-log'), cadence: { kind: 'once' } });
      expect(chosenOnce.body.errors).toEqual({ dueAt: 'is required for homework done once' });
      const tooLong = await therapist.post('/api/assignments', { ...body, cadence: { kind: 'weekly', weeks: 27 } });
      expect(tooLong.status).toBe(400);
      expect(Object.keys(tooLong.body.errors)).toEqual(['cadence.weeks']);
      const daily = await therapist.post('/api/assignments', { ...body, cadence: { kind: 'daily', days: 3 } });
      expect(daily.status).toBe(201);
      expect(daily.body.checkIns).toHaveLength(3);
      await therapist.delete(`/api/assignments/${daily.body.id}`, WHY);
    });

    it('names each malformed field', async () => {
      const res = await therapist.post('/api/assignments', { caseId: CHEN_CASE, clientId: CHEN, exerciseId: 'x', dueAt: '2026-03-01', note: 'n'.repeat(2001) });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({
        exerciseId: 'must be a UUID',
        dueAt: expect.stringContaining('time zone'),
        note: 'must be at most 2000 characters long',
      });
    });

    it('refuses a client outside the case, a case out of reach, a closed case and another practice\'s exercise', async () => {
      const body = { caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('coping-list'), dueAt: inDays(3) };
      expect((await therapist.post('/api/assignments', { ...body, clientId: ZHOU })).body.errors).toEqual({ clientId: 'is not a client of this case' });
      expect((await coach.post('/api/assignments', body)).body.errors).toEqual({ caseId: 'is not a case you can reach' });

      await t.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [LUO_CASE]);
      try {
        const closed = await coach.post('/api/assignments', { ...body, caseId: LUO_CASE, clientId: LUO });
        expect(closed.status).toBe(400);
        expect(closed.body.errors).toEqual({ caseId: 'is closed: homework goes to an open case' });
      } finally {
        await t.dataSource.query(`UPDATE cases SET status = 'open', closed_at = NULL WHERE id = $1`, [LUO_CASE]);
      }

      const otherPractice = await buildPractice(t.dataSource, 'Elsewhere');
      const [foreign] = await t.dataSource.query(
        `INSERT INTO exercises (practice_id, key, stage, title, instructions, audience, cadence, fields)
         VALUES ($1, 'elsewhere', 1, 'Elsewhere', 'Not yours to assign', 'individual', '{"kind":"once"}', '[{"name":"a","kind":"text","label":"A"}]') RETURNING id`,
        [otherPractice]);
      const res = await therapist.post('/api/assignments', { ...body, exerciseId: foreign.id });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({ exerciseId: 'is not an exercise in your library' });
    });
  });

  describe('update', () => {
    it('changes the due date and the note, ignoring the rest of the record', async () => {
      const created = await newAssignment();
      const dueAt = inDays(10);
      const res = await therapist.put(`/api/assignments/${created.id}`, { ...WHY,
        ...created, dueAt, note: null, status: 'reviewed', feedback: 'Sneaky', response: { focus: 'x' }, clientId: ZHOU, sharedWithPartner: true,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...created, dueAt: new Date(dueAt).toISOString(), note: null, version: created.version + 1 });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'update', entity: 'assignments', entityId: created.id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('refuses an edit made from an older version with 409, never overwriting the newer one', async () => {
      const created = await newAssignment();
      const first = await therapist.put(`/api/assignments/${created.id}`, { ...WHY, ...created, note: 'First edit' });
      expect(first.status).toBe(200);
      const stale = await therapist.put(`/api/assignments/${created.id}`, { ...WHY, ...created, note: 'Second edit from the old page' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect((await therapist.get(`/api/assignments/${created.id}`)).body.note).toBe('First edit');
    });

    it('moving the due date into the past asks for a confirmation, then makes the homework overdue', async () => {
      const created = await newAssignment();
      const unconfirmed = await therapist.put(`/api/assignments/${created.id}`, { ...WHY, ...created, dueAt: inDays(-1) });
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.body.errors).toEqual({ dueAt: 'is in the past: confirm that the homework is overdue from the start' });
      const res = await therapist.put(`/api/assignments/${created.id}`, { ...WHY, ...created, dueAt: inDays(-1), pastDueConfirmed: true });
      expect(res.body.overdue).toBe(true);
    });

    it('keeps due dates within bounds: not before the case opened, not beyond a year, confirmed or not', async () => {
      const before = await therapist.post('/api/assignments', {
        caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('value-ranking'), dueAt: '2001-01-01T12:00:00Z', pastDueConfirmed: true,
      });
      expect(before.status).toBe(400);
      expect(before.body.errors).toEqual({ dueAt: expect.stringMatching(/^must not be before the case opened \(\d{4}-\d{2}-\d{2}\)$/) });
      const far = await therapist.post('/api/assignments', { caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('value-ranking'), dueAt: inDays(400) });
      expect(far.status).toBe(400);
      expect(far.body.errors).toEqual({ dueAt: 'must be within a year from now' });
    });

    it('gives "each partner" and "partners together" exercises only in couple cases', async () => {
      const partnerExercise = (await t.dataSource.query(`SELECT id FROM exercises WHERE built_in AND audience <> 'individual' LIMIT 1`))[0].id;
      const res = await therapist.post('/api/assignments', { caseId: CHEN_CASE, clientId: CHEN, exerciseId: partnerExercise, dueAt: inDays(7) });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({ exerciseId: 'is an exercise for partners: give it in a couple case' });
      const couple = await therapist.post('/api/assignments', { caseId: COUPLE_CASE, clientId: ZHOU, exerciseId: partnerExercise, dueAt: inDays(7) });
      expect(couple.status).toBe(201);
      expect((await therapist.delete(`/api/assignments/${couple.body.id}`, WHY)).status).toBe(200);
    });

    it('gives the same homework to both partners of a couple case at once, one assignment each, each audited', async () => {
      const res = await therapist.post('/api/assignments', {
        caseId: COUPLE_CASE, clientId: ZHOU, exerciseId: builtInExerciseId('value-ranking'), dueAt: inDays(7), note: 'Each on your own', bothPartners: true,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ clientId: ZHOU, caseId: COUPLE_CASE, note: 'Each on your own', status: 'assigned' });
      const rows: Array<{ id: string; client_id: string; due_at: Date; assigned_at: Date }> = await t.dataSource.query(
        `SELECT id, client_id, due_at, assigned_at FROM assignments WHERE case_id = $1 AND note = 'Each on your own' ORDER BY client_id`, [COUPLE_CASE]);
      expect(rows.map((r) => r.client_id).sort()).toEqual([ZHOU, demoClientId('zhao')].sort());
      expect(new Set(rows.map((r) => r.due_at.toISOString())).size).toBe(1);
      expect((await auditEventsOf(t.dataSource, res)).map((e) => [e.action, e.entityId]).sort()).toEqual(rows.map((r) => ['create', r.id]).sort());
      for (const row of rows) expect((await therapist.delete(`/api/assignments/${row.id}`, WHY)).status).toBe(200);

      const individual = await therapist.post('/api/assignments', {
        caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('value-ranking'), dueAt: inDays(7), bothPartners: true,
      });
      expect(individual.status).toBe(400);
      expect(individual.body.errors).toEqual({ bothPartners: 'is for a couple case; this case is individual' });
    });

    it('refuses a change once submitted (409), bad input (400) and another practitioner (404)', async () => {
      const submitted = await therapist.get(`/api/assignments/${assignment('liu', 1)}`);
      const late = await therapist.put(`/api/assignments/${assignment('liu', 1)}`, { ...WHY, ...submitted.body, note: 'Changed' });
      expect(late.status).toBe(409);
      const bad = await therapist.put(`/api/assignments/${assignment('chen', 9)}`, { ...WHY, dueAt: 'tomorrow' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty('dueAt');
      expect((await coach.put(`/api/assignments/${assignment('chen', 9)}`, { ...WHY, dueAt: inDays(1) })).status).toBe(404);
    });
  });

  describe('delete', () => {
    it('withdraws homework not yet submitted, audited', async () => {
      const created = await newAssignment();
      const res = await therapist.delete(`/api/assignments/${created.id}`, WHY);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(created.id);
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'delete', entity: 'assignments', entityId: created.id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
      expect((await therapist.get(`/api/assignments/${created.id}`)).status).toBe(404);
    });

    it('deletes an in-progress assignment with its check-ins, refuses a submitted one (409), and another practitioner gets 404', async () => {
      expect((await therapist.delete(`/api/assignments/${assignment('couple', 3)}`, WHY)).status).toBe(409);
      expect((await therapist.delete(`/api/assignments/${assignment('chen', 0)}`, WHY)).status).toBe(409);
      expect((await coach.delete(`/api/assignments/${assignment('liu', 2)}`, WHY)).status).toBe(404);
      expect((await therapist.delete(`/api/assignments/${assignment('liu', 2)}`, WHY)).status).toBe(200);
      const left = await t.dataSource.query(`SELECT 1 FROM assignment_check_ins WHERE assignment_id = $1`, [assignment('liu', 2)]);
      expect(left).toEqual([]);
    });
  });

  describe('review', () => {
    it('moves a submitted assignment to reviewed with feedback, reviewer and time, audited', async () => {
      const res = await therapist.post(`/api/assignments/${assignment('chen', 7)}/review`, { feedback: '  What a journey: well done.  ' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'reviewed', feedback: 'What a journey: well done.', reviewedAt: expect.any(String) });
      const [row] = await t.dataSource.query(`SELECT reviewed_by FROM assignments WHERE id = $1`, [assignment('chen', 7)]);
      expect(row.reviewed_by).toBe(therapist.userId);
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'review', entity: 'assignments', entityId: assignment('chen', 7), caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('reviews only from submitted: reviewed, assigned and in-progress answer 409', async () => {
      for (const id of [assignment('chen', 0), assignment('chen', 9), assignment('chen', 8)]) {
        const res = await therapist.post(`/api/assignments/${id}/review`, { feedback: 'Thanks' });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('INVALID_STATUS_TRANSITION');
      }
    });

    it('lets one of two simultaneous reviews win; the other answers 409', async () => {
      const [a, b] = await Promise.all([
        therapist.post(`/api/assignments/${assignment('couple', 3)}/review`, { feedback: 'First' }),
        admin.post(`/api/assignments/${assignment('couple', 3)}/review`, { feedback: 'Second' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [row] = await t.dataSource.query(`SELECT feedback FROM assignments WHERE id = $1`, [assignment('couple', 3)]);
      expect(row.feedback).toBe(a.status === 200 ? 'First' : 'Second');
    });

    it('needs feedback (400), and another practitioner gets 404', async () => {
      const empty = await therapist.post(`/api/assignments/${assignment('liu', 1)}/review`, { feedback: '   ' });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toEqual({ feedback: 'is required' });
      expect((await coach.post(`/api/assignments/${assignment('liu', 1)}/review`, { feedback: 'Hi' })).status).toBe(404);
    });

    it('leaves the assignment submitted when the review cannot be audited', async () => {
      const undo = await failAuditOf(t.dataSource, 'assignments', 'review');
      try {
        expect((await therapist.post(`/api/assignments/${assignment('liu', 1)}/review`, { feedback: 'Lost' })).status).toBe(500);
      } finally {
        await undo();
      }
      const [row] = await t.dataSource.query(`SELECT status, feedback, reviewed_at FROM assignments WHERE id = $1`, [assignment('liu', 1)]);
      expect(row).toEqual({ status: 'submitted', feedback: null, reviewed_at: null });
    });
  });

  it('keeps clients out of every staff route with 403', async () => {
    expect((await client.get('/api/assignments')).status).toBe(403);
    expect((await client.get(`/api/assignments/${assignment('chen', 0)}`)).status).toBe(403);
    expect((await client.post('/api/assignments', { caseId: CHEN_CASE })).status).toBe(403);
    expect((await client.put(`/api/assignments/${assignment('chen', 9)}`, { dueAt: inDays(1) })).status).toBe(403);
    expect((await client.delete(`/api/assignments/${assignment('chen', 9)}`)).status).toBe(403);
    expect((await client.post(`/api/assignments/${assignment('chen', 7)}/review`, { feedback: 'Me' })).status).toBe(403);
  });

  it('keeps the couple\'s homework in the couple\'s case', async () => {
    const res = await therapist.get(listUrl('/api/assignments', { filter: { caseId: COUPLE_CASE }, range: [0, 99] }));
    expect(res.headers['content-range']).toBe('assignments 0-6/7');
  });
});
