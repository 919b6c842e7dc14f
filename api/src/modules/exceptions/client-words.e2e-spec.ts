import { stableId } from '../../common/stable-id.js';
import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, listUrl, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');
const HOURS_AGO = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/**
 * What a client wrote is theirs: staff annotate it or hide it with a reason, never rewrite or
 * delete it — through the API (409 CLIENT_AUTHORED) or straight in the database (a trigger).
 */
describe('client words: self-ratings, logged moments and homework answers stay the client\'s', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let admin: SignedInClient;
  let chen: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, admin, client: chen } = await createDemoTestApp('client_words'));
  });
  afterAll(() => t.close());

  const scoreRow = async (id: string) => (await t.dataSource.query(
    `SELECT score::float AS score, source, keeps_from_lower, staff_annotation, hidden, hidden_reason, version FROM scale_scores WHERE id = $1`, [id]))[0];
  const exceptionRow = async (id: string) => (await t.dataSource.query(
    `SELECT context, behavior, source, staff_annotation, hidden, hidden_reason, version FROM case_exceptions WHERE id = $1`, [id]))[0];

  describe('a client\'s self-rating', () => {
    let id: string;
    beforeAll(async () => {
      const res = await chen.post('/api/me/scale-scores', { score: 6, keepsFromLower: 'My sister calls on Sundays' });
      expect(res.status).toBe(201);
      id = res.body.id;
    });

    it('cannot be rewritten by staff (6 → 1 is refused with 409 CLIENT_AUTHORED) and still says 6, as the client\'s', async () => {
      const read = await therapist.get(`/api/scale-scores/${id}`);
      expect(read.body).toMatchObject({ score: 6, source: 'client', version: 1 });
      const res = await therapist.put(`/api/scale-scores/${id}`, { ...read.body, score: 1, keepsFromLower: 'Nothing', reason: 'Staff trying to rewrite it' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'CLIENT_AUTHORED', message: expect.stringMatching(/client's own words/) });
      expect(await scoreRow(id)).toMatchObject({ score: 6, source: 'client', keeps_from_lower: 'My sister calls on Sundays', version: 1 });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([]);
    });

    it('cannot be deleted by a practitioner or an admin (409)', async () => {
      for (const who of [therapist, admin]) {
        const res = await who.delete(`/api/scale-scores/${id}`, { reason: 'Staff trying to remove it' });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('CLIENT_AUTHORED');
      }
      expect(await scoreRow(id)).toMatchObject({ score: 6 });
    });

    it('takes a staff note and can be hidden with a reason: left out of the chart and alerts, kept and listed', async () => {
      const noReason = await therapist.put(`/api/scale-scores/${id}/annotation`, { hidden: true, version: 1 });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors).toEqual({ hiddenReason: expect.stringMatching(/^is required to hide/) });

      const res = await therapist.put(`/api/scale-scores/${id}/annotation`, {
        staffAnnotation: 'Rated right after an argument; she said so in session', hidden: true, hiddenReason: 'Entered twice by mistake', version: 1,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id, score: 6, source: 'client', keepsFromLower: 'My sister calls on Sundays',
        staffAnnotation: 'Rated right after an argument; she said so in session', hidden: true, hiddenReason: 'Entered twice by mistake', version: 2,
      });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'hide', entity: 'scale-scores', entityId: id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
      const progress = await therapist.get(`/api/cases/${CHEN_CASE}/progress`);
      const points = progress.body.series.find((s: { clientId: string }) => s.clientId === CHEN).points as Array<{ id: string }>;
      expect(points.map((p) => p.id)).not.toContain(id);
      const listed = await therapist.get(listUrl('/api/scale-scores', { filter: { caseId: CHEN_CASE, source: 'client' }, range: [0, 99] }));
      expect(listed.body.find((s: { id: string }) => s.id === id)).toMatchObject({ hidden: true, score: 6 });

      const stale = await therapist.put(`/api/scale-scores/${id}/annotation`, { hidden: false, version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const shown = await therapist.put(`/api/scale-scores/${id}/annotation`, { ...res.body, hidden: false });
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ hidden: false, hiddenReason: null, version: 3 });
    });

    it('is refused by the database itself: an UPDATE of its words or a DELETE fails, a staff note passes', async () => {
      await expect(t.dataSource.query(`UPDATE scale_scores SET score = 1 WHERE id = $1`, [id])).rejects.toThrow(/can only be annotated or hidden/);
      await expect(t.dataSource.query(`UPDATE scale_scores SET source = 'practitioner' WHERE id = $1`, [id])).rejects.toThrow(/can only be annotated or hidden/);
      await expect(t.dataSource.query(`DELETE FROM scale_scores WHERE id = $1`, [id])).rejects.toThrow(/cannot be deleted/);
      await t.dataSource.query(`UPDATE scale_scores SET staff_annotation = 'Seen', version = version + 1 WHERE id = $1`, [id]);
      expect(await scoreRow(id)).toMatchObject({ score: 6, source: 'client', staff_annotation: 'Seen' });
    });
  });

  describe('a client\'s logged good moment', () => {
    let id: string;
    beforeAll(async () => {
      const res = await chen.post('/api/me/exceptions', { occurredAt: HOURS_AGO(3), context: 'Tea together on the balcony', behavior: 'I asked, he stayed' });
      expect(res.status).toBe(201);
      id = res.body.id;
    });

    it('cannot be rewritten or deleted by staff (409) and keeps its words', async () => {
      const read = await therapist.get(`/api/exceptions/${id}`);
      expect(read.body).toMatchObject({ source: 'client', version: 1 });
      const res = await therapist.put(`/api/exceptions/${id}`, { ...read.body, context: 'Nothing happened', reason: 'Staff trying to rewrite it' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CLIENT_AUTHORED');
      expect((await admin.delete(`/api/exceptions/${id}`, { reason: 'Staff trying to remove it' })).status).toBe(409);
      expect(await exceptionRow(id)).toMatchObject({ context: 'Tea together on the balcony', behavior: 'I asked, he stayed', source: 'client', version: 1 });
      await expect(t.dataSource.query(`UPDATE case_exceptions SET context = 'x' WHERE id = $1`, [id])).rejects.toThrow(/can only be annotated or hidden/);
      await expect(t.dataSource.query(`DELETE FROM case_exceptions WHERE id = $1`, [id])).rejects.toThrow(/cannot be deleted/);
    });

    it('takes a staff note and, hidden with a reason, leaves the pattern view', async () => {
      const before = await therapist.get(`/api/cases/${CHEN_CASE}/exception-patterns`);
      const res = await therapist.put(`/api/exceptions/${id}/annotation`, { staffAnnotation: 'Talked it through in session 6', hidden: true, hiddenReason: 'Same moment as the entry of the day before', version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ context: 'Tea together on the balcony', source: 'client', staffAnnotation: 'Talked it through in session 6', hidden: true, version: 2 });
      const after = await therapist.get(`/api/cases/${CHEN_CASE}/exception-patterns`);
      expect(after.body.total).toBe(before.body.total - 1);
      expect(await exceptionRow(id)).toMatchObject({ context: 'Tea together on the balcony', hidden: true, hidden_reason: 'Same moment as the entry of the day before' });
    });
  });

  describe('a submitted homework answer', () => {
    const reviewed = stableId('demo:assignment:chen:0');

    it('is not changed by a staff edit or a review, and the database refuses to rewrite it', async () => {
      const [before] = await t.dataSource.query(`SELECT response, submitted_at FROM assignments WHERE id = $1`, [reviewed]);
      const read = await therapist.get(`/api/assignments/${reviewed}`);
      const edit = await therapist.put(`/api/assignments/${reviewed}`, { ...read.body, response: { story: 'Rewritten by staff' }, reason: 'Staff trying to rewrite it' });
      expect(edit.status).toBe(409);
      const review = await therapist.post(`/api/assignments/${reviewed}/review`, { feedback: 'Again', response: { story: 'Rewritten' } });
      expect(review.status).toBe(409);
      await expect(t.dataSource.query(`UPDATE assignments SET response = '{"story":"x"}' WHERE id = $1`, [reviewed])).rejects.toThrow(/cannot change/);
      const [after] = await t.dataSource.query(`SELECT response, submitted_at FROM assignments WHERE id = $1`, [reviewed]);
      expect(after).toEqual(before);
    });
  });
});
