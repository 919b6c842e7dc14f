import type { Response } from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { demoCaseId, demoClientId, demoUserId } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { buildPractice, buildUser, createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN = demoCaseId('chen');
const COUPLE = demoCaseId('couple');
const LIU = demoCaseId('liu');
const HE = demoCaseId('he');

describe('cases', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;

  const auditOf = (res: Response) => auditEventsOf(t.dataSource, res);

  const newClient = async (who: SignedInClient, displayName: string, practitionerId?: string): Promise<string> => {
    const res = await who.post('/api/clients', { displayName, ...(practitionerId ? { practitionerId } : {}) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('cases'));
  });
  afterAll(() => t.close());

  describe('GET /api/cases', () => {
    it('lists the therapist\'s three cases with Content-Range and derived fields, and audits the list as a read of each case', async () => {
      const res = await therapist.get('/api/cases?sort=["title","ASC"]');
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBe('cases 0-2/3');
      expect(res.body.map((c: { title: string }) => c.title)).toEqual([
        'Chen Jing: between two fears',
        'Liu Jia: from anxiety to safety',
        'Zhao Lei and Zhou Ting: from silence to dialogue',
      ]);
      const chen = res.body[0];
      expect(chen).toMatchObject({
        id: CHEN, kind: 'individual', stage: 6, cycle: 1, status: 'open', closedAt: null,
        clientIds: [demoClientId('chen')],
        clients: [{ id: demoClientId('chen'), displayName: 'Chen Jing (pseudonym)' }],
        practitionerId: demoUserId('therapist'),
        day: 42, plannedStage: 6, daysBehind: 0, scheduleStatus: 'on_schedule',
        latestScores: [{ clientId: demoClientId('chen'), score: 6.5, recordedAt: expect.any(String) }],
        alerts: [],
      });
      const couple = res.body[2];
      expect(couple).toMatchObject({ kind: 'couple', stage: 5, day: 43, plannedStage: 6, daysBehind: 8, scheduleStatus: 'behind' });
      expect(couple.latestScores.map((s: { score: number }) => s.score)).toEqual([5, 5]);
      expect(couple.alerts).toEqual([{ kind: 'homework_piling_up', severity: 'low', message: '2 homework assignments are overdue', params: { count: 2 } }]);
      const liu = res.body[1];
      expect(liu.alerts.map((a: { kind: string }) => a.kind)).toEqual(['setback', 'homework_piling_up']);
      expect(liu.alerts[0]).toMatchObject({ clientId: demoClientId('liu'), message: 'Liu Jia: latest 3.5 is 2 below best 5.5' });
      expect(await auditOf(res)).toEqual(res.body.map((k: { id: string }) => ({ action: 'list', entity: 'cases', entityId: k.id, caseId: k.id, actorId: demoUserId('therapist') })));
    });

    it('shows the coach only the coach\'s cases and the admin the whole practice', async () => {
      const coachList = await coach.get('/api/cases');
      expect(coachList.headers['content-range']).toBe('cases 0-1/2');
      expect(coachList.body.map((c: { id: string }) => c.id).sort()).toEqual([HE, demoCaseId('luo')].sort());
      const adminList = await admin.get('/api/cases');
      expect(adminList.headers['content-range']).toBe('cases 0-4/5');
    });

    it('pages with range and reports the slice in Content-Range', async () => {
      const res = await admin.get('/api/cases?sort=["title","ASC"]&range=[1,2]');
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(2);
      expect(res.headers['content-range']).toBe('cases 1-2/5');
    });

    it('sorts by day of the cycle, stage and openedAt', async () => {
      const byDay = await therapist.get('/api/cases?sort=["day","ASC"]');
      expect(byDay.body.map((c: { day: number }) => c.day)).toEqual([25, 42, 43]);
      const byStage = await therapist.get('/api/cases?sort=["stage","DESC"]');
      expect(byStage.body.map((c: { stage: number }) => c.stage)).toEqual([6, 5, 4]);
      const byOpened = await therapist.get('/api/cases?sort=["openedAt","ASC"]');
      expect(byOpened.body.map((c: { id: string }) => c.id)).toEqual([COUPLE, CHEN, LIU]);
    });

    it('filters by status, stage, kind, practitionerId, clientId, alert and q', async () => {
      const ids = async (filter: object) => {
        const res = await admin.get(`/api/cases?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=["title","ASC"]`);
        expect(res.status).toBe(200);
        return res.body.map((c: { id: string }) => c.id);
      };
      expect(await ids({ stage: 4 })).toEqual([LIU]);
      expect(await ids({ kind: 'couple' })).toEqual([COUPLE]);
      expect(await ids({ practitionerId: demoUserId('coach') })).toEqual([HE, demoCaseId('luo')]);
      expect(await ids({ clientId: demoClientId('zhou') })).toEqual([COUPLE]);
      expect(await ids({ alert: 'setback' })).toEqual([LIU]);
      expect(await ids({ alert: 'homework_piling_up' })).toEqual([LIU, COUPLE]);
      expect(await ids({ alert: 'plateau' })).toEqual([]);
      expect(await ids({ q: 'zhou' })).toEqual([COUPLE]); // a client's name
      expect(await ids({ q: 'THIN ICE' })).toEqual([CHEN]); // the presenting concern
      expect(await ids({ q: 'rebuilding' })).toEqual([HE]); // the title
      expect(await ids({ status: 'closed' })).toEqual([]);
      expect(await ids({ status: 'open', alert: 'setback', stage: 4 })).toEqual([LIU]);
    });

    it('gets many by id (react-admin getMany), never beyond what the caller may see', async () => {
      const res = await therapist.get(`/api/cases?filter=${JSON.stringify({ id: [CHEN, COUPLE, HE] })}`);
      expect(res.status).toBe(200);
      expect(res.body.map((c: { id: string }) => c.id).sort()).toEqual([CHEN, COUPLE].sort());
    });

    it('answers 400 naming the field for an unknown sort or filter field, a malformed range, or a page over 500 rows', async () => {
      const sort = await therapist.get('/api/cases?sort=["presentingConcern","ASC"]');
      expect(sort.status).toBe(400);
      expect(sort.body.errors).toHaveProperty('sort');
      const filter = await therapist.get('/api/cases?filter={"secret":1}');
      expect(filter.status).toBe(400);
      expect(filter.body.errors).toHaveProperty(['filter.secret']);
      const alert = await therapist.get('/api/cases?filter={"alert":"bored"}');
      expect(alert.status).toBe(400);
      expect(alert.body.errors).toHaveProperty(['filter.alert']);
      const range = await therapist.get('/api/cases?range=[0,500]');
      expect(range.status).toBe(400);
      expect(range.body.errors.range).toMatch(/500/);
      expect((await therapist.get('/api/cases?range=[0,499]')).status).toBe(200);
      expect((await therapist.get('/api/cases?range=[5,1]')).status).toBe(400);
    });

    it('is closed to clients (403)', async () => {
      expect((await client.get('/api/cases')).status).toBe(403);
    });

    it('derives a page\'s fields in a constant number of queries: 40 cases cost what 3 cost', async () => {
      const queriesFor = async (url: string) => {
        const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
        try {
          const res = await therapist.get(url);
          expect(res.status).toBe(200);
          return { rows: res.body.length as number, queries: spy.mock.calls.length };
        } finally {
          spy.mockRestore();
        }
      };
      const small = await queriesFor('/api/cases?range=[0,2]');
      for (let i = 0; i < 40; i++) {
        const clientId = await newClient(therapist, `Page client ${i}`);
        await therapist.post('/api/cases', { title: `Page case ${i}`, kind: 'individual', clientIds: [clientId] });
      }
      // Both pages full, so both also count the total (TypeORM skips the count for a short first page).
      const large = await queriesFor('/api/cases?range=[0,39]');
      expect(small.rows).toBe(3);
      expect(large.rows).toBe(40);
      expect(large.queries).toBe(small.queries);
      const filtered = await queriesFor('/api/cases?range=[0,39]&filter={"alert":"homework_piling_up"}');
      expect(filtered.queries).toBeLessThanOrEqual(small.queries + 4);
    });
  });

  describe('GET /api/cases/:id', () => {
    it('returns the case and audits the read with its case id', async () => {
      const res = await therapist.get(`/api/cases/${COUPLE}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: COUPLE, title: 'Zhao Lei and Zhou Ting: from silence to dialogue', clientIds: [demoClientId('zhao'), demoClientId('zhou')] });
      expect(await auditOf(res)).toEqual([{ action: 'read', entity: 'cases', entityId: COUPLE, caseId: COUPLE, actorId: demoUserId('therapist') }]);
    });

    it('answers 404 for another practitioner\'s case and for an unknown id, 400 for a malformed id, 403 for a client', async () => {
      const foreign = await coach.get(`/api/cases/${CHEN}`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.message).toBe('Case not found');
      expect((await therapist.get('/api/cases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const malformed = await therapist.get('/api/cases/not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toHaveProperty('id');
      expect((await client.get(`/api/cases/${CHEN}`)).status).toBe(403);
      // no read of the case: only the trace of a refused attempt (see refused-attempts.e2e-spec.ts)
      expect(await auditOf(foreign)).toEqual([{ action: 'not_found', entity: 'cases', entityId: CHEN, caseId: null, actorId: demoUserId('coach') }]);
    });
  });

  describe('POST /api/cases', () => {
    it('opens an individual case in stage 1, cycle 1, with its client and a start transition, audited once', async () => {
      const clientId = await newClient(therapist, 'Ma Li (pseudonym)');
      const res = await therapist.post('/api/cases', {
        title: 'Ma Li: finding footing', kind: 'individual', clientIds: [clientId],
        presentingConcern: 'Feels invisible at home', openedAt: '2026-03-02',
        practitionerId: demoUserId('coach'), // not the therapist's to choose: ignored
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Ma Li: finding footing', kind: 'individual', stage: 1, cycle: 1, status: 'open',
        practitionerId: demoUserId('therapist'), clientIds: [clientId], clients: [{ id: clientId, displayName: 'Ma Li (pseudonym)' }],
        openedAt: '2026-03-02T00:00:00.000Z', stageEnteredAt: '2026-03-02T00:00:00.000Z', cycleStartedAt: '2026-03-02T00:00:00.000Z',
        presentingConcern: 'Feels invisible at home', latestScores: [], version: 1,
      });
      const transitions = await therapist.get(`/api/cases/${res.body.id}/transitions`);
      expect(transitions.body).toEqual([expect.objectContaining({ kind: 'start', fromStage: null, toStage: 1, cycle: 1, at: '2026-03-02T00:00:00.000Z', actorId: demoUserId('therapist') })]);
      expect(await auditOf(res)).toEqual([{ action: 'create', entity: 'cases', entityId: res.body.id, caseId: res.body.id, actorId: demoUserId('therapist') }]);
    });

    it('opens a couple case with both partners in the order given', async () => {
      const a = await newClient(therapist, 'Partner A');
      const b = await newClient(therapist, 'Partner B');
      const res = await therapist.post('/api/cases', { title: 'A and B', kind: 'couple', clientIds: [b, a] });
      expect(res.status).toBe(201);
      expect(res.body.clientIds).toEqual([b, a]);
      const listed = await therapist.get(`/api/cases?filter=${JSON.stringify({ clientId: a })}`);
      expect(listed.body.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    });

    it('answers 400 naming the field for bad input', async () => {
      const clientId = await newClient(therapist, 'Someone');
      const short = await therapist.post('/api/cases', { title: 'ab', kind: 'individual', clientIds: [clientId] });
      expect(short.status).toBe(400);
      expect(short.body.errors).toHaveProperty('title');
      const count = await therapist.post('/api/cases', { title: 'A couple', kind: 'couple', clientIds: [clientId] });
      expect(count.status).toBe(400);
      expect(count.body.errors.clientIds).toMatch(/2 clients/);
      const kind = await therapist.post('/api/cases', { title: 'Something', kind: 'group', clientIds: [clientId] });
      expect(kind.status).toBe(400);
      expect(kind.body.errors).toHaveProperty('kind');
      const date = await therapist.post('/api/cases', { title: 'Something', kind: 'individual', clientIds: [clientId], openedAt: 'yesterday' });
      expect(date.status).toBe(400);
      expect(date.body.errors).toHaveProperty('openedAt');
    });

    it('refuses another practitioner\'s client with a 400 on clientIds and leaves no case behind', async () => {
      const res = await therapist.post('/api/cases', { title: 'Not mine to open', kind: 'individual', clientIds: [demoClientId('he')] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('clientIds');
      expect(await t.dataSource.query(`SELECT id FROM cases WHERE title = 'Not mine to open'`)).toEqual([]);
    });

    it('writes nothing at all when one of two client ids is invalid (one transaction)', async () => {
      const a = await newClient(therapist, 'Valid partner');
      const before = await t.dataSource.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_clients)::int AS links,
        (SELECT count(*) FROM stage_transitions)::int AS transitions, (SELECT count(*) FROM audit_events WHERE action = 'create' AND entity = 'cases')::int AS audits`);
      const res = await therapist.post('/api/cases', { title: 'Half a couple', kind: 'couple', clientIds: [a, '00000000-0000-4000-8000-00000000abcd'] });
      expect(res.status).toBe(400);
      expect(res.body.errors.clientIds).toMatch(/client 2/);
      const after = await t.dataSource.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_clients)::int AS links,
        (SELECT count(*) FROM stage_transitions)::int AS transitions, (SELECT count(*) FROM audit_events WHERE action = 'create' AND entity = 'cases')::int AS audits`);
      expect(after).toEqual(before);
    });

    it('makes an admin name an active practitioner, and opens the case on that caseload', async () => {
      const clientId = await newClient(admin, 'Admin-made client', demoUserId('coach'));
      const missing = await admin.post('/api/cases', { title: 'Who runs this?', kind: 'individual', clientIds: [clientId] });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toHaveProperty('practitionerId');
      const notPractitioner = await admin.post('/api/cases', { title: 'Who runs this?', kind: 'individual', clientIds: [clientId], practitionerId: demoUserId('chen') });
      expect(notPractitioner.status).toBe(400);
      expect(notPractitioner.body.errors).toHaveProperty('practitionerId');
      const res = await admin.post('/api/cases', { title: 'Coach runs this', kind: 'individual', clientIds: [clientId], practitionerId: demoUserId('coach') });
      expect(res.status).toBe(201);
      expect(res.body.practitionerId).toBe(demoUserId('coach'));
      expect((await coach.get(`/api/cases/${res.body.id}`)).status).toBe(200);
      expect((await therapist.get(`/api/cases/${res.body.id}`)).status).toBe(404);
    });

    it('opens nothing when its audit event cannot be written (change and audit commit together)', async () => {
      const clientId = await newClient(therapist, 'Audit-less client');
      const undo = await failAuditOf(t.dataSource, 'cases', 'create');
      try {
        const res = await therapist.post('/api/cases', { title: 'Unaudited case', kind: 'individual', clientIds: [clientId] });
        expect(res.status).toBe(500);
      } finally {
        await undo();
      }
      expect(await t.dataSource.query(`SELECT id FROM cases WHERE title = 'Unaudited case'`)).toEqual([]);
    });

    it('is closed to clients (403)', async () => {
      expect((await client.post('/api/cases', { title: 'My own case', kind: 'individual', clientIds: [demoClientId('chen')] })).status).toBe(403);
    });
  });

  describe('PUT /api/cases/:id', () => {
    let caseId: string;
    beforeAll(async () => {
      const clientId = await newClient(therapist, 'Editable client');
      caseId = (await therapist.post('/api/cases', { title: 'Editable case', kind: 'individual', clientIds: [clientId] })).body.id;
    });

    it('edits title and presenting concern from the whole record, ignoring kind, clients, stage and derived fields', async () => {
      const record = (await therapist.get(`/api/cases/${caseId}`)).body;
      const res = await therapist.put(`/api/cases/${caseId}`, {
        ...record, title: 'Edited case', presentingConcern: 'Now written down', kind: 'couple', clientIds: [demoClientId('chen')], stage: 5, day: 99, alerts: [],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: 'Edited case', presentingConcern: 'Now written down', kind: 'individual', stage: 1, clientIds: record.clientIds, version: record.version + 1 });
      expect(await auditOf(res)).toEqual([{ action: 'update', entity: 'cases', entityId: caseId, caseId: caseId, actorId: demoUserId('therapist') }]);
    });

    it('closes a case (stamping closedAt) and reopens it (clearing closedAt)', async () => {
      const closed = await therapist.put(`/api/cases/${caseId}`, { status: 'closed' });
      expect(closed.status).toBe(200);
      expect(closed.body.status).toBe('closed');
      expect(Date.parse(closed.body.closedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(closed.body.alerts).toEqual([]);
      expect((await therapist.get(`/api/cases?filter={"status":"closed"}`)).body.map((c: { id: string }) => c.id)).toEqual([caseId]);
      const reopened = await therapist.put(`/api/cases/${caseId}`, { status: 'open' });
      expect(reopened.body).toMatchObject({ status: 'open', closedAt: null });
      const cleared = await therapist.put(`/api/cases/${caseId}`, { presentingConcern: '  ' });
      expect(cleared.body.presentingConcern).toBeNull();
    });

    it('ignores a practitioner\'s practitionerId; an admin changes it only through a reassignment', async () => {
      const ignored = await therapist.put(`/api/cases/${caseId}`, { practitionerId: demoUserId('coach') });
      expect(ignored.status).toBe(200);
      expect(ignored.body.practitionerId).toBe(demoUserId('therapist'));
      const same = await admin.put(`/api/cases/${caseId}`, { practitionerId: demoUserId('therapist'), title: 'Edited again' });
      expect(await auditOf(same)).toEqual([expect.objectContaining({ action: 'update' })]);
      const refused = await admin.put(`/api/cases/${caseId}`, { practitionerId: demoUserId('coach') });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty('practitionerId');
      expect((await coach.get(`/api/cases/${caseId}`)).status).toBe(404);
    });

    it('answers 409 VERSION_CONFLICT for a stale version', async () => {
      const record = (await therapist.get(`/api/cases/${caseId}`)).body;
      expect((await therapist.put(`/api/cases/${caseId}`, { ...record, title: 'First writer' })).status).toBe(200);
      const stale = await therapist.put(`/api/cases/${caseId}`, { ...record, title: 'Second writer' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect((await therapist.get(`/api/cases/${caseId}`)).body.title).toBe('First writer');
    });

    it('answers 400 naming the field for bad input', async () => {
      const title = await therapist.put(`/api/cases/${caseId}`, { title: '' });
      expect(title.status).toBe(400);
      expect(title.body.errors).toHaveProperty('title');
      const status = await therapist.put(`/api/cases/${caseId}`, { status: 'archived' });
      expect(status.status).toBe(400);
      expect(status.body.errors).toHaveProperty('status');
    });

    it('answers 404 for another practitioner\'s case, 403 for a client; a case is never deleted', async () => {
      expect((await coach.put(`/api/cases/${CHEN}`, { title: 'Taken over' })).status).toBe(404);
      expect((await client.put(`/api/cases/${CHEN}`, { title: 'Taken over' })).status).toBe(403);
      expect((await admin.delete(`/api/cases/${CHEN}`)).status).toBe(404);
      expect((await therapist.get(`/api/cases/${CHEN}`)).body.title).toBe('Chen Jing: between two fears');
    });
  });

  describe('the problem\'s name, in the client\'s own words', () => {
    let caseId: string;
    beforeAll(async () => {
      const clientId = await newClient(therapist, 'Client who names the problem');
      const res = await therapist.post('/api/cases', { title: 'Naming the problem', kind: 'individual', clientIds: [clientId], problemName: '  the Worry  ' });
      expect(res.status).toBe(201);
      caseId = res.body.id;
    });
    const stored = async () => (await t.dataSource.query(`SELECT problem_name AS name FROM cases WHERE id = $1`, [caseId]))[0].name;

    it('is saved trimmed when the case opens, changed and cleared on edit, kept when an edit leaves it out', async () => {
      expect(await stored()).toBe('the Worry');
      const record = (await therapist.get(`/api/cases/${caseId}`)).body;
      expect(record.problemName).toBe('the Worry');
      const renamed = await therapist.put(`/api/cases/${caseId}`, { ...record, problemName: 'the Fear' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.problemName).toBe('the Fear');
      expect((await therapist.put(`/api/cases/${caseId}`, { title: 'Naming the problem, again' })).body.problemName).toBe('the Fear');
      expect(await stored()).toBe('the Fear');
      expect((await therapist.put(`/api/cases/${caseId}`, { problemName: '   ' })).body.problemName).toBeNull();
      expect(await stored()).toBeNull();
    });

    it('answers 400 naming problemName when it is longer than 80 characters, and changes nothing', async () => {
      await therapist.put(`/api/cases/${caseId}`, { problemName: 'the Fear' });
      const tooLong = await therapist.put(`/api/cases/${caseId}`, { title: 'Not saved either', problemName: 'x'.repeat(81) });
      expect(tooLong.status).toBe(400);
      expect(Object.keys(tooLong.body.errors)).toEqual(['problemName']);
      expect(await stored()).toBe('the Fear');
      expect((await therapist.get(`/api/cases/${caseId}`)).body.title).not.toBe('Not saved either');
      expect((await therapist.put(`/api/cases/${caseId}`, { problemName: 'x'.repeat(80) })).status).toBe(200);
      const clientId = await newClient(therapist, 'Client of a refused case');
      const opened = await therapist.post('/api/cases', { title: 'Refused case', kind: 'individual', clientIds: [clientId], problemName: 'y'.repeat(81) });
      expect(opened.status).toBe(400);
      expect(Object.keys(opened.body.errors)).toEqual(['problemName']);
      expect(await t.dataSource.query(`SELECT id FROM cases WHERE title = 'Refused case'`)).toEqual([]);
    });

    it('stays 404 for another practitioner and for another practice, which change nothing', async () => {
      await therapist.put(`/api/cases/${caseId}`, { problemName: 'the Fear' });
      expect((await coach.put(`/api/cases/${caseId}`, { problemName: 'Taken over' })).status).toBe(404);
      const elsewhere = await buildPractice(t.dataSource, 'Elsewhere, naming problems');
      await buildUser(t.dataSource, elsewhere, 'admin', 'admin@problem-names.test');
      const stranger = await t.signIn('admin@problem-names.test');
      expect((await stranger.put(`/api/cases/${caseId}`, { problemName: 'Taken over' })).status).toBe(404);
      expect((await stranger.get(`/api/cases/${caseId}`)).status).toBe(404);
      expect(await stored()).toBe('the Fear');
    });

    it('reaches the case\'s client with her homework, so that its prompts speak of it', async () => {
      const mine = (await client.get('/api/me/assignments')).body as Array<{ id: string; caseId: string }>;
      expect(mine.length).toBeGreaterThan(0);
      for (const assignment of mine) {
        const detail = await client.get(`/api/me/assignments/${assignment.id}`);
        expect([assignment.caseId, detail.body.problemName]).toEqual([CHEN, 'the Fear']);
      }
    });
  });
});
