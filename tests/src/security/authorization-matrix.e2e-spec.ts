import { can, type Role } from '@attune/domain';
import type request from 'supertest';
import { addFixtures, CUSTOM_EXERCISES, DEMO, ELSEWHERE } from './fixtures.js';
import { demoEmail, startDemoApp, type DemoApp, type DemoKey, type HttpMethod, type SignedIn } from './harness.js';
import { openApiOperations, routeRules, type RouteRule } from './route-rules.js';

/**
 * Every route of the running app × seven actors. The routes come from Nest's own router (and must
 * match the OpenAPI document), so a route added tomorrow is tried too, and one without an access
 * rule fails here. What each actor should get comes from libs' PERMISSIONS (`can`) and the
 * ownership rule: a record outside the caller's caseload (or practice, or own portal) is a 404.
 */

interface ActorSpec {
  name: string;
  key: DemoKey | null;
  role: Role | null;
}

const ACTORS: ActorSpec[] = [
  { name: 'anonymous', key: null, role: null },
  { name: 'client chen.jing', key: 'chen', role: 'client' },
  { name: 'another client liu.jia', key: 'liu', role: 'client' },
  { name: 'partner zhou.ting (vs zhao.lei)', key: 'zhou', role: 'client' },
  { name: 'practitioner therapist', key: 'therapist', role: 'practitioner' },
  { name: 'another practitioner coach', key: 'coach', role: 'practitioner' },
  { name: 'admin', key: 'admin', role: 'admin' },
];

/** Public routes, and routes for any signed-in person: nothing else may be either. */
const PUBLIC_ROUTES = [
  'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/health', 'GET /api/ready', 'GET /api/metrics',
  // A practice's public relationship test: no account, throttled, nothing stored without consent.
  'GET /api/public/practices/{slug}/relationship-test', 'POST /api/public/practices/{slug}/relationship-test',
  'POST /api/auth/activate', 'POST /api/auth/password-reset', 'POST /api/auth/password-reset/confirm',
  // A calendar app's subscription: the unguessable file name is the credential (revoked by deleting the feed).
  'GET /api/calendar-feeds/{file}',
];
const SIGNED_IN_ROUTES = [
  'GET /api/auth/me', 'POST /api/auth/password', 'GET /api/auth/totp', 'POST /api/auth/totp/enrol',
  'POST /api/auth/totp/confirm', 'POST /api/auth/totp/disable',
  'GET /api/me/notifications', 'POST /api/me/notifications/{id}/read', 'GET /api/me/notification-settings', 'PUT /api/me/notification-settings',
  // one's own API tokens: a token acts with its owner's role, so minting one grants nothing new
  'GET /api/me/api-tokens', 'POST /api/me/api-tokens', 'DELETE /api/me/api-tokens/{id}',
];
/** Routes guarded by the permission of a resource other than their first path segment. */
const GUARDED_BY: Record<string, string> = {
  'GET /api/scheduling-profiles/{userId}': 'scheduling', 'PUT /api/scheduling-profiles/{userId}': 'scheduling',
  'GET /api/scheduling-policy': 'scheduling', 'PUT /api/scheduling-policy': 'scheduling',
  'POST /api/me/calendar-feed': 'scheduling', 'DELETE /api/me/calendar-feed': 'scheduling',
};
const WITHOUT_TOTP_ROUTES = ['GET /api/auth/me', 'GET /api/auth/totp', 'POST /api/auth/totp/enrol', 'POST /api/auth/totp/confirm'];

type Kind = 'clients' | 'cases' | 'sessions' | 'scale-scores' | 'exceptions' | 'assignments' | 'exercises' | 'users' | 'audit-events' | 'me-assignments' | 'me-measures';
const CASELOAD_KINDS: Kind[] = ['clients', 'cases', 'sessions', 'scale-scores', 'exceptions', 'assignments'];
const LIST_KINDS: Kind[] = [...CASELOAD_KINDS, 'exercises', 'users', 'audit-events'];

const E = ELSEWHERE;
const CHEN_RECORDS: Record<string, string> = {
  cases: DEMO.chen.caseId, clients: DEMO.chen.clientId, sessions: DEMO.chen.sessionId, 'scale-scores': DEMO.chen.scaleScoreId,
  exceptions: DEMO.chen.exceptionId, assignments: DEMO.chen.assignmentId,
};
const HE_RECORDS: Record<string, string> = {
  cases: DEMO.he.caseId, clients: DEMO.he.clientId, sessions: DEMO.he.sessionId, 'scale-scores': DEMO.he.scaleScoreId,
  exceptions: DEMO.he.exceptionId, assignments: DEMO.he.assignmentId,
};
const ELSEWHERE_RECORDS: Record<string, string> = {
  cases: E.caseId, clients: E.clientId, sessions: E.sessionId, 'scale-scores': E.scaleScoreId,
  exceptions: E.exceptionId, assignments: E.assignmentId, exercises: E.exerciseId, users: E.practitionerId,
};

interface Targets {
  own: Partial<Record<Kind, string>>;
  /** Records the actor may not read. */
  foreign: Partial<Record<Kind, string[]>>;
  /** Records the actor may not change (may be readable: another practitioner's exercise). */
  foreignWrite: Partial<Record<Kind, string[]>>;
  /** Own ids of the template bodies → the foreign ids a hostile create or update names instead. */
  swap: Record<string, string>;
}

function targetsOf(key: DemoKey, auditIds: { demo: string; elsewhere: string }): Targets {
  const caseloadForeign = (records: Array<Record<string, string>>) =>
    Object.fromEntries(CASELOAD_KINDS.map((k) => [k, records.map((r) => r[k]!).filter(Boolean)])) as Partial<Record<Kind, string[]>>;
  switch (key) {
    case 'therapist':
      return {
        own: { ...CHEN_RECORDS, exercises: CUSTOM_EXERCISES.therapist },
        foreign: { ...caseloadForeign([HE_RECORDS, ELSEWHERE_RECORDS]), exercises: [E.exerciseId] },
        foreignWrite: { ...caseloadForeign([HE_RECORDS, ELSEWHERE_RECORDS]), exercises: [CUSTOM_EXERCISES.coach, E.exerciseId] },
        swap: { [DEMO.chen.caseId]: DEMO.he.caseId, [DEMO.chen.clientId]: DEMO.he.clientId, [DEMO.users.therapist]: DEMO.users.coach },
      };
    case 'coach': {
      const chenAndCouple = { ...CHEN_RECORDS };
      const foreign = caseloadForeign([chenAndCouple, ELSEWHERE_RECORDS]);
      foreign.cases!.push(DEMO.couple.caseId, DEMO.liu.caseId);
      foreign.clients!.push(DEMO.couple.zhaoClientId, DEMO.couple.zhouClientId, DEMO.liu.clientId);
      foreign.assignments!.push(...DEMO.liu.assignmentIds, ...DEMO.couple.zhouAssignmentIds);
      return {
        own: { ...HE_RECORDS, exercises: CUSTOM_EXERCISES.coach },
        foreign: { ...foreign, exercises: [E.exerciseId] },
        foreignWrite: { ...foreign, exercises: [CUSTOM_EXERCISES.therapist, E.exerciseId] },
        swap: {},
      };
    }
    case 'admin':
      return {
        own: { ...CHEN_RECORDS, exercises: CUSTOM_EXERCISES.therapist, users: DEMO.users.chen, 'audit-events': auditIds.demo },
        foreign: { ...caseloadForeign([ELSEWHERE_RECORDS]), exercises: [E.exerciseId], users: [E.practitionerId, E.adminId], 'audit-events': [auditIds.elsewhere] },
        foreignWrite: { ...caseloadForeign([ELSEWHERE_RECORDS]), exercises: [E.exerciseId], users: [E.practitionerId, E.adminId] },
        swap: {
          [DEMO.chen.caseId]: E.caseId, [DEMO.chen.clientId]: E.clientId, [DEMO.users.therapist]: E.practitionerId,
          [DEMO.chen.sessionId]: E.sessionId, [DEMO.builtInExerciseId]: E.exerciseId,
        },
      };
    case 'chen':
      return {
        own: { 'me-assignments': DEMO.chen.assignmentIds[0]!, 'me-measures': DEMO.measures.chenPhq9 },
        foreign: { 'me-assignments': [...DEMO.liu.assignmentIds.slice(0, 2), DEMO.couple.zhouAssignmentIds[0]!, E.assignmentId], 'me-measures': [DEMO.measures.liuPhq9, DEMO.measures.zhouProfile] },
        foreignWrite: { 'me-assignments': [DEMO.liu.assignmentIds[3]!, DEMO.couple.zhouAssignmentIds[0]!, E.assignmentId], 'me-measures': [DEMO.measures.liuPhq9, DEMO.measures.zhouProfile] },
        swap: {},
      };
    case 'liu':
      return {
        own: { 'me-assignments': DEMO.liu.assignmentIds[0]!, 'me-measures': DEMO.measures.liuPhq9 },
        foreign: { 'me-assignments': [DEMO.chen.assignmentIds[0]!, DEMO.chen.assignmentIds[9]!, DEMO.he.assignmentId], 'me-measures': [DEMO.measures.chenPhq9] },
        foreignWrite: { 'me-assignments': [DEMO.chen.assignmentIds[9]!, DEMO.he.assignmentId], 'me-measures': [DEMO.measures.chenPhq9] },
        swap: {},
      };
    case 'zhou':
      return {
        own: { 'me-assignments': DEMO.couple.zhouAssignmentIds[0]!, 'me-measures': DEMO.measures.zhouProfile },
        foreign: { 'me-assignments': DEMO.couple.zhaoPrivateAssignmentIds, 'me-measures': [DEMO.measures.zhaoProfile] },
        foreignWrite: { 'me-assignments': DEMO.couple.zhaoPrivateAssignmentIds, 'me-measures': [DEMO.measures.zhaoProfile] },
        swap: {},
      };
    default:
      throw new Error(`no targets for ${key}`);
  }
}

/** Ids whose appearance anywhere in an answer to this actor is a leak. */
function neverSeen(key: DemoKey): string[] {
  const elsewhere = Object.values(ELSEWHERE_RECORDS);
  switch (key) {
    case 'therapist': return [...Object.values(HE_RECORDS), ...elsewhere];
    case 'coach': return [...Object.values(CHEN_RECORDS), DEMO.couple.caseId, DEMO.liu.caseId, DEMO.couple.zhaoClientId, DEMO.liu.clientId, ...elsewhere];
    case 'admin': return elsewhere;
    case 'chen': return [DEMO.liu.caseId, DEMO.liu.clientId, DEMO.couple.caseId, DEMO.he.caseId, ...DEMO.liu.assignmentIds, ...DEMO.couple.zhouAssignmentIds, ...elsewhere];
    case 'liu': return [DEMO.chen.caseId, DEMO.chen.clientId, DEMO.couple.caseId, ...DEMO.chen.assignmentIds, ...elsewhere];
    case 'zhou': return [DEMO.chen.caseId, DEMO.liu.caseId, ...DEMO.couple.zhaoPrivateAssignmentIds, ...elsewhere];
    default: return [];
  }
}

/** The SQL for the ids of a list's resource that the actor may NOT see ($1 practice, $2 user, $3 is admin). */
function invisibleIdsSql(kind: Kind): string {
  const p = `WITH p AS (SELECT $1::uuid AS practice, $2::uuid AS user_id, $3::boolean AS is_admin)`;
  const viaCase = (table: string) =>
    `${p} SELECT x.id::text AS id FROM ${table} x JOIN cases k ON k.id = x.case_id, p WHERE NOT (k.practice_id = p.practice AND (p.is_admin OR k.practitioner_id = p.user_id))`;
  switch (kind) {
    case 'clients': return `${p} SELECT id::text AS id FROM clients, p WHERE NOT (practice_id = p.practice AND (p.is_admin OR practitioner_id = p.user_id))`;
    case 'cases': return `${p} SELECT id::text AS id FROM cases, p WHERE NOT (practice_id = p.practice AND (p.is_admin OR practitioner_id = p.user_id))`;
    case 'sessions': return viaCase('therapy_sessions');
    case 'scale-scores': return viaCase('scale_scores');
    case 'exceptions': return viaCase('case_exceptions');
    case 'assignments': return viaCase('assignments');
    case 'exercises': return `${p} SELECT id::text AS id FROM exercises, p WHERE NOT (built_in OR practice_id = p.practice)`;
    case 'users': return `${p} SELECT id::text AS id FROM users, p WHERE practice_id <> p.practice`;
    case 'audit-events': return `${p} SELECT id::text AS id FROM audit_events, p WHERE practice_id IS DISTINCT FROM p.practice`;
    case 'me-assignments': return `${p} SELECT a.id::text AS id FROM assignments a, p WHERE a.client_id NOT IN (SELECT id FROM clients WHERE portal_user_id = p.user_id)`;
    case 'me-measures': return `${p} SELECT r.id::text AS id FROM measure_responses r, p WHERE r.client_id NOT IN (SELECT id FROM clients WHERE portal_user_id = p.user_id)`;
  }
}

/** A body for an action route, by its last path segment. */
const ACTION_BODIES: Record<string, object> = {
  sign: {},
  addenda: { text: 'An addendum written by someone who should not reach this note' },
  review: { feedback: 'Feedback from someone who should not reach this' },
  transitions: { toStage: 2, reason: 'Moved by someone who should not reach this case' },
  draft: { response: { story: 'draft' } },
  submit: { response: {} },
  'check-ins': { response: { note: 'check-in' } },
};

function kindOf(path: string): Kind | null {
  const parts = path.split('/').filter(Boolean); // ['api', seg, ...]
  if (!path.includes('{id}')) return null;
  if (parts[1] === 'me') return parts[2] === 'assignments' ? 'me-assignments' : parts[2] === 'measures' ? 'me-measures' : null;
  return (parts[1] as Kind) ?? null;
}

function collectionKind(path: string): Kind | null {
  const parts = path.split('/').filter(Boolean);
  if (path.includes('{')) return null;
  if (parts[1] === 'me') return parts.length === 3 && parts[2] === 'assignments' ? 'me-assignments' : null;
  const kind = parts[1] as Kind;
  return parts.length === 2 && LIST_KINDS.includes(kind) ? kind : null;
}

function swapIds(value: unknown, swap: Record<string, string>): unknown {
  if (typeof value === 'string') return swap[value] ?? value;
  if (Array.isArray(value)) return value.map((v) => swapIds(v, swap));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapIds(v, swap)]));
  return value;
}

function contentRangeTotal(res: request.Response): number | null {
  const header = res.headers['content-range'];
  const m = header?.match(/\/(\d+)$/);
  return m ? Number(m[1]) : null;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

describe('authorization matrix: every route × seven actors', () => {
  let t: DemoApp;
  let rules: RouteRule[];
  let operations: string[];
  const sessions = new Map<DemoKey, SignedIn>();
  const failures: string[] = [];
  const tally = { requests: 0, denied401: 0, denied403: 0, notFound404: 0, rejected400: 0, allowed2xx: 0, routeActorPairs: 0 };
  let auditIds: { demo: string; elsewhere: string };
  const templates = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    t = await startDemoApp('authz_matrix');
    const ids = await addFixtures(t.dataSource);
    auditIds = { demo: ids.demoAuditEventId, elsewhere: ids.elsewhereAuditEventId };
    for (const actor of ACTORS) if (actor.key) sessions.set(actor.key, await t.signIn(demoEmail(actor.key)));
    rules = routeRules(t.app);
    operations = openApiOperations((await t.anonymous('get', '/api/docs-json')).body);
    // templates for hostile creates and updates: the admin's view of the therapist's records
    const admin = sessions.get('admin')!;
    for (const [kind, id] of Object.entries({ ...CHEN_RECORDS, exercises: CUSTOM_EXERCISES.therapist, users: DEMO.users.chen })) {
      const res = await admin.req('get', `/api/${kind}/${id}`);
      if (res.status === 200) templates.set(kind, res.body);
    }
  });
  afterAll(async () => {
    console.log(`authorization matrix: ${rules?.length ?? 0} routes, ${tally.routeActorPairs} route × actor pairs, ${tally.requests} requests ` +
      `(401: ${tally.denied401}, 403: ${tally.denied403}, 404: ${tally.notFound404}, 400: ${tally.rejected400}, 2xx where allowed: ${tally.allowed2xx})`);
    await t?.close();
  });

  async function send(actor: ActorSpec, method: HttpMethod, url: string, body?: object): Promise<request.Response> {
    const base = actor.key ? sessions.get(actor.key)!.req(method, url) : t.anonymous(method, url);
    const withKey = method === 'post' && url.endsWith('/submit') ? base.set('Idempotency-Key', `matrix-${tally.requests}`) : base;
    const res = await (body === undefined ? withKey : withKey.send(body));
    tally.requests++;
    if (res.status === 401) tally.denied401++;
    else if (res.status === 403) tally.denied403++;
    else if (res.status === 404) tally.notFound404++;
    else if (res.status === 400) tally.rejected400++;
    else if (isSuccess(res.status)) tally.allowed2xx++;
    if (res.status >= 500) failures.push(`${actor.name} ${method.toUpperCase()} ${url}: ${res.status} (server error)`);
    // (the audit trail is exempt: it rightly records the practice's own attempts on ids that are not theirs)
    if (actor.key && isSuccess(res.status) && res.text && !url.startsWith('/api/audit-events')) {
      for (const id of neverSeen(actor.key)) {
        if (res.text.includes(id)) failures.push(`${actor.name} ${method.toUpperCase()} ${url}: answer contains ${id}, which is not theirs to see`);
      }
    }
    return res;
  }

  function expectStatus(actor: ActorSpec, what: string, res: request.Response, allowed: number[]): void {
    if (!allowed.includes(res.status)) {
      failures.push(`${actor.name} ${what}: got ${res.status}, expected ${allowed.join(' or ')} ${JSON.stringify(res.body).slice(0, 160)}`);
    }
  }

  it('knows the access rule of every route, and the OpenAPI document lists exactly the routes Nest serves', () => {
    const served = rules.map((r) => `${r.method} ${r.path}`).sort();
    expect(served).toEqual(operations);
    const problems: string[] = [];
    for (const r of rules) {
      const op = `${r.method} ${r.path}`;
      if (r.access.kind === 'none') problems.push(`${op} (${r.handler}) has no @Public, @SignedIn or @Permission: the guard denies it to everyone`);
      if (r.access.kind === 'public' && !PUBLIC_ROUTES.includes(op)) problems.push(`${op} is public`);
      if (r.access.kind === 'signed-in' && !SIGNED_IN_ROUTES.includes(op)) problems.push(`${op} is open to any signed-in role`);
      if (r.withoutTotp && !WITHOUT_TOTP_ROUTES.includes(op)) problems.push(`${op} is reachable without the two-step sign-in a practice requires`);
      if (r.access.kind === 'permission') {
        const { resource, action } = r.access;
        const segment = GUARDED_BY[op] ?? r.path.split('/')[2];
        if (segment !== resource) problems.push(`${op} checks the permission of "${resource}", not of "${segment}"`);
        const fits = r.method === 'GET' ? ['list', 'read'] : r.method === 'POST' ? ['create', 'update'] : r.method === 'DELETE' ? ['delete', 'update'] : ['update'];
        if (!fits.includes(action)) problems.push(`${op} is guarded by "${action}", which does not fit ${r.method}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers every route as PERMISSIONS and the ownership rule say, for every actor', async () => {
    for (const rule of rules) {
      if (rule.access.kind === 'public') continue;
      const method = rule.method.toLowerCase() as HttpMethod;
      for (const actor of ACTORS) {
        tally.routeActorPairs++;
        const idKind = kindOf(rule.path);
        const targets = actor.key && actor.key !== null ? targetsOf(actor.key, auditIds) : undefined;
        const sampleId = idKind && targets?.own[idKind] ? targets.own[idKind]! : DEMO.chen.caseId;
        // a route about a person (a scheduling profile) is tried on the actor's own account
        const self = actor.key ? DEMO.users[actor.key as keyof typeof DEMO.users] ?? DEMO.users.chen : DEMO.users.chen;
        const concrete = (id: string) => rule.path.replace('{id}', id).replace('{key}', 'phq-9').replace('{userId}', self);
        const body = rule.method === 'GET' || rule.method === 'DELETE' ? undefined : {};
        const label = (url: string) => `${rule.method} ${url}`;

        if (!actor.role) {
          const res = await send(actor, method, concrete(sampleId), body);
          expectStatus(actor, label(concrete(sampleId)), res, [401]);
          continue;
        }
        if (rule.access.kind === 'signed-in') {
          const res = await send(actor, method, concrete(sampleId), body);
          if ([401, 403].includes(res.status)) failures.push(`${actor.name} ${label(rule.path)}: ${res.status} on a route for any signed-in person`);
          continue;
        }
        if (rule.access.kind !== 'permission') continue;
        if (!can(actor.role, rule.access.resource, rule.access.action)) {
          const res = await send(actor, method, concrete(sampleId), body);
          expectStatus(actor, label(concrete(sampleId)), res, [403]);
          continue;
        }
        if (idKind) {
          const ownId = targets!.own[idKind];
          if (rule.method === 'GET') {
            if (ownId) expectStatus(actor, `${label(concrete(ownId))} (own)`, await send(actor, method, concrete(ownId)), [200]);
            for (const id of targets!.foreign[idKind] ?? []) {
              expectStatus(actor, `${label(concrete(id))} (not theirs)`, await send(actor, method, concrete(id)), [404]);
            }
          } else {
            const last = rule.path.split('/').pop()!;
            const template = swapIds(templates.get(idKind) ?? {}, targets!.swap) as object;
            const writeBody = last === '{id}' ? (rule.method === 'DELETE' ? undefined : template) : ACTION_BODIES[last] ?? {};
            for (const id of targets!.foreignWrite[idKind] ?? []) {
              expectStatus(actor, `${label(concrete(id))} (not theirs)`, await send(actor, method, concrete(id), writeBody), [400, 403, 404]);
            }
          }
          continue;
        }
        // collections and other routes without an id
        if (rule.method === 'GET') {
          const res = await send(actor, method, concrete(''));
          expectStatus(actor, label(rule.path), res, [200]);
          continue;
        }
        if (rule.method === 'POST') {
          const kind = collectionKind(rule.path);
          const hostileCreate = kind && (['cases', 'sessions', 'scale-scores', 'exceptions', 'assignments'].includes(kind) || (kind === 'clients' && actor.role === 'admin'));
          if (hostileCreate && actor.key !== 'coach') {
            const template = { ...(swapIds(templates.get(kind) ?? {}, targets!.swap) as Record<string, unknown>) };
            delete template['id'];
            const res = await send(actor, method, rule.path, template);
            expectStatus(actor, `${label(rule.path)} naming a case or client that is not theirs`, res, [400, 404]);
          } else if (hostileCreate && actor.key === 'coach') {
            const template = { ...(templates.get(kind) ?? {}) };
            delete template['id'];
            const res = await send(actor, method, rule.path, template);
            expectStatus(actor, `${label(rule.path)} naming the therapist's case or client`, res, [400, 404]);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists only what each actor may see: no foreign row, no foreign getMany, no foreign case filter, no inflated total', async () => {
    const listFailures: string[] = [];
    for (const rule of rules) {
      const kind = collectionKind(rule.path);
      if (rule.method !== 'GET' || !kind || rule.access.kind !== 'permission') continue;
      for (const actor of ACTORS) {
        if (!actor.role || !actor.key || !can(actor.role, rule.access.resource, rule.access.action)) continue;
        const sql = invisibleIdsSql(kind);
        const invisible: string[] = (await t.dataSource.query(sql, [DEMO.practiceId, sessions.get(actor.key)!.userId, actor.role === 'admin']))
          .map((r: { id: string }) => r.id);
        const hidden = new Set(invisible);
        const all = await send(actor, 'get', `${rule.path}?range=${encodeURIComponent('[0,499]')}`);
        if (all.status !== 200 || !Array.isArray(all.body)) {
          listFailures.push(`${actor.name} GET ${rule.path}: ${all.status}`);
          continue;
        }
        const rows = all.body as Array<{ id: string }>;
        const leaked = rows.filter((r) => hidden.has(String(r.id)));
        if (leaked.length) listFailures.push(`${actor.name} GET ${rule.path}: ${leaked.length} rows not theirs`);
        const total = contentRangeTotal(all);
        if (total === null) listFailures.push(`${actor.name} GET ${rule.path}: no Content-Range total`);
        else if (total <= 500 && total !== rows.length) listFailures.push(`${actor.name} GET ${rule.path}: Content-Range total ${total} but ${rows.length} rows`);

        if (invisible.length > 0) {
          const ids = invisible.slice(0, 100).map((id) => (kind === 'audit-events' ? Number(id) : id));
          const many = await send(actor, 'get', `${rule.path}?filter=${encodeURIComponent(JSON.stringify({ id: ids }))}`);
          if (many.status === 200) {
            if ((many.body as unknown[]).length !== 0 || contentRangeTotal(many) !== 0) {
              listFailures.push(`${actor.name} GET ${rule.path} getMany of ${ids.length} hidden ids: ${(many.body as unknown[]).length} rows, total ${contentRangeTotal(many)}`);
            }
          } else if (many.status !== 400) listFailures.push(`${actor.name} GET ${rule.path} getMany of hidden ids: ${many.status}`);
        }
        const foreignCase = actor.role === 'admin' ? E.caseId : actor.key === 'therapist' ? DEMO.he.caseId : actor.key === 'coach' ? DEMO.chen.caseId : null;
        // (the audit trail is left out: it rightly keeps the practice's own attempts on ids that are not theirs)
        if (foreignCase && !['cases', 'users', 'exercises', 'audit-events'].includes(kind)) {
          const byCase = await send(actor, 'get', `${rule.path}?filter=${encodeURIComponent(JSON.stringify({ caseId: foreignCase }))}`);
          if (byCase.status === 200) {
            if ((byCase.body as unknown[]).length !== 0 || contentRangeTotal(byCase) !== 0) {
              listFailures.push(`${actor.name} GET ${rule.path} filtered on a case not theirs: ${(byCase.body as unknown[]).length} rows, total ${contentRangeTotal(byCase)}`);
            }
          } else if (![400, 404].includes(byCase.status)) listFailures.push(`${actor.name} GET ${rule.path} filtered on a case not theirs: ${byCase.status}`);
        }
      }
    }
    expect(listFailures).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('refuses every change without the X-XSRF-TOKEN header, whoever is signed in', async () => {
    const xsrfFailures: string[] = [];
    const therapistCookie = await t.anonymous('post', '/api/auth/login').send({ email: demoEmail('therapist'), password: 'attune-demo' });
    const cookie = ([] as string[]).concat(therapistCookie.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    for (const rule of rules) {
      if (rule.method === 'GET' || rule.access.kind === 'public') continue;
      const url = rule.path.replace('{id}', DEMO.chen.caseId);
      const res = await t.anonymous(rule.method.toLowerCase() as HttpMethod, url).set('Cookie', cookie).send({});
      tally.requests++;
      if (res.status !== 403) xsrfFailures.push(`${rule.method} ${url} without X-XSRF-TOKEN: ${res.status}`);
    }
    expect(xsrfFailures).toEqual([]);
  });
});
