import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { stableId } from '../common/stable-id.js';
import { demoCaseId } from '../seed/demo-seed.js';
import { createDemoTestApp, type DemoTestApp } from '../testing/test-app.js';
import { COMMITTED_DOCUMENT } from './committed-document.js';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
/** Inside the repository (git-ignored), so the generated client resolves openapi-fetch from node_modules. */
const OUT = path.join(ROOT, 'api/.openapi-client');

/**
 * What an integrator writes: a client typed by openapi-typescript from the committed document, calling
 * through openapi-fetch with a personal API token. Compiled with tsc --strict (a wrong path, parameter
 * or field fails the compile), then run against the API.
 */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { components, paths } from './attune-api';

export type Case = components['schemas']['Case'];

export function attune(baseUrl: string, token: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: 'Bearer ' + token } });
}
type Api = ReturnType<typeof attune>;

export async function openCases(api: Api): Promise<{ titles: string[]; stages: number[]; contentRange: string | null }> {
  const { data, error, response } = await api.GET('/api/cases', {
    // react-admin's list parameters are JSON-encoded query values (OpenAPI \`content: application/json\`)
    params: { query: { filter: JSON.stringify({ status: 'open' }), sort: JSON.stringify(['title', 'ASC']), range: JSON.stringify([0, 9]) } },
  });
  if (error) throw new Error(error.code + ': ' + error.message);
  const cases: Case[] = data;
  return { titles: cases.map((c) => c.title), stages: cases.map((c) => c.stage), contentRange: response.headers.get('content-range') };
}

export async function latestScores(api: Api, caseId: string): Promise<Array<{ client: string; latest: number | null; points: number }>> {
  const { data, error } = await api.GET('/api/cases/{id}/progress', { params: { path: { id: caseId } } });
  if (error) throw new Error(error.code);
  return data.series.map((s) => ({ client: s.displayName, latest: s.points.at(-1)?.score ?? null, points: s.points.length }));
}

export async function submitHomework(api: Api, id: string, key: string): Promise<{ status: string; submittedAt: string | null; answered: string[] }> {
  const detail = await api.GET('/api/me/assignments/{id}', { params: { path: { id } } });
  if (detail.error) throw new Error(detail.error.code);
  const response: Record<string, unknown> = {};
  for (const field of detail.data.exercise.fields) {
    response[field.name] = field.kind === 'list' ? Array.from({ length: field.minItems }, (_, i) => 'Step ' + (i + 1)) : 'Through our own app';
  }
  const { data, error } = await api.POST('/api/me/assignments/{id}/submit', {
    params: { path: { id }, header: { 'Idempotency-Key': key } },
    body: { response },
  });
  if (error) throw new Error(error.code + ': ' + JSON.stringify(error.errors));
  return { status: data.status, submittedAt: data.submittedAt, answered: Object.keys(data.response ?? {}) };
}

export async function refusedWrite(api: Api, caseId: string): Promise<string | undefined> {
  const { error } = await api.POST('/api/cases/{id}/transitions', { params: { path: { id: caseId } }, body: { toStage: 5, reason: 'From an integration' } });
  return error?.code;
}

// The types are real: these do not compile.
export function wrongOnPurpose(api: Api) {
  // @ts-expect-error a path the API does not have
  void api.GET('/api/patients');
  // @ts-expect-error the id is named id
  void api.GET('/api/cases/{id}', { params: { path: { caseId: 'x' } } });
  // @ts-expect-error a stage is 1-6
  const stage: Case['stage'] = 7;
  return stage;
}
`;

describe('a client generated from the committed document (openapi-typescript + openapi-fetch)', () => {
  let demo: DemoTestApp;
  let client: {
    attune(baseUrl: string, token: string): unknown;
    openCases(api: unknown): Promise<{ titles: string[]; stages: number[]; contentRange: string | null }>;
    latestScores(api: unknown, caseId: string): Promise<Array<{ client: string; latest: number | null; points: number }>>;
    submitHomework(api: unknown, id: string, key: string): Promise<{ status: string; submittedAt: string | null; answered: string[] }>;
    refusedWrite(api: unknown, caseId: string): Promise<string | undefined>;
  };
  let baseUrl: string;

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    await run(path.join(ROOT, 'api/node_modules/.bin/openapi-typescript'), [COMMITTED_DOCUMENT, '-o', path.join(OUT, 'attune-api.d.ts')]);
    fs.writeFileSync(path.join(OUT, 'client.ts'), CLIENT);
    fs.writeFileSync(path.join(OUT, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noUncheckedIndexedAccess: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', types: [], skipLibCheck: true, outDir: 'out' },
      files: ['client.ts'],
    }));
    await run(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', OUT]).catch((error: { stdout?: string }) => {
      throw new Error(`the generated client does not compile:\n${error.stdout}`);
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    client = require(path.join(OUT, 'out/client.js'));

    demo = await createDemoTestApp('generated_client');
    await demo.t.app.listen(0, '127.0.0.1');
    baseUrl = await demo.t.app.getUrl();
  }, 120_000);
  afterAll(() => demo?.t.close());

  const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

  it('lists cases and reads a case\'s progress with a practitioner\'s read token', async () => {
    const { body: token } = await demo.therapist.post('/api/me/api-tokens', { name: 'Generated client', scopes: ['cases:read'], expiresAt: inAMonth() });
    const api = client.attune(baseUrl, token.token);
    const cases = await client.openCases(api);
    expect(cases.titles).toEqual([...cases.titles].sort((a, b) => a.localeCompare(b)));
    expect(cases.titles).toEqual(expect.arrayContaining([expect.stringMatching(/^Chen Jing/), expect.stringMatching(/^Liu Jia/), expect.stringMatching(/Zhao Lei/)]));
    expect(cases.stages.every((s) => s >= 1 && s <= 6)).toBe(true);
    expect(cases.contentRange).toMatch(/^cases 0-\d+\/3$/);

    const progress = await client.latestScores(api, demoCaseId('couple'));
    expect(progress.map((p) => p.client).sort()).toEqual(['Zhao Lei', 'Zhou Ting']);
    expect(progress.every((p) => p.points > 3 && p.latest !== null)).toBe(true);

    // the scope is read: the same client cannot move a stage
    expect(await client.refusedWrite(api, demoCaseId('chen'))).toBe('TOKEN_SCOPE');
  });

  it('submits homework with a client\'s own token (homework is submitted by its client only)', async () => {
    const { body: token } = await demo.client.post('/api/me/api-tokens', { name: 'Journal app', scopes: ['me:read', 'me:write'], expiresAt: inAMonth() });
    const api = client.attune(baseUrl, token.token);
    const homework = stableId('demo:assignment:chen:9');
    const submitted = await client.submitHomework(api, homework, 'generated-client-1');
    expect(submitted.status).toBe('submitted');
    expect(Date.parse(submitted.submittedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const [row] = await demo.t.owner.query(`SELECT status, response FROM assignments WHERE id = $1`, [homework]);
    expect(row.status).toBe('submitted');
    expect(Object.keys(row.response).sort()).toEqual([...submitted.answered].sort());
    // a retry with the same key answers the first result
    expect((await client.submitHomework(api, homework, 'generated-client-1')).submittedAt).toBe(submitted.submittedAt);
  });
});
