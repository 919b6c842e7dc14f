import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { buildPractice, buildUser, createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';
import { builtInExerciseId } from '../exercises/built-in-exercises.sync.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const HOUR_AGO = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000).toISOString();

/**
 * Every correction of a rating, an exception or homework staff entered carries a reason: kept with
 * the case in the change's transaction, read by the staff who see the case, never by a client,
 * never in the audit trail.
 */
describe('record corrections: the reason of every clinical correction', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;
  let otherAdmin: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('record_corrections'));
    const elsewhere = await buildPractice(t.dataSource, 'Elsewhere');
    await buildUser(t.dataSource, elsewhere, 'admin', 'boss@elsewhere.test');
    otherAdmin = await t.signIn('boss@elsewhere.test');
  });
  afterAll(() => t.close());

  const newRating = async () => (await therapist.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: CHEN, score: 4 })).body;
  const newException = async () => (await therapist.post('/api/exceptions', { caseId: CHEN_CASE, clientId: CHEN, occurredAt: HOUR_AGO, context: 'A calm breakfast' })).body;
  const newHomework = async () => (await therapist.post('/api/assignments', {
    caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('value-ranking'), dueAt: inDays(7),
  })).body;
  const correctionsOf = async (entityId: string) =>
    t.dataSource.query(`SELECT entity, kind, reason, actor_id, case_id FROM record_corrections WHERE entity_id = $1 ORDER BY at, id`, [entityId]);

  /** The six corrections, each sent with `extra` merged into its body. */
  async function sixCorrections(extra: Record<string, unknown> | undefined) {
    const rating = await newRating();
    const exception = await newException();
    const homework = await newHomework();
    const removedRating = await newRating();
    const removedException = await newException();
    const withdrawn = await newHomework();
    return {
      ids: { rating: rating.id, exception: exception.id, homework: homework.id, removedRating: removedRating.id, removedException: removedException.id, withdrawn: withdrawn.id },
      answers: {
        editRating: await therapist.put(`/api/scale-scores/${rating.id}`, { ...rating, score: 4.5, ...extra }),
        editException: await therapist.put(`/api/exceptions/${exception.id}`, { ...exception, context: 'A calm breakfast together', ...extra }),
        redate: await therapist.put(`/api/assignments/${homework.id}`, { ...homework, dueAt: inDays(12), ...extra }),
        deleteRating: await therapist.delete(`/api/scale-scores/${removedRating.id}`, extra),
        deleteException: await therapist.delete(`/api/exceptions/${removedException.id}`, extra),
        withdraw: await therapist.delete(`/api/assignments/${withdrawn.id}`, extra),
      },
    };
  }

  it('answers 400 naming reason when it is missing, too short or too long, and changes nothing', async () => {
    for (const extra of [undefined, {}, { reason: '  ok  ' }, { reason: 'x'.repeat(501) }, { reason: 42 }]) {
      const { ids, answers } = await sixCorrections(extra);
      for (const [what, res] of Object.entries(answers)) {
        expect([what, res.status]).toEqual([what, 400]);
        expect([what, Object.keys(res.body.errors)]).toEqual([what, ['reason']]);
      }
      expect((await therapist.get(`/api/scale-scores/${ids.rating}`)).body).toMatchObject({ score: 4, version: 1 });
      expect((await therapist.get(`/api/exceptions/${ids.exception}`)).body).toMatchObject({ context: 'A calm breakfast', version: 1 });
      for (const id of [ids.removedRating]) expect((await therapist.get(`/api/scale-scores/${id}`)).status).toBe(200);
      expect((await therapist.get(`/api/exceptions/${ids.removedException}`)).status).toBe(200);
      expect((await therapist.get(`/api/assignments/${ids.withdrawn}`)).status).toBe(200);
      for (const id of Object.values(ids)) expect(await correctionsOf(id)).toEqual([]);
    }
    const missing = await therapist.delete(`/api/scale-scores/${(await newRating()).id}`);
    expect(missing.body.errors).toEqual({ reason: 'is required' });
    const short = await therapist.delete(`/api/scale-scores/${(await newRating()).id}`, { reason: ' no ' });
    expect(short.body.errors).toEqual({ reason: 'must be at least 3 characters long' });
  });

  it('keeps each reason, trimmed, beside the record with its kind and author, and lists them for the staff of the case', async () => {
    const { ids, answers } = await sixCorrections({ reason: '  Entered in error during the session  ' });
    for (const [what, res] of Object.entries(answers)) expect([what, res.status]).toEqual([what, 200]);
    const why = 'Entered in error during the session';
    expect(await correctionsOf(ids.rating)).toEqual([{ entity: 'scale-scores', kind: 'edit', reason: why, actor_id: therapist.userId, case_id: CHEN_CASE }]);
    expect(await correctionsOf(ids.exception)).toEqual([{ entity: 'exceptions', kind: 'edit', reason: why, actor_id: therapist.userId, case_id: CHEN_CASE }]);
    expect(await correctionsOf(ids.homework)).toEqual([{ entity: 'assignments', kind: 'redate', reason: why, actor_id: therapist.userId, case_id: CHEN_CASE }]);
    expect(await correctionsOf(ids.removedRating)).toEqual([{ entity: 'scale-scores', kind: 'delete', reason: why, actor_id: therapist.userId, case_id: CHEN_CASE }]);
    expect(await correctionsOf(ids.removedException)).toEqual([{ entity: 'exceptions', kind: 'delete', reason: why, actor_id: therapist.userId, case_id: CHEN_CASE }]);
    expect(await correctionsOf(ids.withdrawn)).toEqual([{ entity: 'assignments', kind: 'withdraw', reason: why, actor_id: therapist.userId, case_id: CHEN_CASE }]);

    for (const reader of [therapist, admin]) {
      const listed = await reader.get(`/api/cases/${CHEN_CASE}/corrections`);
      expect(listed.status).toBe(200);
      const ours = (listed.body as Array<{ entityId: string }>).filter((c) => Object.values(ids).includes(c.entityId));
      expect(ours).toHaveLength(6);
      expect(ours.find((c) => c.entityId === ids.withdrawn)).toEqual({
        id: expect.any(String), caseId: CHEN_CASE, entity: 'assignments', entityId: ids.withdrawn, kind: 'withdraw',
        recordAt: expect.any(String), reason: why, actorId: therapist.userId, actorName: 'Dr. Wang Fang', at: expect.any(String),
      });
      expect(await auditEventsOf(t.dataSource, listed)).toEqual([
        { action: 'list', entity: 'record-corrections', entityId: null, caseId: CHEN_CASE, actorId: reader.userId },
      ]);
    }
  });

  it('audits each correction as before, with ids only: no audit row holds the reason', async () => {
    const why = 'Wrong client picked by mistake 7f3a';
    const { ids, answers } = await sixCorrections({ reason: why });
    expect(await auditEventsOf(t.dataSource, answers.deleteRating)).toEqual([
      { action: 'delete', entity: 'scale-scores', entityId: ids.removedRating, caseId: CHEN_CASE, actorId: therapist.userId },
    ]);
    expect(await auditEventsOf(t.dataSource, answers.redate)).toEqual([
      { action: 'update', entity: 'assignments', entityId: ids.homework, caseId: CHEN_CASE, actorId: therapist.userId },
    ]);
    const leaked = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events a WHERE a::text LIKE '%' || $1 || '%'`, ['7f3a']);
    expect(leaked).toEqual([{ n: 0 }]);
  });

  it('answers 404 for a case of another practice or of another practitioner, and corrects nothing there', async () => {
    const rating = await newRating();
    const homework = await newHomework();
    const why = { reason: 'Not theirs to correct' };
    for (const outsider of [otherAdmin, coach]) {
      expect((await outsider.get(`/api/cases/${CHEN_CASE}/corrections`)).status).toBe(404);
      expect((await outsider.put(`/api/scale-scores/${rating.id}`, { ...rating, score: 9, ...why })).status).toBe(404);
      expect((await outsider.delete(`/api/scale-scores/${rating.id}`, why)).status).toBe(404);
      expect((await outsider.delete(`/api/assignments/${homework.id}`, why)).status).toBe(404);
    }
    expect((await therapist.get(`/api/scale-scores/${rating.id}`)).body).toMatchObject({ score: 4, version: 1 });
    expect((await therapist.get(`/api/assignments/${homework.id}`)).status).toBe(200);
    expect(await correctionsOf(rating.id)).toEqual([]);
    expect(await correctionsOf(homework.id)).toEqual([]);
  });

  it('writes nothing half: when the audit event fails, the rating stays and no reason is kept', async () => {
    const rating = await newRating();
    const undo = await failAuditOf(t.dataSource, 'scale-scores', 'delete');
    try {
      expect((await therapist.delete(`/api/scale-scores/${rating.id}`, { reason: 'Entered twice' })).status).toBe(500);
    } finally {
      await undo();
    }
    expect((await therapist.get(`/api/scale-scores/${rating.id}`)).status).toBe(200);
    expect(await correctionsOf(rating.id)).toEqual([]);
  });

  it('never shows a reason to the client: the corrections are staff-only and the portal answers hold none', async () => {
    const homework = await newHomework();
    const why = 'She seemed overwhelmed today 9c1e';
    expect((await therapist.put(`/api/assignments/${homework.id}`, { ...homework, dueAt: inDays(14), reason: why })).status).toBe(200);
    expect((await client.get(`/api/cases/${CHEN_CASE}/corrections`)).status).toBe(403);
    for (const url of ['/api/me/assignments', `/api/me/assignments/${homework.id}`, '/api/me/exceptions', '/api/me/progress', '/api/me/export']) {
      const res = await client.get(url);
      expect([url, res.status]).toEqual([url, 200]);
      expect(res.text).not.toContain('9c1e');
    }
  });
});
