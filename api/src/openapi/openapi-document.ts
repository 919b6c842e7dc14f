import { type INestApplication, Logger } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule, type SwaggerDocumentOptions } from '@nestjs/swagger';
import { apiErrorSchema } from '@attune/domain';
import { z } from 'zod';
import { LIST_EXTENSION } from './api-answer.decorator.js';
import { PUBLIC_EXTENSION, SIGNED_IN_EXTENSION, TOKEN_ALLOWED_EXTENSION, sessionOnly } from '../common/access.decorators.js';

type Json = Record<string, unknown>;
type StandardSchemaConverter = NonNullable<SwaggerDocumentOptions['standardSchemaConverter']>;
type Operation = Json & { parameters?: Json[]; responses?: Record<string, Json>; requestBody?: Json; security?: Array<Record<string, string[]>> };

/** The names of the security schemes, as operations list them. */
export const SECURITY = { session: 'session', xsrf: 'xsrf', bearer: 'bearer', metrics: 'metricsToken' } as const;

/** Whether `Authorization: Bearer` personal API tokens are accepted (documented on every signed-in route but the session-only ones). */
export const BEARER_TOKENS = true;

const TAGS: Array<[name: string, description: string]> = [
  ['auth', 'Signing in and out, the signed-in account, password and two-step sign-in'],
  ['api-tokens', 'Personal API tokens for integrations: `Authorization: Bearer`, narrowed to scopes'],
  ['users', 'The practice\'s accounts (admins)'],
  ['clients', 'The people a practice works with'],
  ['cases', 'Cases, their stage moves, progress and exception patterns'],
  ['sessions', 'Sessions with their notes, signatures and addenda'],
  ['scale-scores', 'Ratings on the 1-10 scale'],
  ['exceptions', 'The exception log: moments the problem was less severe or absent'],
  ['exercises', 'The exercise library: built-in and the practice\'s own'],
  ['assignments', 'Homework as staff see it'],
  ['dashboard', 'The caseload at a glance'],
  ['audit-events', 'The audit trail (admins, read-only)'],
  ['me', 'The client portal: the caller\'s own homework, entries and progress'],
  ['health', 'Liveness and readiness'],
  ['operations', 'Metrics for operators'],
];

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Bad input: `errors` names each bad field (VALIDATION, or a rule of the domain)',
  '401': 'Not signed in, or the session or token ended (UNAUTHENTICATED)',
  '403': 'Not allowed: the role, a token\'s scopes (TOKEN_SCOPE), a missing X-XSRF-TOKEN header (XSRF_REJECTED) two-step sign-in still to set up (TOTP_ENROLMENT_REQUIRED) or a new password an admin asked for (PASSWORD_CHANGE_REQUIRED)',
  '404': 'No such record, or one the caller may not see (NOT_FOUND)',
  '409': 'The record\'s state forbids it: a signed note, a newer version, a closed case… (the code says which)',
  '413': 'The body is larger than 1 MB (BODY_TOO_LARGE)',
  '422': 'The Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED)',
  '429': 'Too many requests or failed sign-ins: try again after Retry-After seconds (RATE_LIMITED, SIGN_IN_DELAYED)',
  '503': 'The database is unreachable or the server is busy: try again after Retry-After seconds (SERVICE_UNAVAILABLE, BUSY)',
};

const ERROR_RESPONSE_NAMES: Record<string, string> = {
  '400': 'BadRequest', '401': 'Unauthenticated', '403': 'Forbidden', '404': 'NotFound', '409': 'Conflict',
  '413': 'BodyTooLarge', '422': 'IdempotencyKeyReused', '429': 'TooManyRequests', '503': 'ServiceUnavailable',
};

const CORRELATION_HEADER = {
  'X-Correlation-Id': { description: 'The request\'s correlation id, as logged: quote it to support', schema: { type: 'string' } },
};
const RETRY_AFTER_HEADER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } };
const CONTENT_RANGE_HEADER = {
  'Content-Range': {
    description: 'Which rows of how many: `<resource> <first>-<last>/<total>`',
    schema: { type: 'string', pattern: '^[a-z-]+ \\d+-\\d+/\\d+$' },
  },
};

/**
 * libs' zod schemas as JSON Schema 2020-12 (the dialect of OpenAPI 3.1): a schema with an `id` in
 * its metadata becomes a component referenced by name, so every contract type appears once.
 */
export const zodToOpenApi: StandardSchemaConverter = (schema, { schemaType }) => {
  if (!(schema instanceof z.ZodType)) return undefined;
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io: schemaType, unrepresentable: 'any' });
  const json = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  const { $defs, $schema: _dialect, ...root } = json;
  return { schema: root, components: ($defs ?? {}) as Record<string, Json> };
};

/** The OpenAPI 3.1 document of every route, served at /api/docs-json and committed as docs/openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Attune API')
    .setDescription([
      'Case management for solution-focused attachment repair.',
      '',
      'Sign in with `POST /api/auth/login`: the answer sets the `attune_session` cookie and a readable `XSRF-TOKEN` cookie; every `POST`, `PUT`, `PATCH` and `DELETE` then sends the header `X-XSRF-TOKEN` equal to it.',
      'Integrations send a personal API token instead (`Authorization: Bearer att_…`, created at `POST /api/me/api-tokens`): no cookie, no XSRF header, the owner\'s access narrowed to the token\'s scopes.',
      '',
      'Lists follow react-admin\'s simple REST: `sort`, `range` and `filter` are JSON-encoded query values; the answer is the array and `Content-Range` says which rows of how many. Every error carries a stable `code`.',
    ].join('\n'))
    .setVersion('1')
    .setLicense('Proprietary', 'https://attune.invalid/licence')
    .addServer('/', 'This server')
    .addCookieAuth('attune_session', { type: 'apiKey', in: 'cookie', name: 'attune_session', description: 'The session cookie set by POST /api/auth/login' }, SECURITY.session)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-XSRF-TOKEN', description: 'The value of the XSRF-TOKEN cookie, on every change made with the session cookie' }, SECURITY.xsrf)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A personal API token (att_…), narrowed to its scopes' }, SECURITY.bearer)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for a scraper that is not on the loopback' }, SECURITY.metrics);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { standardSchemaConverter: zodToOpenApi, autoTagControllers: false });
  return completeDocument(document);
}

/** Adds what the decorators do not say: errors, security, id formats, headers; and checks every operation answers something. */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {}) as Record<string, Json>;
  const errorJson = zodToOpenApi(apiErrorSchema, { schemaType: 'output' })!;
  Object.assign(schemas, errorJson.components ?? {});
  const errorRef = errorJson.schema as { $ref: string };
  // one response object per error status, referenced by every operation that can answer it
  components.responses = Object.fromEntries(Object.entries(ERROR_RESPONSE_NAMES).map(([status, name]) => [name, {
    description: ERROR_DESCRIPTIONS[status] ?? status,
    headers: { ...CORRELATION_HEADER, ...(status === '429' || status === '503' ? RETRY_AFTER_HEADER : {}) },
    content: { 'application/json': { schema: errorRef } },
  }]));

  const undocumented: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      const op = value;
      const isPublic = op[PUBLIC_EXTENSION] === true;
      const isList = op[LIST_EXTENSION] === true;
      const cookieOnly = sessionOnly({ signedIn: op[SIGNED_IN_EXTENSION] === true, tokenAllowed: op[TOKEN_ALLOWED_EXTENSION] === true });
      for (const extension of [PUBLIC_EXTENSION, LIST_EXTENSION, SIGNED_IN_EXTENSION, TOKEN_ALLOWED_EXTENSION]) Reflect.deleteProperty(op, extension);
      const mutation = method !== 'get' && method !== 'head';

      for (const parameter of op.parameters ?? []) {
        if (parameter['in'] === 'path') {
          const schema = (parameter['schema'] ?? {}) as Json;
          if (!schema['pattern'] && !schema['format']) parameter['schema'] = { type: 'string', format: 'uuid' };
          parameter['description'] ??= 'The record\'s id';
        }
        if (parameter['in'] === 'query' && ['sort', 'range', 'filter'].includes(String(parameter['name'])) && parameter['schema']) {
          // JSON-encoded values: OpenAPI says so with `content` rather than `schema`
          parameter['content'] = { 'application/json': { schema: parameter['schema'] } };
          delete parameter['schema'];
        }
        if (parameter['in'] === 'header' && parameter['name'] === 'Idempotency-Key') {
          parameter['schema'] = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' };
        }
      }

      const responses = (op.responses ??= {});
      const success = Object.entries(responses).filter(([status]) => status.startsWith('2'));
      if (success.length === 0 || success.some(([status, r]) => status !== '204' && status !== '202' && !r['content'])) undocumented.push(`${method.toUpperCase()} ${path}`);
      for (const [, response] of success) {
        response['headers'] = { ...(response['headers'] as Json | undefined), ...CORRELATION_HEADER, ...(isList ? CONTENT_RANGE_HEADER : {}) };
      }

      const hasInput = (op.parameters ?? []).length > 0 || op.requestBody !== undefined;
      const statuses = new Set<string>(['429', '503']);
      if (hasInput || mutation) statuses.add('400');
      if (!isPublic) ['401', '403'].forEach((s) => statuses.add(s));
      if (path.includes('{')) statuses.add('404');
      // writes can meet a state that forbids them; a read only when its route says so (@ApiResponse 409)
      if ((mutation && !isPublic) || responses['409'] !== undefined) statuses.add('409');
      if (op.requestBody !== undefined || mutation) statuses.add('413');
      if ((op.parameters ?? []).some((p) => p['name'] === 'Idempotency-Key')) statuses.add('422');
      for (const status of [...statuses].sort()) responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSE_NAMES[status]}` };

      if (path === '/api/metrics') op.security = [{}, { [SECURITY.metrics]: [] }];
      else if (isPublic) op.security = [];
      else {
        const cookie: Record<string, string[]> = mutation ? { [SECURITY.session]: [], [SECURITY.xsrf]: [] } : { [SECURITY.session]: [] };
        op.security = BEARER_TOKENS && !cookieOnly ? [cookie, { [SECURITY.bearer]: [] }] : [cookie];
      }
    }
  }
  // the app still starts (a route merged without it must not stop it); the document's own test fails
  if (undocumented.length > 0) new Logger('OpenAPI').warn(`no success answer documented for ${undocumented.join(', ')} (add @ApiAnswer or @ApiNoContent)`);
  return document;
}
