import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type request from 'supertest';
import { stableId } from '../common/stable-id.js';
import { builtInExerciseId } from '../modules/exercises/built-in-exercises.sync.js';
import { DEMO_PRACTICE_SLUG, demoCaseId, demoClientId, demoUserId } from '../seed/demo-seed.js';
import { createDemoTestApp, type DemoTestApp, type SignedInClient } from '../testing/test-app.js';

type Json = Record<string, any>;
type Actor = 'anonymous' | 'admin' | 'therapist' | 'chen' | 'zhou';

/**
 * Every answer the API gives is what its OpenAPI document says: each GET route called as the actor
 * it is for, with the demo practice's real ids, and a sample of writes and refusals, validated with
 * ajv against the document's own schemas (additional properties are refused, so an undocumented
 * field fails too).
 */
describe('the API answers as its OpenAPI document says', () => {
  let demo: DemoTestApp;
  let document: Json;
  let actors: Record<Exclude<Actor, 'anonymous'>, SignedInClient>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  const checked = new Set<string>();

  /** The schema of the answer `status` of `METHOD path`, compiled once; refs point into the document. */
  function validatorFor(method: string, path: string, status: number): ValidateFunction {
    const key = `${method} ${path} ${status}`;
    const found = validators.get(key);
    if (found) return found;
    const op = document['paths'][path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${path} is not in the document`);
    let response = op.responses[String(status)];
    if (!response) throw new Error(`${method} ${path} does not document the status ${status}`);
    if (response.$ref) response = document['components'].responses[String(response.$ref).split('/').pop()!];
    const schema = (response.content?.['application/json'] ?? response.content?.['application/fhir+json'])?.schema;
    if (!schema) throw new Error(`${method} ${path} ${status} documents no JSON body`);
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
    validators.set(key, validate);
    return validate;
  }

  /** Checks one answer against the document: status documented, body valid, the headers it promises. */
  function conforms(method: string, path: string, res: request.Response): void {
    const validate = validatorFor(method, path, res.status);
    const valid = validate(res.body);
    expect({ route: `${method} ${path} ${res.status}`, errors: valid ? null : validate.errors?.slice(0, 5) }).toEqual({ route: `${method} ${path} ${res.status}`, errors: null });
    expect(res.headers['x-correlation-id']).toEqual(expect.any(String));
    const op = document['paths'][path][method.toLowerCase()];
    if (res.status < 300 && op.responses[String(res.status)].headers?.['Content-Range']) {
      expect(res.headers['content-range']).toMatch(/^[a-z-]+ \d+-\d+\/\d+$/);
    }
    checked.add(`${method} ${path}`);
  }

  beforeAll(async () => {
    demo = await createDemoTestApp('openapi_conformance');
    document = (await demo.t.http.get('/api/docs-json')).body;
    ajv.addSchema({ $id: 'openapi', components: document['components'] });
    actors = {
      admin: demo.admin,
      therapist: demo.therapist,
      chen: demo.client,
      zhou: await demo.t.signIn('zhou.ting@attune.test'),
    };
  });
  afterAll(() => demo.t.close());

  const CHEN_CASE = demoCaseId('chen');
  const COUPLE_CASE = demoCaseId('couple');
  /** Who calls each GET route, and with which demo record. */
  const PUBLIC_TEST = `/api/public/practices/${DEMO_PRACTICE_SLUG}/relationship-test`;
  /** The first row's id of a list the actor reads (for records the demo seed makes without a stable id). */
  const firstId = (as: Exclude<Actor, 'anonymous'>, url: string) => async () => {
    const res = await actors[as].get(url);
    expect([url, res.status, res.body.length > 0]).toEqual([url, 200, true]);
    return { id: String(res.body[0].id) };
  };
  /** A visitor takes the public relationship test with consent: an intake request for the admin. */
  async function fileIntakeRequest(): Promise<Record<string, string>> {
    const page = await demo.t.http.get(PUBLIC_TEST);
    conforms('GET', '/api/public/practices/{slug}/relationship-test', page);
    const answers = {
      ro_1: 1, ro_2: 1, ro_3: 3, rs_1: 3, rs_2: 3, rs_3: 1, rt_1: 1, rt_2: 1, rt_3: 3,
      us_p1: 3, us_p2: 4, us_w1: 0, us_w2: 1, cr_1: 2, cr_2: 2, cr_3: 3, se_1: 2, se_2: 2, se_3: 3,
    };
    jest.spyOn(Date, 'now').mockReturnValue(page.body.startedAt + 60_000);
    try {
      const sent = await demo.t.http.post(PUBLIC_TEST).send({
        answers, safety: { safe_afraid: 0, safe_hurt: 0, safe_speak: 0 }, startedAt: page.body.startedAt, startToken: page.body.startToken,
        consent: true, contact: { name: 'Conformance visitor', email: 'visitor@example.test' },
      });
      expect([sent.status, sent.body.sent]).toEqual([200, true]);
      conforms('POST', '/api/public/practices/{slug}/relationship-test', sent);
    } finally {
      jest.restoreAllMocks();
    }
    return firstId('admin', '/api/intake-requests')();
  }
  /** The therapist's calendar feed: its secret file name. */
  async function calendarFeedFile(): Promise<Record<string, string>> {
    const created = await actors.therapist.post('/api/me/calendar-feed', {});
    expect(created.status).toBe(201);
    conforms('POST', '/api/me/calendar-feed', created);
    return { file: String(created.body.url).split('/').pop()! };
  }
  const GET_ROUTES: Record<string, { as: Actor; ids?: Record<string, string> | (() => Promise<Record<string, string>>); query?: string; media?: string }> = {
    '/api/health': { as: 'anonymous' },
    '/api/ready': { as: 'anonymous' },
    '/api/auth/me': { as: 'therapist' },
    '/api/auth/totp': { as: 'therapist' },
    '/api/clients': { as: 'therapist', query: '?sort=["displayName","ASC"]&range=[0,9]' },
    '/api/clients/{id}': { as: 'therapist', ids: { id: demoClientId('chen') } },
    '/api/cases': { as: 'therapist', query: '?filter={"status":"open"}' },
    '/api/cases/{id}': { as: 'therapist', ids: { id: COUPLE_CASE } },
    '/api/cases/{id}/transitions': { as: 'therapist', ids: { id: CHEN_CASE } },
    '/api/cases/{id}/progress': { as: 'therapist', ids: { id: COUPLE_CASE } },
    '/api/cases/{id}/exception-patterns': { as: 'therapist', ids: { id: COUPLE_CASE }, query: '?timeZone=Asia/Shanghai' },
    '/api/sessions': { as: 'therapist', query: `?filter={"caseId":"${CHEN_CASE}"}&range=[0,49]` },
    '/api/sessions/{id}': { as: 'therapist', ids: { id: stableId('demo:session:chen:1') } },
    '/api/scale-scores': { as: 'therapist', query: '?range=[0,99]' },
    '/api/scale-scores/{id}': { as: 'therapist', ids: { id: stableId('demo:score:chen:chen:0') } },
    '/api/exceptions': { as: 'therapist', query: '?range=[0,99]' },
    '/api/exceptions/{id}': { as: 'therapist', ids: { id: stableId('demo:exception:couple:0') } },
    '/api/exercises': { as: 'therapist', query: '?range=[0,49]' },
    '/api/exercises/{id}': { as: 'therapist', ids: { id: builtInExerciseId('value-ranking') } },
    '/api/assignments': { as: 'therapist', query: '?range=[0,99]' },
    '/api/assignments/{id}': { as: 'therapist', ids: { id: stableId('demo:assignment:chen:0') } },
    '/api/users': { as: 'admin' },
    '/api/users/{id}': { as: 'admin', ids: { id: demoUserId('chen') } },
    '/api/audit-events': { as: 'admin', query: '?range=[0,99]' },
    '/api/audit-events/{id}': { as: 'admin', ids: async () => ({ id: (await actors.admin.get('/api/audit-events?range=[0,0]')).body[0].id }) },
    '/api/dashboard': { as: 'therapist', query: '?timeZone=Asia/Shanghai' },
    '/api/me/assignments': { as: 'chen', query: '?range=[0,49]' },
    '/api/me/assignments/{id}': { as: 'chen', ids: { id: stableId('demo:assignment:chen:0') } },
    '/api/me/progress': { as: 'chen' },
    '/api/me/partner-answers': { as: 'zhou' },
    '/api/me/api-tokens': { as: 'therapist' },
    '/api/clients/export.csv': { as: 'therapist', media: 'text/csv' },
    '/api/cases/export.csv': { as: 'therapist', media: 'text/csv' },
    '/api/sessions/export.csv': { as: 'therapist', media: 'text/csv' },
    '/api/exercises/export.csv': { as: 'therapist', media: 'text/csv' },
    '/api/users/export.csv': { as: 'admin', media: 'text/csv' },
    '/api/audit-events/export.csv': { as: 'admin', media: 'text/csv' },
    '/api/clients/{id}/portal-account': { as: 'therapist', ids: { id: demoClientId('chen') } },
    '/api/cases/{id}/status-changes': { as: 'therapist', ids: { id: CHEN_CASE } },
    '/api/me/notifications': { as: 'therapist' },
    '/api/me/notification-settings': { as: 'therapist' },
    '/api/outbox': { as: 'admin', query: '?range=[0,49]' },
    '/api/scheduling-profiles/{userId}': { as: 'therapist', ids: { userId: demoUserId('therapist') } },
    '/api/scheduling-policy': { as: 'therapist' },
    '/api/me/exceptions': { as: 'chen' },
    '/api/me/sessions': { as: 'chen', query: '?timeZone=Asia/Shanghai' },
    '/api/me/sessions/change-requests': { as: 'chen' },
    '/api/calendar-feeds/{file}': { as: 'anonymous', ids: calendarFeedFile, media: 'text/calendar' },
    '/api/measures': { as: 'therapist' },
    '/api/measures/{key}': { as: 'therapist', ids: { key: 'phq-9' } },
    '/api/measures/{key}/questionnaire': { as: 'therapist', ids: { key: 'gad-7' } },
    '/api/measure-schedules': { as: 'therapist', query: '?range=[0,49]' },
    '/api/measure-schedules/{id}': { as: 'therapist', ids: { id: stableId('demo:measure-schedule:chen:phq9') } },
    '/api/measure-responses': { as: 'therapist', query: '?range=[0,49]' },
    '/api/measure-responses/{id}': { as: 'therapist', ids: { id: stableId('demo:measure:zhao:profile:0') } },
    '/api/cases/{id}/measures': { as: 'therapist', ids: { id: COUPLE_CASE } },
    '/api/cases/{id}/corrections': { as: 'therapist', ids: { id: CHEN_CASE } },
    '/api/me/measures': { as: 'chen' },
    '/api/me/measures/{id}': { as: 'chen', ids: firstId('chen', '/api/me/measures') },
    '/api/public/practices/{slug}/relationship-test': { as: 'anonymous', ids: { slug: DEMO_PRACTICE_SLUG } },
    '/api/intake-requests': { as: 'admin', query: '?range=[0,49]' },
    '/api/intake-requests/{id}': { as: 'admin', ids: fileIntakeRequest },
    '/api/practice': { as: 'admin' },
    '/api/fhir/Patient/{id}/$everything': { as: 'therapist', ids: { id: demoClientId('chen') } },
    '/api/fhir/EpisodeOfCare/{id}/$everything': { as: 'therapist', ids: { id: COUPLE_CASE } },
    '/api/cases/{id}/report.pdf': { as: 'therapist', ids: { id: CHEN_CASE }, media: 'application/pdf' },
    '/api/me/export': { as: 'chen' },
    '/api/me/export.pdf': { as: 'chen', media: 'application/pdf' },
    '/api/me/erasure-requests': { as: 'chen' },
    '/api/erasure-requests': { as: 'admin' },
  };

  function call(as: Actor, url: string): request.Test {
    return as === 'anonymous' ? demo.t.http.get(url) : actors[as].get(url);
  }

  it('covers every GET route of the document', () => {
    const gets = Object.entries(document['paths'] as Record<string, Json>).filter(([, item]) => item['get']).map(([path]) => path);
    expect(gets.filter((path) => !(path in GET_ROUTES) && path !== '/api/metrics').sort()).toEqual([]);
  });

  it('would catch a lie: an undocumented field, a wrong type or a missing field fails the check', async () => {
    const res = await actors.therapist.get(`/api/cases/${CHEN_CASE}/transitions`);
    const validate = validatorFor('GET', '/api/cases/{id}/transitions', 200);
    expect(validate(res.body)).toBe(true);
    expect(res.body[0]).toMatchObject({ kind: 'start', fromStage: null });
    expect(validate([{ ...res.body[0], extra: 1 }])).toBe(false);
    expect(validate([{ ...res.body[0], fromStage: 7 }])).toBe(false);
    const { reason: _reason, ...withoutReason } = res.body[0];
    expect(validate([withoutReason])).toBe(false);
  });

  it.each(Object.keys(GET_ROUTES))('GET %s', async (path) => {
    const route = GET_ROUTES[path]!;
    const ids = typeof route.ids === 'function' ? await route.ids() : route.ids ?? {};
    const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name]!) + (route.query ?? '');
    const res = await call(route.as, url);
    expect([path, res.status]).toEqual([path, 200]);
    if (route.media) {
      // a file or text answer: the media type the document gives, and something in it
      expect([path, res.headers['content-type']]).toEqual([path, expect.stringContaining(route.media)]);
      expect(Object.keys(document['paths'][path].get.responses['200'].content)).toEqual([route.media]);
      expect([path, Number(res.headers['content-length'] ?? (res.text ?? '').length) > 0 || Buffer.isBuffer(res.body)]).toEqual([path, true]);
      expect(res.headers['x-correlation-id']).toEqual(expect.any(String));
      checked.add(`GET ${path}`);
      return;
    }
    if (Array.isArray(res.body)) expect([path, res.body.length]).toEqual([path, expect.any(Number)]);
    conforms('GET', path, res);
  });

  it('GET lists answer rows for the demo data (a valid empty array would prove little)', async () => {
    for (const path of ['/api/clients', '/api/cases', '/api/sessions', '/api/scale-scores', '/api/exceptions', '/api/assignments', '/api/exercises']) {
      const res = await actors.therapist.get(`${path}?range=[0,4]`);
      expect([path, res.body.length]).toEqual([path, expect.any(Number)]);
      expect([path, res.body.length > 0]).toEqual([path, true]);
      conforms('GET', path, res);
    }
    const progress = await actors.therapist.get(`/api/cases/${COUPLE_CASE}/progress`);
    expect(progress.body.series).toHaveLength(2);
    expect(progress.body.series[0].points.length).toBeGreaterThan(3);
  });

  it('a partner\'s own export, with what the other partner shared, answers as documented, and its items are checked field by field', async () => {
    const res = await actors.zhou.get('/api/me/export');
    conforms('GET', '/api/me/export', res);
    const [own] = res.body.cases;
    expect([own.homework.length > 0, own.partnerShared.length > 0, own.measures.length > 0]).toEqual([true, true, true]);
    const validate = validatorFor('GET', '/api/me/export', 200);
    const drifted = (change: Json) => ({ ...res.body, cases: [{ ...own, ...change }] });
    expect(validate(drifted({ homework: [{ ...own.homework[0], extra: 1 }] }))).toBe(false);
    expect(validate(drifted({ homework: [{ ...own.homework[0], status: 'lost' }] }))).toBe(false);
    expect(validate(drifted({ partnerShared: [{ ...own.partnerShared[0], answers: 'all of them' }] }))).toBe(false);
    const { partnerName: _name, ...unnamed } = own.partnerShared[0];
    expect(validate(drifted({ partnerShared: [unnamed] }))).toBe(false);
  });

  it('writes answer as documented: create, update, move a stage, rate, submit homework, save a draft, log a moment', async () => {
    const { therapist, chen } = actors;
    const created = await therapist.post('/api/clients', { displayName: 'Gao Min (pseudonym)', pronouns: 'she/her' }).set('Idempotency-Key', 'conformance-client-1');
    expect(created.status).toBe(201);
    conforms('POST', '/api/clients', created);
    const updated = await therapist.put(`/api/clients/${created.body.id}`, { ...created.body, phone: '+86 10 5555 0101' });
    expect(updated.status).toBe(200);
    conforms('PUT', '/api/clients/{id}', updated);

    const moved = await therapist.post(`/api/cases/${CHEN_CASE}/transitions`, { toStage: 5, reason: 'Ready to plan concrete steps' });
    expect(moved.status).toBe(201);
    conforms('POST', '/api/cases/{id}/transitions', moved);

    const rating = await therapist.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: demoClientId('chen'), score: 6.5, recordedAt: new Date().toISOString() });
    expect(rating.status).toBe(201);
    conforms('POST', '/api/scale-scores', rating);

    const homework = stableId('demo:assignment:chen:9');
    const draft = await chen.put(`/api/me/assignments/${homework}/draft`, { response: { story: 'Half of what I want to say' } });
    conforms('PUT', '/api/me/assignments/{id}/draft', draft);
    const detail = (await chen.get(`/api/me/assignments/${homework}`)).body;
    const response = Object.fromEntries(detail.exercise.fields.map((f: { name: string; kind: string; minItems?: number }) => [f.name, f.kind === 'list' ? Array.from({ length: f.minItems ?? 1 }, (_, i) => `Moment ${i + 1}`) : 'What we did well together']));
    const submitted = await chen.post(`/api/me/assignments/${homework}/submit`, { response }).set('Idempotency-Key', 'conformance-submit-1');
    expect([submitted.status, submitted.body.errors]).toEqual([200, undefined]);
    expect(submitted.body.status).toBe('submitted');
    conforms('POST', '/api/me/assignments/{id}/submit', submitted);

    const token = await therapist.post('/api/me/api-tokens', { name: 'Conformance', scopes: ['cases:read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(token.status).toBe(201);
    conforms('POST', '/api/me/api-tokens', token);
    const revoked = await therapist.delete(`/api/me/api-tokens/${token.body.id}`);
    conforms('DELETE', '/api/me/api-tokens/{id}', revoked);

    const moment = await chen.post('/api/me/exceptions', { context: 'Morning walk', occurredAt: new Date().toISOString() });
    expect(moment.status).toBe(201);
    conforms('POST', '/api/me/exceptions', moment);
  });

  it('refusals answer the one error schema with a stable code, whatever refused them', async () => {
    const { therapist, chen } = actors;
    const noSession = await demo.t.http.get('/api/cases');
    expect([noSession.status, noSession.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    conforms('GET', '/api/cases', noSession);

    const wrongRole = await chen.get('/api/cases');
    expect([wrongRole.status, wrongRole.body.code]).toEqual([403, 'FORBIDDEN']);
    conforms('GET', '/api/cases', wrongRole);

    const noXsrf = await therapist.post('/api/clients', { displayName: 'X' }).set('X-XSRF-TOKEN', 'wrong');
    expect([noXsrf.status, noXsrf.body.code]).toEqual([403, 'XSRF_REJECTED']);
    conforms('POST', '/api/clients', noXsrf);

    const badBody = await therapist.post('/api/clients', { pronouns: 7 });
    expect([badBody.status, badBody.body.code, Object.keys(badBody.body.errors).sort()]).toEqual([400, 'VALIDATION', ['displayName', 'pronouns']]);
    conforms('POST', '/api/clients', badBody);

    const badQuery = await therapist.get('/api/cases?filter={"constructor":1}');
    expect([badQuery.status, badQuery.body.code]).toEqual([400, 'VALIDATION']);
    conforms('GET', '/api/cases', badQuery);

    const missing = await therapist.get('/api/cases/00000000-0000-4000-8000-000000000000');
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    conforms('GET', '/api/cases/{id}', missing);

    const notUuid = await therapist.get('/api/cases/42');
    expect([notUuid.status, notUuid.body.errors]).toEqual([400, { id: 'must be a UUID' }]);
    conforms('GET', '/api/cases/{id}', notUuid);

    const tooLarge = await therapist.post('/api/clients', { displayName: 'x'.repeat(1_100_000) });
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
    conforms('POST', '/api/clients', tooLarge);

    const signedSession = (await therapist.get(`/api/sessions/${stableId('demo:session:chen:1')}`)).body;
    const signed = await therapist.put(`/api/sessions/${signedSession.id}`, { ...signedSession, note: { freeText: 'Rewritten history' } });
    expect([signed.status, signed.body.code]).toEqual([409, 'NOTE_SIGNED']);
    conforms('PUT', '/api/sessions/{id}', signed);

    // a read that conflicts: the discharge summary of a case still open
    const notClosed = await therapist.get(`/api/cases/${CHEN_CASE}/report.pdf?variant=discharge`);
    expect([notClosed.status, notClosed.headers['content-type'], notClosed.body.code]).toEqual([409, expect.stringContaining('application/json'), 'CASE_NOT_CLOSED']);
    conforms('GET', '/api/cases/{id}/report.pdf', notClosed);

    const reused = await therapist.post('/api/clients', { displayName: 'Another person' }).set('Idempotency-Key', 'conformance-client-1');
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    conforms('POST', '/api/clients', reused);
  });

  afterAll(() => {
    // a line in the log of what was checked, for the reader of a CI run
    process.stdout.write(`OpenAPI conformance: ${checked.size} operations checked\n`);
  });
});
