import { randomUUID } from 'node:crypto';
import { stableId } from '../../common/stable-id.js';
import { seedDemoData } from '../../seed/demo-seed.js';
import { createTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const PASSWORD = 'attune-demo';
const seeded = (caseKey: string, index: number) => stableId(`demo:assignment:${caseKey}:${index}`);

/** The couple's homework in the demo data. */
const ZHAO_SHARED_MICRO_EXPERIMENT = seeded('couple', 2);
const ZHOU_PRIVATE_MICRO_EXPERIMENT = seeded('couple', 3);
const ZHOU_PRIVATE_HOPE_QUESTIONS = seeded('couple', 4);
const ZHOU_ACTION_MENU = seeded('couple', 6);
/** Words that appear only in Zhou Ting's private answers. */
const ZHOU_PRIVATE_WORDS = [/say good morning/i, /offer warmth/i, /favourite soup/i, /looks up when I come in/i, /Journaling|journal every night/i];
/** Words that appear only in Chen Jing's session notes and case record. */
const CHEN_SESSION_NOTE_WORDS = [/anxious pursuit/i, /Came in despite feeling ashamed/i, /Recognises early signals/i, /between two fears/i, /walking on thin ice/i];

const TEN_ACTIONS = Array.from({ length: 10 }, (_, i) => `Gesture ${i + 1}`);

describe('client portal: privacy', () => {
  let t: TestApp;
  let zhao: SignedInClient;
  let zhou: SignedInClient;
  let chen: SignedInClient;

  /** Every route a client can reach, as one client, for one assignment id. */
  function everyAssignmentRoute(who: SignedInClient, id: string) {
    return [
      ['GET detail', () => who.get(`/api/me/assignments/${id}`)],
      ['PUT draft', () => who.put(`/api/me/assignments/${id}/draft`, { response: {} })],
      ['POST submit', () => who.post(`/api/me/assignments/${id}/submit`, { response: {} })],
      ['POST submit with key', () => who.post(`/api/me/assignments/${id}/submit`, { response: {} }).set('Idempotency-Key', randomUUID())],
      ['POST check-in', () => who.post(`/api/me/assignments/${id}/check-ins`, { response: { note: 'x' } })],
    ] as const;
  }

  /** Everything a client can read, as one JSON text. */
  async function everythingVisibleTo(who: SignedInClient): Promise<string> {
    const list = await who.get('/api/me/assignments?range=[0,499]');
    const details = await Promise.all((list.body as Array<{ id: string }>).map((a) => who.get(`/api/me/assignments/${a.id}`)));
    const progress = await who.get('/api/me/progress');
    const partner = await who.get('/api/me/partner-answers');
    return JSON.stringify([list.body, list.headers['content-range'], details.map((d) => d.body), progress.body, partner.body]);
  }

  beforeAll(async () => {
    t = await createTestApp('me_privacy');
    await seedDemoData(t.dataSource, { password: PASSWORD });
    zhao = await t.signIn('zhao.lei@attune.test', PASSWORD);
    zhou = await t.signIn('zhou.ting@attune.test', PASSWORD);
    chen = await t.signIn('chen.jing@attune.test', PASSWORD);
  });
  afterAll(() => t.close());

  describe('who may use the portal', () => {
    const routes: Array<[string, string, object?]> = [
      ['get', '/api/me/assignments'],
      ['get', `/api/me/assignments/${seeded('chen', 9)}`],
      ['put', `/api/me/assignments/${seeded('chen', 9)}/draft`, { response: {} }],
      ['post', `/api/me/assignments/${seeded('chen', 9)}/submit`, { response: {} }],
      ['post', `/api/me/assignments/${seeded('chen', 9)}/check-ins`, { response: { note: 'x' } }],
      ['post', '/api/me/exceptions', { occurredAt: '2026-01-01T10:00:00Z', context: 'x' }],
      ['post', '/api/me/scale-scores', { score: 5 }],
      ['get', '/api/me/progress'],
      ['get', '/api/me/partner-answers'],
    ];

    it.each(['therapist@attune.test', 'admin@attune.test'])('refuses staff (%s) on every /api/me route with 403', async (email) => {
      const staff = await t.signIn(email, PASSWORD);
      for (const [method, url, body] of routes) {
        const res = method === 'get' ? await staff.get(url) : await (staff[method as 'post' | 'put'])(url, body);
        expect([url, res.status]).toEqual([url, 403]);
      }
    });

    it('refuses a visitor who is not signed in with 401', async () => {
      for (const [method, url, body] of routes) {
        const res = await (t.http as unknown as Record<string, (u: string) => { send(b?: object): Promise<{ status: number }> }>)[method]!(url).send(body);
        expect([url, res.status]).toEqual([url, 401]);
      }
    });

    it('refuses a mutation without the XSRF header with 403', async () => {
      const res = await chen.put(`/api/me/assignments/${seeded('chen', 9)}/draft`, { response: {} }).set('X-XSRF-TOKEN', 'forged');
      expect(res.status).toBe(403);
    });
  });

  describe('another client\'s homework', () => {
    it('answers 404 on every route, exactly as for an id that does not exist, and changes nothing', async () => {
      const liusHomework = seeded('liu', 4);
      const before = await t.dataSource.query(`SELECT status, draft, response, version FROM assignments WHERE id = $1`, [liusHomework]);
      for (const [name, call] of everyAssignmentRoute(chen, liusHomework)) {
        const res = await call();
        expect([name, res.status, res.body.message]).toEqual([name, 404, 'Assignment not found']);
      }
      for (const [name, call] of everyAssignmentRoute(chen, randomUUID())) {
        const res = await call();
        expect([name, res.status, res.body.message]).toEqual([name, 404, 'Assignment not found']);
      }
      expect(await t.dataSource.query(`SELECT status, draft, response, version FROM assignments WHERE id = $1`, [liusHomework])).toEqual(before);
      expect((await chen.get('/api/me/assignments?filter={"id":["' + liusHomework + '"]}')).body).toEqual([]);
    });

    it('refuses to file a log entry or a rating in someone else\'s case (400 on caseId, no record)', async () => {
      const coupleCase = stableId('demo:case:couple');
      const entry = await chen.post('/api/me/exceptions', { caseId: coupleCase, occurredAt: new Date().toISOString(), context: 'x' });
      expect(entry.status).toBe(400);
      expect(entry.body.errors).toEqual({ caseId: 'is not one of your open cases' });
      const rating = await chen.post('/api/me/scale-scores', { caseId: coupleCase, score: 5 });
      expect(rating.status).toBe(400);
      const rows = await t.dataSource.query(`SELECT 1 FROM case_exceptions WHERE case_id = $1 AND recorded_by = $2`, [coupleCase, chen.userId]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('a couple: shared and private answers', () => {
    it('shows Zhou Ting her partner\'s shared micro-experiment: title and answers only', async () => {
      const res = await zhou.get('/api/me/partner-answers');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{
        id: ZHAO_SHARED_MICRO_EXPERIMENT,
        caseId: stableId('demo:case:couple'),
        partnerName: 'Zhao Lei',
        exerciseKey: 'micro-experiment',
        exerciseTitle: 'Micro-experiment',
        fields: expect.any(Array),
        response: expect.objectContaining({ learned: 'Kindness without pressure is answered.' }),
        submittedAt: expect.any(String),
      }]);
      expect(JSON.stringify(res.body)).not.toMatch(/opened a crack/); // the practitioner's feedback to him is his
    });

    it('shows Zhao Lei nothing of Zhou Ting\'s private answers: not their text, their number or their existence', async () => {
      const partner = await zhao.get('/api/me/partner-answers');
      expect(partner.status).toBe(200);
      expect(partner.body).toEqual([]);
      const list = await zhao.get('/api/me/assignments?range=[0,499]');
      expect(list.body.map((a: { id: string }) => a.id)).not.toEqual(expect.arrayContaining([ZHOU_PRIVATE_HOPE_QUESTIONS]));
      expect(list.body.every((a: { id: string }) => ![ZHOU_PRIVATE_HOPE_QUESTIONS, ZHOU_PRIVATE_MICRO_EXPERIMENT, ZHOU_ACTION_MENU].includes(a.id))).toBe(true);
      const total = Number(String(list.headers['content-range']).split('/')[1]);
      const own: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE client_id = $1`, [stableId('demo:client:zhao')]);
      expect(total).toBe(own[0]!.n);
      for (const id of [ZHOU_PRIVATE_HOPE_QUESTIONS, ZHOU_PRIVATE_MICRO_EXPERIMENT]) {
        for (const [name, call] of everyAssignmentRoute(zhao, id)) {
          const res = await call();
          expect([name, res.status, res.body.message]).toEqual([name, 404, 'Assignment not found']);
        }
      }
      const everything = await everythingVisibleTo(zhao);
      for (const words of ZHOU_PRIVATE_WORDS) expect(everything).not.toMatch(words);
    });

    it('does not show Zhou Ting her partner\'s shared answer through her own homework routes either', async () => {
      for (const [name, call] of everyAssignmentRoute(zhou, ZHAO_SHARED_MICRO_EXPERIMENT)) {
        const res = await call();
        expect([name, res.status]).toEqual([name, 404]);
      }
    });

    it('shows each partner only their own ratings and feedback in their progress', async () => {
      const res = await zhao.get('/api/me/progress');
      expect(res.status).toBe(200);
      expect(res.body.cases).toHaveLength(1);
      expect(res.body.cases[0].points.map((p: { score: number }) => p.score)).toEqual([1.5, 2, 2.5, 3, 3.5, 4.5, 5]);
      expect(res.body.feedback.map((f: { exerciseTitle: string }) => f.exerciseTitle).sort()).toEqual(['Coping list', 'Micro-experiment']);
      expect(JSON.stringify(res.body)).not.toMatch(/Journaling and your friends|trusting this to the page/);
    });

    it('reaches the partner only once shared and sent: a shared draft stays private, a shared submission is seen', async () => {
      const draft = await zhou.put(`/api/me/assignments/${ZHOU_ACTION_MENU}/draft`, { response: { actions: ['Say good morning', 'Make tea for two'] }, sharedWithPartner: true });
      expect(draft.status).toBe(200);
      expect(draft.body.sharedWithPartner).toBe(true);
      expect((await zhao.get('/api/me/partner-answers')).body).toEqual([]);
      const sent = await zhou.post(`/api/me/assignments/${ZHOU_ACTION_MENU}/submit`, { response: { actions: TEN_ACTIONS }, sharedWithPartner: true });
      expect(sent.status).toBe(200);
      const seen = await zhao.get('/api/me/partner-answers');
      expect(seen.body).toHaveLength(1);
      expect(seen.body[0]).toMatchObject({ id: ZHOU_ACTION_MENU, partnerName: 'Zhou Ting', exerciseTitle: 'Action menu', response: { actions: TEN_ACTIONS } });
      const everything = await everythingVisibleTo(zhao);
      for (const words of [/offer warmth/i, /looks up when I come in/i]) expect(everything).not.toMatch(words);
    });

    it('ignores "share with my partner" outside a couple case', async () => {
      const res = await chen.put(`/api/me/assignments/${seeded('chen', 9)}/draft`, { response: {}, sharedWithPartner: true });
      expect(res.status).toBe(200);
      expect(res.body.sharedWithPartner).toBe(false);
      expect(res.body.coupleCase).toBe(false);
    });
  });

  describe('session notes and the case record', () => {
    it('never reach a client through any portal route', async () => {
      const everything = await everythingVisibleTo(chen);
      for (const words of CHEN_SESSION_NOTE_WORDS) expect(everything).not.toMatch(words);
      expect(everything).not.toMatch(/presentingConcern|"note":\{/);
    });

    it('leaves an audit trail of reads and changes, with ids and no clinical text', async () => {
      await chen.get(`/api/me/assignments/${seeded('chen', 0)}`);
      const rows: Array<{ action: string; entity: string; entity_id: string | null; case_id: string | null }> = await t.dataSource.query(
        `SELECT action, entity, entity_id, case_id FROM audit_events WHERE actor_id = $1 ORDER BY id`, [chen.userId]);
      expect(rows).toEqual(expect.arrayContaining([
        { action: 'read', entity: 'assignments', entity_id: seeded('chen', 0), case_id: stableId('demo:case:chen') },
        expect.objectContaining({ action: 'read', entity: 'progress' }),
      ]));
      const shared: Array<{ n: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'read_shared' AND entity_id = $2`, [zhou.userId, ZHAO_SHARED_MICRO_EXPERIMENT]);
      expect(shared[0]!.n).toBeGreaterThan(0);
    });
  });
});
