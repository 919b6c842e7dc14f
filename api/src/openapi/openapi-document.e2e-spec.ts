import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { COMMITTED_DOCUMENT, serialise } from './committed-document.js';

const REDOCLY = path.resolve(__dirname, '../../../node_modules/.bin/redocly');
const REDOCLY_CONFIG = path.resolve(__dirname, '../../../docs/redocly.yaml');


/** The environment without FORCE_COLOR (Nx sets it), which would make Node warn that NO_COLOR is ignored. */
function withoutForcedColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _forced, ...rest } = env;
  return rest;
}

type Parameter = { name: string; in: string; schema?: Record<string, unknown>; content?: Record<string, { schema?: Record<string, unknown> }> };

/** The routes a personal API token always gets 403 TOKEN_SCOPE on (@SignedIn without @AllowApiToken): the session cookie only. */
const SESSION_ONLY = [
  'GET /api/me/api-tokens', 'POST /api/me/api-tokens', 'DELETE /api/me/api-tokens/{id}',
  'POST /api/auth/password', 'GET /api/auth/totp', 'POST /api/auth/totp/enrol', 'POST /api/auth/totp/confirm', 'POST /api/auth/totp/disable',
  'GET /api/me/notifications', 'POST /api/me/notifications/{id}/read', 'GET /api/me/notification-settings', 'PUT /api/me/notification-settings',
];

describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp('openapi_document');
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    served = res.body;
    // `UPDATE_OPENAPI=1` (npm run openapi:write -w api) rewrites the committed file from the served one
    if (process.env['UPDATE_OPENAPI'] === '1') fs.writeFileSync(COMMITTED_DOCUMENT, serialise(served));
  });
  afterAll(() => t.close());

  it('is the committed docs/openapi.json (regenerate with `npm run openapi:write -w api`)', () => {
    const committed = fs.readFileSync(COMMITTED_DOCUMENT, 'utf8');
    expect(serialise(served)).toBe(committed);
  });

  it('passes redocly lint with the recommended rules, without an error or a warning', async () => {
    const file = path.join(fs.mkdtempSync(path.join(process.env['TMPDIR'] ?? '/tmp', 'openapi-')), 'openapi.json');
    fs.writeFileSync(file, serialise(served));
    const run = await promisify(execFile)(REDOCLY, ['lint', '--config', REDOCLY_CONFIG, '--format', 'summary', file], { env: { ...withoutForcedColour(process.env), NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } })
      .catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: `${error.stderr ?? ''}\nFAILED` }));
    // redocly's own report only: Node's process warnings ("(node:…) Warning: …") are not the document's
    const output = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => !/^\(node:\d+\) |^\(Use `node --trace-warnings/.test(line)).join('\n');
    expect(output).not.toContain('FAILED');
    expect(output).toMatch(/valid/i);
    expect(output).not.toMatch(/warning/i);
  });

  it('documents every operation: a summary, a tag, a success schema, its errors with one error schema, its security', () => {
    const operations = Object.entries(served['paths'] as Record<string, Record<string, any>>).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => ({ id: `${m.toUpperCase()} ${p}`, method: m, path: p, op })));
    expect(operations.length).toBeGreaterThanOrEqual(71);
    for (const { id, method, path: route, op } of operations) {
      expect([id, typeof op.summary]).toEqual([id, 'string']);
      expect([id, op.tags?.length]).toEqual([id, 1]);
      const success = Object.entries(op.responses as Record<string, any>).filter(([status]) => status.startsWith('2'));
      expect([id, success.length]).toEqual([id, 1]);
      const [status, answer] = success[0]!;
      if (status !== '204') expect([id, Object.values(answer.content ?? {}).every((c: any) => c.schema)]).toEqual([id, true]);
      expect([id, Object.keys(answer.headers ?? {})]).toEqual([id, expect.arrayContaining(['X-Correlation-Id'])]);
      expect([id, op.responses['503']]).toEqual([id, { $ref: '#/components/responses/ServiceUnavailable' }]);
      expect(Array.isArray(op.security)).toBe(true);
      if (op.security.length > 0 && route !== '/api/metrics') {
        expect([id, op.responses['401'], op.responses['403']]).toEqual([id, { $ref: '#/components/responses/Unauthenticated' }, { $ref: '#/components/responses/Forbidden' }]);
        expect([id, op.security[0]]).toEqual([id, method === 'get' ? { session: [] } : { session: [], xsrf: [] }]);
        // a personal API token is documented where the guard takes one: never on the session-only routes
        expect([id, op.security.slice(1)]).toEqual([id, SESSION_ONLY.includes(id) ? [] : [{ bearer: [] }]]);
      }
      for (const parameter of op.parameters ?? []) {
        // ids are UUIDs; a key, a slug or a feed's file name says its own pattern
        if (parameter.in === 'path' && ['key', 'slug', 'file'].includes(parameter.name)) expect([id, parameter.name, typeof parameter.schema.pattern]).toEqual([id, parameter.name, 'string']);
        else if (parameter.in === 'path' && route !== '/api/audit-events/{id}') expect([id, parameter.schema]).toEqual([id, { type: 'string', format: 'uuid' }]);
      }
    }
    // every parameter says its shape: a schema, or (JSON-encoded values) a media type with one; never `{}`
    const parameters = operations.flatMap(({ id, op }) => ((op.parameters ?? []) as Parameter[]).map((p) => ({ id, name: p.name, schema: p.schema ?? p.content?.['application/json']?.schema })));
    expect(parameters.length).toBeGreaterThan(100);
    expect(parameters.filter((p) => p.schema === undefined || Object.keys(p.schema).length === 0).map((p) => `${p.id} ${p.name}`)).toEqual([]);
    const csvExports = operations.filter(({ path: route }) => route.endsWith('/export.csv'));
    expect(csvExports.length).toBe(6);
    for (const { id, op } of csvExports) {
      const json = (name: string) => (op.parameters as Parameter[]).find((p) => p.name === name)?.content?.['application/json']?.schema;
      expect([id, json('sort')?.['prefixItems']]).toEqual([id, [{ type: 'string', enum: expect.any(Array) }, { type: 'string', enum: ['ASC', 'DESC'] }]]);
      expect([id, json('filter')?.['additionalProperties']]).toEqual([id, false]);
    }
    const withoutBearer = operations.filter(({ path: route, op }) => op.security.length > 0 && route !== '/api/metrics' && !op.security.some((s: Record<string, unknown>) => 'bearer' in s));
    expect(withoutBearer.map(({ id }) => id).sort()).toEqual([...SESSION_ONLY].sort());
    const lists = operations.filter(({ op }) => (op.parameters ?? []).some((p: any) => p.name === 'range'));
    expect(lists.length).toBeGreaterThanOrEqual(10);
    for (const { id, op } of lists) {
      expect([id, Object.keys(op.responses['200'].headers)]).toEqual([id, expect.arrayContaining(['Content-Range'])]);
      const sort = op.parameters.find((p: any) => p.name === 'sort');
      expect(sort.content['application/json'].schema.prefixItems[1].enum).toEqual(['ASC', 'DESC']);
    }
    expect(served['servers']).toEqual([{ url: '/', description: 'This server' }]);
    expect(JSON.stringify(served)).not.toMatch(/SELECT|JOIN|practice_id/);
  });
});
