import {
  exerciseFieldsSchema,
  responseJsonSchemaFor,
  responseSchemaFor,
  validateExerciseResponse,
  type ExerciseField,
} from './exercise-fields.js';

const fields: ExerciseField[] = [
  { name: 'headline', kind: 'text', label: 'Headline', maxLength: 20, required: true },
  { name: 'story', kind: 'longText', label: 'Story', help: 'Tell it your way', minLength: 10, required: true },
  { name: 'aside', kind: 'longText', label: 'Aside', minLength: 5 },
  { name: 'steps', kind: 'list', label: 'Steps', itemLabel: 'Step', minItems: 2, maxItems: 3, required: true },
  { name: 'extras', kind: 'list', label: 'Extras', itemLabel: 'Extra', minItems: 2, maxItems: 3 },
  { name: 'values', kind: 'ranking', label: 'Values', itemLabel: 'Value', minItems: 2, maxItems: 3, required: true },
  { name: 'score', kind: 'scale', label: 'Score', required: true },
  { name: 'when', kind: 'date', label: 'When' },
  {
    name: 'mood',
    kind: 'choice',
    label: 'Mood',
    options: [
      { value: 'calm', label: 'Calm' },
      { value: 'tense', label: 'Tense' },
    ],
  },
  { name: 'tags', kind: 'tags', label: 'Tags', suggestions: ['humour'] },
  { name: 'done', kind: 'boolean', label: 'Done?', required: true },
];

const complete = {
  headline: ' A calmer week ',
  story: 'We cooked together on Sunday.',
  steps: ['Plan', 'Do'],
  values: { items: ['Safety', 'Warmth'], focus: 'warmth' },
  score: 4.5,
  when: '2026-03-04',
  mood: 'calm',
  tags: [' Shared Activity', 'shared activity', 'humour'],
  done: false,
};

function submitErrors(response: unknown): Record<string, string> {
  const result = validateExerciseResponse(fields, response, 'submit');
  if (result.ok) throw new Error('expected the response to be rejected');
  return result.fields;
}

describe('responseSchemaFor: submit', () => {
  it('accepts a complete response, trimming text and tidying tags', () => {
    const result = validateExerciseResponse(fields, complete, 'submit');
    expect(result).toEqual({
      ok: true,
      value: { ...complete, headline: 'A calmer week', tags: ['shared activity', 'humour'] },
    });
  });

  it('names every missing required field', () => {
    expect(submitErrors({})).toEqual({
      headline: 'is required',
      story: 'is required',
      steps: 'is required',
      values: 'is required',
      score: 'is required',
      done: 'is required',
    });
  });

  it('treats blank required text as missing', () => {
    expect(submitErrors({ ...complete, headline: '   ' })).toEqual({ headline: 'is required' });
  });

  it('enforces text lengths', () => {
    expect(submitErrors({ ...complete, headline: 'x'.repeat(21) })).toEqual({ headline: 'must be at most 20 characters long' });
    expect(submitErrors({ ...complete, story: 'Too short' })).toEqual({ story: 'must be at least 10 characters long' });
    expect(submitErrors({ ...complete, story: 'x'.repeat(10_001) })).toEqual({ story: 'must be at most 10000 characters long' });
  });

  it('lets an optional text with a minimum be empty, but not short', () => {
    expect(validateExerciseResponse(fields, { ...complete, aside: '' }, 'submit').ok).toBe(true);
    expect(submitErrors({ ...complete, aside: 'abc' })).toEqual({ aside: 'must be at least 5 characters long, or left empty' });
  });

  it('enforces list sizes and non-empty items', () => {
    expect(submitErrors({ ...complete, steps: ['Plan'] })).toEqual({ steps: 'must have at least 2 items' });
    expect(submitErrors({ ...complete, steps: ['a', 'b', 'c', 'd'] })).toEqual({ steps: 'must have at most 3 items' });
    expect(submitErrors({ ...complete, steps: ['Plan', '  '] })).toEqual({ 'steps.1': 'must not be empty' });
    expect(submitErrors({ ...complete, steps: 'Plan' })).toEqual({ steps: 'must be a list' });
  });

  it('lets an optional list be empty, but not shorter than its minimum once started', () => {
    expect(validateExerciseResponse(fields, { ...complete, extras: [] }, 'submit').ok).toBe(true);
    expect(submitErrors({ ...complete, extras: ['one'] })).toEqual({ extras: 'must have at least 2 items, or none' });
  });

  it('checks a ranking: size, no repeats, and a focus taken from the items', () => {
    expect(submitErrors({ ...complete, values: { items: ['Safety'], focus: 'Safety' } })).toEqual({
      'values.items': 'must have at least 2 items',
    });
    expect(submitErrors({ ...complete, values: { items: ['a', 'b', 'c', 'd'], focus: 'a' } })).toEqual({
      'values.items': 'must have at most 3 items',
    });
    expect(submitErrors({ ...complete, values: { items: ['Safety', 'safety '], focus: 'Safety' } })).toEqual({
      'values.items.1': 'is already in the ranking',
    });
    expect(submitErrors({ ...complete, values: { items: ['Safety', 'Warmth'], focus: 'Fun' } })).toEqual({
      'values.focus': 'must be one of the ranked items',
    });
    expect(submitErrors({ ...complete, values: { items: ['Safety', 'Warmth'] } })).toEqual({ 'values.focus': 'is required' });
    expect(submitErrors({ ...complete, values: ['Safety', 'Warmth'] })).toEqual({ values: 'must be a ranking with items and a focus' });
  });

  it('checks scale, date, choice, tags and boolean values', () => {
    expect(submitErrors({ ...complete, score: 4.2 })).toEqual({ score: 'must be between 1 and 10 in steps of 0.5' });
    expect(submitErrors({ ...complete, when: '04/03/2026' })).toEqual({ when: expect.stringContaining('YYYY-MM-DD') });
    expect(validateExerciseResponse(fields, { ...complete, when: '2026-03-04T21:15:00+08:00' }, 'submit').ok).toBe(true);
    expect(submitErrors({ ...complete, when: '2026-03-04T21:15:00' })).toEqual({ when: expect.stringContaining('time zone') });
    expect(submitErrors({ ...complete, mood: 'angry' })).toEqual({ mood: 'must be one of: calm, tense' });
    expect(submitErrors({ ...complete, tags: ['x'.repeat(41)] })).toEqual({ 'tags.0': 'must be at most 40 characters long' });
    expect(submitErrors({ ...complete, tags: Array.from({ length: 13 }, (_, i) => `t${i}`) })).toEqual({ tags: 'must have at most 12 tags' });
    expect(submitErrors({ ...complete, tags: [''] })).toEqual({ 'tags.0': 'must not be empty' });
    expect(submitErrors({ ...complete, done: 'yes' })).toEqual({ done: 'must be true or false' });
  });

  it('rejects keys the exercise does not have', () => {
    expect(submitErrors({ ...complete, secret: 'x' })).toEqual({ secret: 'is not a recognised field' });
  });

  it('rejects a response that is not an object', () => {
    expect(submitErrors('hello')).toEqual({ _root: 'must be an object of answers' });
    expect(submitErrors(null)).toEqual({ _root: 'must be an object of answers' });
  });
});

describe('responseSchemaFor: draft', () => {
  it('accepts an empty draft', () => {
    expect(validateExerciseResponse(fields, {}, 'draft')).toEqual({ ok: true, value: {} });
  });

  it('accepts partial answers below the minimums', () => {
    const draft = { story: 'We', steps: ['Plan', ''], values: { items: ['Safety'] }, tags: [] };
    expect(validateExerciseResponse(fields, draft, 'draft').ok).toBe(true);
  });

  it('still checks types and caps the maximums', () => {
    const result = validateExerciseResponse(
      fields,
      { headline: 'x'.repeat(21), steps: ['a', 'b', 'c', 'd'], score: 11, done: 'no', values: { items: ['a', 'b', 'c', 'd'] } },
      'draft',
    );
    expect(result).toEqual({
      ok: false,
      fields: {
        headline: 'must be at most 20 characters long',
        steps: 'must have at most 3 items',
        score: 'must be between 1 and 10 in steps of 0.5',
        done: 'must be true or false',
        'values.items': 'must have at most 3 items',
      },
    });
  });

  it('still rejects unknown keys', () => {
    expect(validateExerciseResponse(fields, { other: 1 }, 'draft')).toEqual({ ok: false, fields: { other: 'is not a recognised field' } });
  });

  it('caps text at 10,000 characters by default', () => {
    expect(validateExerciseResponse(fields, { story: 'x'.repeat(10_001) }, 'draft').ok).toBe(false);
  });

  it('returns a zod object whose shape follows the field names', () => {
    expect(Object.keys(responseSchemaFor(fields, 'draft').shape)).toEqual(fields.map((f) => f.name));
  });
});

const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('validateExerciseResponse: answer keys named after Object.prototype members', () => {
  it.each(PROTOTYPE_NAMES)('names an unknown answer key "%s" in the errors, in both modes', (key) => {
    // as the API receives it: JSON.parse makes "__proto__" an own key
    const response = JSON.parse(`{${JSON.stringify(key)}: "x"}`) as Record<string, unknown>;
    for (const mode of ['submit', 'draft'] as const) {
      const result = validateExerciseResponse(fields, { ...complete, ...response }, mode);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(Object.keys(result.fields)).toEqual([key]);
      expect(Object.hasOwn(result.fields, key)).toBe(true);
      expect(JSON.parse(JSON.stringify(result.fields))).toEqual(JSON.parse(`{${JSON.stringify(key)}: "is not a recognised field"}`));
    }
  });

  it('refuses a field named constructor or prototype, which a server strips from bodies', () => {
    for (const name of ['constructor', 'prototype']) {
      const result = exerciseFieldsSchema.safeParse([{ name, kind: 'text', label: 'Answer' }]);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['0.name', 'is a reserved name; choose another (e.g. whatHelped)']]);
    }
  });

  it.each(['toString', 'hasOwnProperty', 'valueOf', 'constructor'])('checks a field of an exercise named "%s" like any other', (name) => {
    const own: ExerciseField[] = [{ name, kind: 'text', label: 'Answer', required: true }];
    // a stored exercise from before names were reserved still validates its answers by own keys
    expect(validateExerciseResponse(own, JSON.parse(`{"${name}": "an answer"}`), 'submit')).toEqual({ ok: true, value: { [name]: 'an answer' } });
    const missing = validateExerciseResponse(own, {}, 'submit');
    expect(missing).toEqual({ ok: false, fields: { [name]: 'is required' } });
    const wrongType = validateExerciseResponse(own, JSON.parse(`{"${name}": 5}`), 'submit');
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) expect(Object.keys(wrongType.fields)).toEqual([name]);
  });
});

describe('responseSchemaFor: one schema per exercise version', () => {
  it('reuses the schema built for the same fields and mode', () => {
    const copy = JSON.parse(JSON.stringify(fields)) as ExerciseField[];
    expect(responseSchemaFor(copy, 'submit')).toBe(responseSchemaFor(fields, 'submit'));
    expect(responseSchemaFor(fields, 'draft')).not.toBe(responseSchemaFor(fields, 'submit'));
  });

  it('builds the JSON Schema once for the same fields and title, and anew when either changes', () => {
    const copy = JSON.parse(JSON.stringify(fields)) as ExerciseField[];
    const json = responseJsonSchemaFor(fields, { title: 'Cached' });
    expect(responseJsonSchemaFor(copy, { title: 'Cached' })).toBe(json);
    expect(responseJsonSchemaFor(fields, { title: 'Renamed' })['title']).toBe('Renamed');
    const relabelled = fields.map((f) => (f.name === 'headline' ? { ...f, label: 'Title line' } : f));
    const properties = responseJsonSchemaFor(relabelled, { title: 'Cached' })['properties'] as Record<string, Record<string, unknown>>;
    expect(properties['headline']?.['title']).toBe('Title line');
  });

  it('applies an edited exercise\'s new bounds at once', () => {
    const answer = { ...complete, steps: ['Plan', 'Do', 'Review'] };
    expect(validateExerciseResponse(fields, answer, 'submit').ok).toBe(true);
    const edited = fields.map((f) => (f.name === 'steps' ? { ...f, maxItems: 2 } : f));
    expect(validateExerciseResponse(edited, answer, 'submit')).toEqual({ ok: false, fields: { steps: expect.stringContaining('at most 2') } });
    expect(validateExerciseResponse(fields, answer, 'submit').ok).toBe(true);
  });

  it('keeps working past the number of schemas it keeps', () => {
    for (let max = 3; max < 603; max++) {
      const many = fields.map((f) => (f.name === 'headline' ? { ...f, maxLength: max } : f));
      expect(validateExerciseResponse(many, { ...complete, headline: 'abc' }, 'submit').ok).toBe(true);
    }
    const strict = fields.map((f) => (f.name === 'headline' ? { ...f, maxLength: 2 } : f));
    expect(validateExerciseResponse(strict, { ...complete, headline: 'abc' }, 'submit').ok).toBe(false);
  });
});

describe('responseJsonSchemaFor', () => {
  const json = responseJsonSchemaFor(fields, { title: 'Test exercise' });
  const properties = json['properties'] as Record<string, Record<string, unknown>>;

  it('is plain, serialisable JSON Schema 2020-12', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(json['type']).toBe('object');
    expect(json['title']).toBe('Test exercise');
    expect(json['additionalProperties']).toBe(false);
  });

  it('lists the required fields', () => {
    expect(json['required']).toEqual(['headline', 'story', 'steps', 'values', 'score', 'done']);
  });

  it('gives each property its label, help and kind', () => {
    for (const field of fields) {
      expect(properties[field.name]).toMatchObject({ title: field.label, 'x-attune-kind': field.kind });
    }
    expect(properties['story']).toMatchObject({ description: 'Tell it your way', type: 'string', minLength: 10, maxLength: 10_000 });
    expect(properties['headline']).not.toHaveProperty('description');
  });

  it('carries what a form needs for lists, rankings, choices and tags', () => {
    expect(properties['steps']).toMatchObject({ type: 'array', minItems: 2, maxItems: 3, 'x-attune-item-label': 'Step' });
    expect(properties['values']).toMatchObject({ type: 'object', required: ['items', 'focus'], 'x-attune-item-label': 'Value' });
    expect(properties['score']).toMatchObject({ type: 'number', minimum: 1, maximum: 10, multipleOf: 0.5 });
    expect(properties['mood']).toMatchObject({
      enum: ['calm', 'tense'],
      'x-attune-options': [
        { value: 'calm', label: 'Calm' },
        { value: 'tense', label: 'Tense' },
      ],
    });
    expect(properties['tags']).toMatchObject({ type: 'array', maxItems: 12, 'x-attune-suggestions': ['humour'] });
    expect(properties['done']).toMatchObject({ type: 'boolean' });
    expect(properties['when']).toHaveProperty('anyOf');
  });

  it('does not leak metadata into later schemas', () => {
    const again = responseJsonSchemaFor([{ name: 'headline', kind: 'text', label: 'Other label' }]);
    expect((again['properties'] as Record<string, Record<string, unknown>>)['headline']?.['title']).toBe('Other label');
  });
});

describe('exerciseFieldsSchema', () => {
  it('accepts a well-formed field list', () => {
    expect(exerciseFieldsSchema.parse(fields)).toHaveLength(fields.length);
  });

  it('fills in missing tag suggestions', () => {
    expect(exerciseFieldsSchema.parse([{ name: 't', kind: 'tags', label: 'Tags' }])).toEqual([
      { name: 't', kind: 'tags', label: 'Tags', suggestions: [] },
    ]);
  });

  function errorsOf(input: unknown): Record<string, string> {
    const result = exerciseFieldsSchema.safeParse(input);
    if (result.success) throw new Error('expected rejection');
    const out: Record<string, string> = {};
    for (const issue of result.error.issues) out[issue.path.join('.') || '_root'] ??= issue.message;
    return out;
  }

  it('needs between 1 and 30 fields', () => {
    expect(errorsOf([])).toEqual({ _root: 'must have at least 1 field' });
    const many = Array.from({ length: 31 }, (_, i) => ({ name: `f${i}`, kind: 'boolean', label: `F${i}` }));
    expect(errorsOf(many)).toEqual({ _root: 'must have at most 30 fields' });
    expect(exerciseFieldsSchema.safeParse(many.slice(0, 30)).success).toBe(true);
  });

  it('needs camelCase names that are unique', () => {
    expect(errorsOf([{ name: '1st', kind: 'boolean', label: 'x' }])).toEqual({ '0.name': expect.stringContaining('start with a letter') });
    expect(errorsOf([{ name: 'what_helped', kind: 'boolean', label: 'x' }])).toEqual({ '0.name': expect.stringContaining('only letters and digits') });
    expect(
      errorsOf([
        { name: 'story', kind: 'text', label: 'A' },
        { name: 'Story', kind: 'text', label: 'B' },
      ]),
    ).toEqual({ '1.name': 'is already used by field 1 ("story")' });
  });

  it('needs sane bounds', () => {
    expect(errorsOf([{ name: 'l', kind: 'list', label: 'L', itemLabel: 'I', minItems: 5, maxItems: 3 }])).toEqual({
      '0.minItems': 'must not be more than maxItems',
    });
    expect(errorsOf([{ name: 'l', kind: 'list', label: 'L', itemLabel: 'I', minItems: 0, maxItems: 101 }])).toEqual({
      '0.maxItems': 'must be a whole number between 1 and 100',
    });
    expect(errorsOf([{ name: 'r', kind: 'ranking', label: 'R', itemLabel: 'I', minItems: 0, maxItems: 3 }])).toEqual({
      '0.minItems': 'must be a whole number between 1 and 100',
    });
    expect(errorsOf([{ name: 't', kind: 'longText', label: 'T', minLength: 50, maxLength: 20 }])).toEqual({
      '0.minLength': 'must not be more than maxLength',
    });
    expect(errorsOf([{ name: 't', kind: 'text', label: 'T', maxLength: 20_000 }])).toEqual({
      '0.maxLength': 'must be a whole number between 1 and 10000',
    });
    expect(errorsOf([{ name: 'c', kind: 'choice', label: 'C', options: [{ value: 'a', label: 'A' }] }])).toEqual({
      '0.options': 'must offer at least 2 options',
    });
    expect(
      errorsOf([
        {
          name: 'c',
          kind: 'choice',
          label: 'C',
          options: [
            { value: 'a', label: 'A' },
            { value: 'a', label: 'B' },
          ],
        },
      ]),
    ).toEqual({ '0.options.1.value': 'is the same as another option' });
  });

  it('rejects unknown kinds and unknown properties', () => {
    expect(errorsOf([{ name: 'x', kind: 'video', label: 'X' }])).toEqual({
      '0.kind': 'must be one of: text, longText, list, ranking, scale, date, choice, tags, boolean',
    });
    expect(errorsOf([{ name: 'x', kind: 'boolean', label: 'X', colour: 'red' }])).toEqual({ '0': expect.stringMatching(/Unrecognized key/) });
    expect(errorsOf([{ name: 'x', kind: 'boolean' }])).toEqual({ '0.label': 'is required' });
  });
});
