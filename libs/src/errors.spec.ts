import { z } from 'zod';
import {
  DOMAIN_ERROR_CODES,
  DOMAIN_ERROR_HTTP_STATUS,
  DomainError,
  humanIssueMessage,
  isDomainError,
  validationError,
  zodIssuesToFields,
} from './errors.js';

function fieldsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return zodIssuesToFields(result.error);
}

describe('DomainError', () => {
  it('carries a code, a message and the offending fields', () => {
    const error = new DomainError('NOTE_SIGNED', 'This note is signed', { note: 'is signed' });
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('NOTE_SIGNED');
    expect(error.message).toBe('This note is signed');
    expect(error.fields).toEqual({ note: 'is signed' });
  });

  it('is not confused with an ordinary error', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
  });

  it('has an HTTP status for every code', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      expect(DOMAIN_ERROR_HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
    }
    expect(DOMAIN_ERROR_HTTP_STATUS.NOT_FOUND).toBe(404);
    expect(DOMAIN_ERROR_HTTP_STATUS.FORBIDDEN).toBe(403);
    expect(DOMAIN_ERROR_HTTP_STATUS.VALIDATION).toBe(400);
    expect(DOMAIN_ERROR_HTTP_STATUS.VERSION_CONFLICT).toBe(409);
    expect(DOMAIN_ERROR_HTTP_STATUS.RATE_LIMITED).toBe(429);
    expect(DOMAIN_ERROR_HTTP_STATUS.SERVICE_UNAVAILABLE).toBe(503);
    expect(DOMAIN_ERROR_CODES).toEqual(
      expect.arrayContaining([
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
        'RATE_LIMITED',
        'SERVICE_UNAVAILABLE',
      ]),
    );
  });
});

describe('zodIssuesToFields', () => {
  it('keys nested issues by their dotted path', () => {
    const schema = z.object({ actions: z.array(z.string().min(1, 'must not be empty')) });
    expect(fieldsOf(schema, { actions: ['hug', 'walk', 'tea', ''] })).toEqual({ 'actions.3': 'must not be empty' });
  });

  it('puts issues about the whole input under _root', () => {
    expect(fieldsOf(z.object({ a: z.string() }), 'not an object')).toEqual({ _root: 'must be an object' });
    const refined = z.object({ a: z.number() }).refine(() => false, 'does not add up');
    expect(fieldsOf(refined, { a: 1 })).toEqual({ _root: 'does not add up' });
  });

  it('says a missing field is required', () => {
    expect(fieldsOf(z.object({ title: z.string() }), {})).toEqual({ title: 'is required' });
  });

  it("rewrites zod's default messages in plain words", () => {
    const schema = z.object({
      list: z.array(z.string()).min(10),
      longList: z.array(z.string()).max(1),
      name: z.string().min(3),
      short: z.string().max(2),
      count: z.number().min(1),
      top: z.number().max(5),
      kind: z.enum(['individual', 'couple']),
      email: z.email(),
      id: z.guid(),
      flag: z.boolean(),
      step: z.number().multipleOf(0.5),
      when: z.iso.datetime(),
    });
    expect(
      fieldsOf(schema, {
        list: [],
        longList: ['a', 'b'],
        name: 'ab',
        short: 'abc',
        count: 0,
        top: 6,
        kind: 'triple',
        email: 'nope',
        id: 'nope',
        flag: 'yes',
        step: 0.3,
        when: 'yesterday',
      }),
    ).toEqual({
      list: 'must have at least 10 items',
      longList: 'must have at most 1 item',
      name: 'must be at least 3 characters long',
      short: 'must be at most 2 characters long',
      count: 'must be at least 1',
      top: 'must be at most 5',
      kind: 'must be one of: individual, couple',
      email: 'must be a valid email address',
      id: 'must be a UUID',
      flag: 'must be true or false',
      step: 'must be a multiple of 0.5',
      when: expect.stringContaining('ISO 8601'),
    });
  });

  it('keeps messages a schema gives itself', () => {
    const schema = z.object({ score: z.number().min(1, 'must be between 1 and 10 in steps of 0.5') });
    expect(fieldsOf(schema, { score: 0 })).toEqual({ score: 'must be between 1 and 10 in steps of 0.5' });
  });

  it('names each unknown key of a strict object', () => {
    expect(fieldsOf(z.strictObject({ a: z.string() }), { a: 'x', b: 1, c: 2 })).toEqual({
      b: 'is not a recognised field',
      c: 'is not a recognised field',
    });
  });

  it('keeps the first message when a field has several issues', () => {
    const schema = z.object({ name: z.string().min(3, 'first').regex(/^x/, 'second') });
    expect(fieldsOf(schema, { name: 'a' })).toEqual({ name: 'first' });
  });

  it('makes a VALIDATION domain error from a zod error', () => {
    const result = z.object({ a: z.string() }).safeParse({});
    if (result.success) throw new Error('expected failure');
    const error = validationError(result.error);
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({ a: 'is required' });
  });

  it('says something readable for every issue code', () => {
    const result = z.union([z.string(), z.number()]).safeParse(true);
    if (result.success) throw new Error('expected failure');
    expect(humanIssueMessage(result.error.issues[0]!)).toBe('is not in an accepted form');
  });
});
