import { builtInExercise } from './exercises/catalogue.js';
import { validateExerciseResponse } from './exercises/exercise-fields.js';
import {
  deepDescriptionFromResponse,
  pickDescribedException,
  EXCEPTION_TAG_SUGGESTIONS,
  caseExceptionInputSchema,
  clientExceptionInputSchema,
  exceptionFromLogResponse,
  normaliseTags,
  occurredAtFromDateValue,
} from './exceptions.js';

const CASE_ID = '00000000-0000-0000-0000-0000000000c1';
const CLIENT_ID = '3f0b2a4e-9c1d-4e5f-8a7b-6c5d4e3f2a1b';

const valid = {
  caseId: CASE_ID,
  clientId: CLIENT_ID,
  occurredAt: '2026-03-07T10:30:00+08:00',
  context: '  We went grocery shopping together  ',
  behavior: 'I asked what he wanted to cook',
  tags: ['Shared Activity', ' shared activity ', 'routine'],
};

function firstIssue(input: unknown): { path: string; message: string } | undefined {
  const issue = caseExceptionInputSchema.safeParse(input).error?.issues[0];
  return issue && { path: issue.path.join('.'), message: issue.message };
}

describe('caseExceptionInputSchema', () => {
  it('accepts an exception, trimming text and tidying tags', () => {
    expect(caseExceptionInputSchema.parse(valid)).toEqual({
      ...valid,
      context: 'We went grocery shopping together',
      tags: ['shared activity', 'routine'],
    });
  });

  it('accepts the deep description, significance and null for empty texts', () => {
    const parsed = caseExceptionInputSchema.parse({
      ...valid,
      thoughts: null,
      deep: { bodily: 'Shoulders dropped', capacity: 'We can be playful', ifMoreOften: 'We would talk again' },
      significant: true,
    });
    expect(parsed.deep?.bodily).toBe('Shoulders dropped');
    expect(parsed.thoughts).toBeNull();
    expect(parsed.significant).toBe(true);
  });

  it('defaults tags to none', () => {
    const { tags: _tags, ...noTags } = valid;
    expect(caseExceptionInputSchema.parse(noTags).tags).toEqual([]);
  });

  it.each([
    [{ caseId: 'case-1' }, 'caseId', 'must be a UUID'],
    [{ clientId: undefined }, 'clientId', 'is required'],
    [{ occurredAt: '2026-03-07' }, 'occurredAt', expect.stringContaining('time zone')],
    [{ occurredAt: '2026-03-07T10:30:00' }, 'occurredAt', expect.stringContaining('time zone')],
    [{ context: '   ' }, 'context', 'is required'],
    [{ context: 'x'.repeat(4001) }, 'context', 'must be at most 4000 characters long'],
    [{ behavior: 'x'.repeat(4001) }, 'behavior', 'must be at most 4000 characters long'],
    [{ meaning: 'x'.repeat(4001) }, 'meaning', 'must be at most 4000 characters long'],
    [{ tags: ['x'.repeat(41)] }, 'tags.0', 'must be at most 40 characters long'],
    [{ tags: ['  '] }, 'tags.0', 'must not be empty'],
    [{ tags: Array.from({ length: 13 }, (_, i) => `tag${i}`) }, 'tags', 'must have at most 12 tags'],
    [{ deep: { bodily: 'x'.repeat(4001) } }, 'deep.bodily', 'must be at most 4000 characters long'],
    [{ significant: 'yes' }, 'significant', 'must be true or false'],
  ])('rejects %j', (change, path, message) => {
    expect(firstIssue({ ...valid, ...change })).toEqual({ path, message });
  });

  it('allows twelve tags', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `tag${i}`);
    expect(caseExceptionInputSchema.parse({ ...valid, tags: twelve }).tags).toHaveLength(12);
  });

  it('has a client variant without case and client ids', () => {
    const { caseId: _c, clientId: _k, ...own } = valid;
    expect(clientExceptionInputSchema.parse(own)).not.toHaveProperty('caseId');
  });
});

describe('tags', () => {
  it('suggests the conditions seen in the seed cases', () => {
    expect(EXCEPTION_TAG_SUGGESTIONS).toEqual([
      'shared activity',
      'kind gesture',
      'advance notice',
      'physical closeness',
      'humour',
      'time apart',
      'calm conversation',
      'routine',
    ]);
  });

  it('normalises tags', () => {
    expect(normaliseTags([' Humour', 'humour', '', 'Kind Gesture'])).toEqual(['humour', 'kind gesture']);
  });
});

describe('exceptionFromLogResponse', () => {
  const log = builtInExercise('exception-log')!;
  const response = {
    occurredAt: '2026-03-07',
    context: 'Saturday grocery shopping together',
    behavior: 'I put my phone away',
    thoughts: '',
    emotions: 'Relaxed',
    meaning: 'Ordinary shared things calm me',
    tags: ['Shared activity', 'routine', 'routine'],
  };

  it('turns a submitted exception-log entry into an exception', () => {
    const submitted = validateExerciseResponse(log.fields, response, 'submit');
    expect(submitted.ok).toBe(true);
    const exception = exceptionFromLogResponse(submitted.ok ? submitted.value : {});
    expect(exception).toEqual({
      occurredAt: '2026-03-07T12:00:00.000Z',
      context: 'Saturday grocery shopping together',
      behavior: 'I put my phone away',
      emotions: 'Relaxed',
      meaning: 'Ordinary shared things calm me',
      tags: ['shared activity', 'routine'],
    });
    expect(caseExceptionInputSchema.safeParse({ ...exception, caseId: CASE_ID, clientId: CLIENT_ID }).success).toBe(true);
  });

  it('keeps a date-time as given', () => {
    expect(exceptionFromLogResponse({ ...response, occurredAt: '2026-03-07T21:00:00+08:00' }).occurredAt).toBe('2026-03-07T21:00:00+08:00');
    expect(occurredAtFromDateValue('2026-03-07')).toBe('2026-03-07T12:00:00.000Z');
  });

  it('refuses a response without the required parts', () => {
    expect(() => exceptionFromLogResponse({ context: 'x' })).toThrow('occurredAt');
    expect(() => exceptionFromLogResponse({ occurredAt: '2026-03-07', context: ' ' })).toThrow('context');
  });
});

describe('a deep description lands on the exception it describes', () => {
  const answer = {
    occurredAt: '2026-11-07', context: 'Cooking on Saturday', thoughts: 'We are a team', behavior: 'I suggested the dish',
    bodily: 'Shoulders down', capacity: 'We can be close', ifMoreOften: 'A calm base',
  };

  it('reads the day, the moment and the deep description from the answer', () => {
    const read = deepDescriptionFromResponse(answer);
    expect(read.day).toBe('2026-11-07');
    expect(read.deep).toEqual({ bodily: 'Shoulders down', capacity: 'We can be close', ifMoreOften: 'A calm base' });
    expect(read.moment).toMatchObject({ occurredAt: '2026-11-07T12:00:00.000Z', context: 'Cooking on Saturday', thoughts: 'We are a team' });
  });

  it('without a day the new moment is dated now', () => {
    const now = new Date('2026-11-20T09:00:00.000Z');
    expect(deepDescriptionFromResponse({ ...answer, occurredAt: undefined }, now)).toMatchObject({ day: undefined, moment: { occurredAt: now.toISOString() } });
  });

  it('picks the significant exception of that day without a deep description, then the one nearest noon', () => {
    const candidates = [
      { id: 'a', occurredAt: '2026-11-07T18:00:00.000Z', significant: false, hasDeep: false },
      { id: 'b', occurredAt: '2026-11-07T20:00:00.000Z', significant: true, hasDeep: false },
      { id: 'c', occurredAt: '2026-11-07T11:00:00.000Z', significant: true, hasDeep: true },
      { id: 'd', occurredAt: '2026-11-09T12:00:00.000Z', significant: true, hasDeep: false },
    ];
    expect(pickDescribedException('2026-11-07', candidates)?.id).toBe('b');
    expect(pickDescribedException('2026-11-07', candidates.filter((c) => c.id !== 'b'))?.id).toBe('a');
    expect(pickDescribedException('2026-11-05', candidates)).toBeUndefined();
    expect(pickDescribedException(undefined, candidates)).toBeUndefined();
  });

  it('an evening in Shanghai the day before UTC still counts as that day', () => {
    // 2026-11-07 07:00 in Shanghai is 2026-11-06 23:00 UTC.
    expect(pickDescribedException('2026-11-07', [{ id: 'x', occurredAt: '2026-11-06T23:00:00.000Z', significant: false, hasDeep: false }])?.id).toBe('x');
  });
});
