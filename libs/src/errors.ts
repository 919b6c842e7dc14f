import type { z } from 'zod';

/** Every error code the domain raises. The API maps each one to an HTTP status in one place. */
export const DOMAIN_ERROR_CODES = [
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'VALIDATION',
  'NOTE_SIGNED',
  'BUILT_IN_READ_ONLY',
  'INVALID_STATUS_TRANSITION',
  'TRANSITION_SAME_STAGE',
  'TRANSITION_NEW_CYCLE_ONLY_FROM_6',
  'VERSION_CONFLICT',
  'LAST_ACTIVE_ADMIN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'CLIENT_AUTHORED',
  'CASE_CLOSED',
  'CASE_NOT_CLOSED',
  'SCHEDULE_CONFLICT',
  'OUTSIDE_WORKING_HOURS',
  'OUTSIDE_CHANGE_POLICY',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * The HTTP status each domain error code answers with. A `Record` over the union, so adding a code
 * without a status breaks the build here rather than surfacing as a 500 later.
 */
export const DOMAIN_ERROR_HTTP_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 400,
  NOTE_SIGNED: 409,
  BUILT_IN_READ_ONLY: 409,
  INVALID_STATUS_TRANSITION: 409,
  TRANSITION_SAME_STAGE: 400,
  TRANSITION_NEW_CYCLE_ONLY_FROM_6: 400,
  VERSION_CONFLICT: 409,
  LAST_ACTIVE_ADMIN: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  CLIENT_AUTHORED: 409,
  CASE_CLOSED: 409,
  CASE_NOT_CLOSED: 409,
  SCHEDULE_CONFLICT: 409,
  OUTSIDE_WORKING_HOURS: 409,
  OUTSIDE_CHANGE_POLICY: 409,
};

/** The figures and names a code's text needs (the other appointment's title and time, a notice in hours), never clinical text. */
export type ErrorParams = Record<string, string | number>;

/**
 * A rule of the domain was broken. `fields` names the offending inputs, keyed by field path;
 * `params` are what the web app needs to word the code in the reader's language.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fields?: Record<string, string>;
  readonly params?: ErrorParams;

  constructor(code: DomainErrorCode, message: string, fields?: Record<string, string>, params?: ErrorParams) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (fields !== undefined) this.fields = fields;
    if (params !== undefined) this.params = params;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** The key under which issues about the whole input (not one field) are reported. */
export const ROOT_FIELD_KEY = '_root';

/** Zod's own (English) default messages start like this; ours never do. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized key)/;

type Issue = z.core.$ZodIssue;

function plural(n: number | bigint, one: string, many: string): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  bigint: 'a whole number',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'a valid email address',
  uuid: 'a UUID',
  guid: 'a UUID',
  datetime: 'a date and time in ISO 8601 format with a time zone, e.g. 2026-03-01T09:30:00Z',
  date: 'a date in the form YYYY-MM-DD',
  time: 'a time in the form HH:MM',
  url: 'a valid URL',
};

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && Number(bound) === 1) return 'is required';
      return small
        ? `must be at least ${plural(bound, 'character', 'characters')} long`
        : `must be at most ${plural(bound, 'character', 'characters')} long`;
    case 'array':
    case 'set':
      return small
        ? `must have at least ${plural(bound, 'item', 'items')}`
        : `must have at most ${plural(bound, 'item', 'items')}`;
    case 'number':
    case 'int':
    case 'bigint':
      if (small) return inclusive ? `must be at least ${bound}` : `must be greater than ${bound}`;
      return inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
    case 'date':
      return small ? 'is too early' : 'is too late';
    default:
      return small ? 'is too small' : 'is too large';
  }
}

/** A message a person can act on, naming what is wrong (the field itself is the key). */
export function humanIssueMessage(issue: Issue): string {
  if (issue.message && !ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined$/.test(issue.message)) return 'is required';
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (/received null$/.test(issue.message)) return `must not be empty (expected ${expected})`;
      return `must be ${expected}`;
    }
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_format': {
      if (issue.format === 'regex') return 'has an invalid format';
      if (issue.format === 'lowercase') return 'must be in lower case';
      return `must be ${FORMAT_NAMES[issue.format] ?? `a valid ${issue.format}`}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'is not a recognised field';
    case 'invalid_union':
      return 'is not in an accepted form';
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid value';
    default:
      return 'is invalid';
  }
}

function pathKey(path: readonly PropertyKey[]): string {
  return path.length === 0 ? ROOT_FIELD_KEY : path.map((p) => String(p)).join('.');
}

/**
 * Adds `message` under `field` unless the field already has one (the first issue wins). Own
 * properties only: a field named after a member of `Object.prototype` (`toString`, `constructor`,
 * `__proto__`) is reported like any other, never taken as already present nor lost in the prototype.
 */
export function addFieldError(fields: Record<string, string>, field: string, message: string): void {
  if (Object.hasOwn(fields, field)) return;
  Object.defineProperty(fields, field, { value: message, enumerable: true, writable: true, configurable: true });
}

/**
 * Turns a zod error into `{ "field.path": "what is wrong" }`, e.g. `{ "actions": "must have at least
 * 10 items", "actions.3": "is required" }`. Issues about the whole input go under `_root`. An unknown
 * key is reported under its own name. The first issue for a path wins.
 */
export function zodIssuesToFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (key: string, message: string): void => addFieldError(fields, key, message);
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) put(pathKey([...issue.path, key]), humanIssueMessage(issue));
      continue;
    }
    put(pathKey(issue.path), humanIssueMessage(issue));
  }
  return fields;
}

/** A DomainError with code VALIDATION carrying the field messages of a zod error. */
export function validationError(error: z.ZodError, message = 'Some fields need attention'): DomainError {
  return new DomainError('VALIDATION', message, zodIssuesToFields(error));
}
