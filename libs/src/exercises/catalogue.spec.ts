import { STAGES, type StageNumber } from '../stages.js';
import {
  answerPicksOf,
  BUILT_IN_EXERCISES,
  builtInExercise,
  builtInExercisesForStage,
  customExerciseInputSchema,
  describeCadence,
  exerciseAudienceSchema,
  exerciseCadenceSchema,
  type ExerciseDefinition,
} from './catalogue.js';
import {
  exerciseFieldsSchema,
  responseJsonSchemaFor,
  validateExerciseResponse,
  type ExerciseField,
  type ExerciseResponse,
} from './exercise-fields.js';

const EXPECTED_KEYS: Record<StageNumber, string[]> = {
  1: ['relationship-narrative', 'collaborative-listening', 'hope-questions'],
  2: ['coping-list', 'strength-exploration', 'exception-log'],
  3: ['miracle-question', 'scale-positioning', 'value-ranking'],
  4: ['exception-deep-description', 'pattern-recognition', 'micro-experiment'],
  5: ['action-menu', 'commitment-experiment', 'feedback-loop'],
  6: ['progress-narrative', 'prevention-plan', 'celebration'],
};

/** A realistic, complete answer to every built-in exercise, in the voice of the seed's clients. */
const REALISTIC: Record<string, ExerciseResponse> = {
  'relationship-narrative': {
    story: 'We met at university and for years felt like a team. Lately I feel like I am always waiting for him.',
    whatMatters: 'Feeling that I can rely on him without having to ask.',
    struggles: 'When he needs space I panic, and when he comes close I want to run.',
    longings: 'Calm mornings together without checking my phone.',
  },
  'collaborative-listening': {
    whatIUnderstood: 'Zhou Ting feels alone in the evenings and the silence frightens her more than the arguments did.',
    beingHeard: 'Strange at first, then a relief. Nobody corrected me.',
    bothTookTurns: true,
  },
  'hope-questions': {
    littleBetter: 'We would say good morning to each other instead of texting.',
    firstSign: 'He would leave a cup of tea on my desk.',
  },
  'coping-list': {
    copingStrategies: ['I go running', 'I call my sister', 'I tell myself it will pass', 'I write in my journal'],
    whatThisShows: 'I keep going even when it is hard.',
  },
  'strength-exploration': {
    whatHelpedBefore: 'Talking to friends and keeping my routine.',
    learnedAboutMyself: 'I can survive feeling unsure.',
    strengthsOthersSee: 'Loyalty and patience.',
    qualitiesThatKeepMeGoing: 'Stubborn hope.',
  },
  'exception-log': {
    occurredAt: '2026-03-07',
    context: 'Saturday morning, we went grocery shopping together.',
    behavior: 'I asked what he wanted to cook instead of checking my phone.',
    thoughts: 'He is here with me right now.',
    emotions: 'Relaxed, a bit playful.',
    meaning: 'Doing ordinary things side by side calms the alarm.',
    tags: ['shared activity', 'Routine'],
  },
  'miracle-question': {
    firstSign: 'I would not check my phone first thing.',
    whatIDoDifferently: 'Make coffee and sit by the window.',
    whatPartnerDoesDifferently: 'He would come and sit with me for a minute.',
    howWeInteract: 'We smile in the kitchen, comfortably rather than nervously.',
    miracleDay: 'I wake up, make coffee, we chat about the day, and in the evening we cook together without tension.',
  },
  'scale-positioning': {
    score: 3,
    pastPosition: 2,
    keepsFromLower: 'I still have my friends and my work.',
    onePointHigher: 'I would wait an hour before asking where he is.',
  },
  'value-ranking': {
    values: { items: ['Safety', 'Warmth', 'Honesty', 'Respect', 'Fun', 'Growth'], focus: 'Warmth' },
    why: 'Warmth is what has been missing most in our evenings.',
    actionThisWeek: 'Ask him about his day before talking about mine.',
  },
  'exception-deep-description': {
    occurredAt: '2026-03-20',
    context: 'He put jasmine tea on my desk without a word.',
    thoughts: 'He still knows what I like.',
    behavior: 'I thanked him out loud instead of staying silent.',
    bodily: 'My shoulders dropped; I could breathe.',
    capacity: 'We can still be kind to each other without talking it through first.',
    ifMoreOften: 'The silence would melt and we could start talking again.',
  },
  'pattern-recognition': {
    conditions: ['kind gesture', 'advance notice'],
    patterns: 'Things ease after a small kind act or when he tells me his plans.',
    togetherActivities: 'Cooking, shopping, walking.',
    circumstances: 'Weekend mornings.',
    emotionalState: 'When I have slept well.',
    howToCreateMore: 'Ask him to message before leaving; make one kind gesture a day.',
  },
  'micro-experiment': {
    condition: 'A small kind gesture each day.',
    plan: 'Leave a note or make tea for her every morning.',
    observations: ['Made tea; she smiled.', 'Left a note; she replied by text.', 'Forgot until evening; still a thank-you.'],
    learned: 'Small gestures open a crack even without talking.',
  },
  'action-menu': {
    actions: [
      'Hug for thirty seconds when we get home',
      'Send a short message before leaving',
      'Make tea for two',
      'Ask about her day first',
      'Cook together on Saturday',
      'Walk after dinner',
      'Put the phone away at meals',
      'Say thank you for one thing daily',
      'Plan a weekend outing',
      'Share a photo during the day',
    ],
  },
  'commitment-experiment': {
    actions: ['Send a short message before leaving', 'Cook together on Saturday'],
    hopeToLearn: 'Whether a small signal in advance calms my panic.',
    howWillIKnow: 'I will notice fewer anxious checks of my phone.',
  },
  'feedback-loop': {
    tried: 'A message before leaving, five days out of seven.',
    whatHappened: 'I felt calmer on those days; he said it was easy.',
    learned: 'Advance notice matters more than long messages.',
    adjustments: 'Keep the message; add a Sunday check-in of fifteen minutes.',
  },
  'progress-narrative': {
    whereIStarted: 'Walking on thin ice, a 2 on the scale.',
    whatIWentThrough: 'Finding exceptions, trying experiments.',
    whatILearned: 'I am surviving, and that is a strength.',
    whereIAmNow: 'Around 6 or 7, with a weekly check-in.',
    proudOf: 'Not checking my phone every morning.',
    hopeForFuture: 'To keep our Sunday check-in going.',
  },
  'prevention-plan': {
    earlySigns: ['Checking my phone first thing', 'Not sleeping well'],
    responses: ['Tell him how I feel', 'Go for a run'],
    provenStrategies: ['Sunday check-in', 'Cooking together'],
    whenToSeekSupport: 'If I am back below 4 for two weeks, I will book a session.',
  },
  celebration: {
    howWeCelebrate: 'Dinner at the place of our first date.',
    meaning: 'That we can repair things together.',
    howItChangedMe: 'I see security as a scale, not a label.',
    mostImportantDiscovery: 'The small voice that says he is just busy was always mine.',
  },
};

function expectRejected(exercise: ExerciseDefinition, response: ExerciseResponse, field: string): void {
  const result = validateExerciseResponse(exercise.fields, response, 'submit');
  expect(result.ok).toBe(false);
  if (!result.ok) {
    const keys = Object.keys(result.fields);
    expect(keys.some((k) => k === field || k.startsWith(`${field}.`))).toBe(true);
  }
}

/** Answers that each break exactly one bound of a field. */
function boundBreakers(field: ExerciseField, valid: unknown): { label: string; value: unknown }[] {
  const out: { label: string; value: unknown }[] = [];
  switch (field.kind) {
    case 'text':
    case 'longText': {
      const max = field.maxLength ?? 10_000;
      out.push({ label: `longer than ${max}`, value: 'x'.repeat(max + 1) });
      out.push({ label: 'not text', value: 42 });
      if (field.kind === 'longText' && (field.minLength ?? 0) > 1) {
        out.push({ label: `shorter than ${field.minLength}`, value: 'x'.repeat(field.minLength! - 1) });
      }
      if (field.required) out.push({ label: 'blank', value: '   ' });
      break;
    }
    case 'list': {
      if (field.minItems > 1) out.push({ label: `fewer than ${field.minItems}`, value: Array.from({ length: field.minItems - 1 }, (_, i) => `item ${i}`) });
      if (field.required) out.push({ label: 'empty', value: [] });
      out.push({ label: `more than ${field.maxItems}`, value: Array.from({ length: field.maxItems + 1 }, (_, i) => `item ${i}`) });
      out.push({ label: 'blank item', value: [...(valid as string[]).slice(0, -1), ' '] });
      break;
    }
    case 'ranking': {
      const ranking = valid as { items: string[]; focus: string };
      out.push({ label: `fewer than ${field.minItems}`, value: { items: ranking.items.slice(0, field.minItems - 1), focus: ranking.items[0] } });
      const many = Array.from({ length: field.maxItems + 1 }, (_, i) => `value ${i}`);
      out.push({ label: `more than ${field.maxItems}`, value: { items: many, focus: many[0] } });
      out.push({ label: 'focus not ranked', value: { ...ranking, focus: 'Something else' } });
      out.push({ label: 'no focus', value: { items: ranking.items } });
      break;
    }
    case 'scale':
      out.push({ label: 'below 1', value: 0.5 }, { label: 'above 10', value: 10.5 }, { label: 'between steps', value: 3.3 });
      break;
    case 'date':
      out.push({ label: 'not a date', value: 'last Tuesday' });
      break;
    case 'tags':
      out.push({ label: 'too many tags', value: Array.from({ length: 13 }, (_, i) => `tag ${i}`) });
      out.push({ label: 'tag too long', value: ['x'.repeat(41)] });
      if (field.required) out.push({ label: 'no tags', value: [] });
      break;
    case 'choice':
      out.push({ label: 'unknown option', value: 'not-an-option' });
      break;
    case 'boolean':
      out.push({ label: 'not a boolean', value: 'yes' });
      break;
  }
  return out;
}

describe('BUILT_IN_EXERCISES', () => {
  it('offers at least the agreed exercises of every stage, each key once', () => {
    // A new exercise is added in the catalogue alone: the agreed ones must stay, more may come.
    for (const { stage } of STAGES) {
      expect(builtInExercisesForStage(stage).map((e) => e.key)).toEqual(expect.arrayContaining(EXPECTED_KEYS[stage]));
    }
    expect(new Set(BUILT_IN_EXERCISES.map((e) => e.key)).size).toBe(BUILT_IN_EXERCISES.length);
  });

  it('looks exercises up by key', () => {
    expect(builtInExercise('miracle-question')?.stage).toBe(3);
    expect(builtInExercise('no-such-exercise')).toBeUndefined();
  });

  it.each(BUILT_IN_EXERCISES.map((e) => [e.key, e] as const))('%s is a complete, valid definition', (_key, exercise) => {
    expect(exercise.title.length).toBeGreaterThan(3);
    expect(exercise.summary.length).toBeGreaterThan(10);
    expect(exercise.instructions.length).toBeGreaterThan(150);
    expect(exerciseAudienceSchema.safeParse(exercise.audience).success).toBe(true);
    expect(exerciseCadenceSchema.safeParse(exercise.cadence).success).toBe(true);
    // Built-ins obey the same rules as practitioners' own exercises.
    expect(exerciseFieldsSchema.safeParse(exercise.fields).error?.issues ?? []).toEqual([]);
    expect(
      customExerciseInputSchema.safeParse({
        stage: exercise.stage,
        title: exercise.title,
        instructions: exercise.instructions,
        audience: exercise.audience,
        cadence: exercise.cadence,
        fields: exercise.fields,
      }).success,
    ).toBe(true);
  });

  it.each(BUILT_IN_EXERCISES.map((e) => [e.key, e] as const))('%s accepts a realistic answer', (key, exercise) => {
    const answer = REALISTIC[key];
    expect(answer).toBeDefined();
    const result = validateExerciseResponse(exercise.fields, answer, 'submit');
    expect(result.ok ? [] : result.fields).toEqual([]);
  });

  it.each(BUILT_IN_EXERCISES.map((e) => [e.key, e] as const))('%s accepts an empty draft', (_key, exercise) => {
    expect(validateExerciseResponse(exercise.fields, {}, 'draft').ok).toBe(true);
  });

  it.each(BUILT_IN_EXERCISES.map((e) => [e.key, e] as const))('%s rejects each missing required field and each broken bound', (key, exercise) => {
    const answer = REALISTIC[key]!;
    for (const field of exercise.fields) {
      if (field.required) {
        const { [field.name]: _omitted, ...rest } = answer;
        expectRejected(exercise, rest, field.name);
      }
      for (const breaker of boundBreakers(field, answer[field.name])) {
        try {
          expectRejected(exercise, { ...answer, [field.name]: breaker.value }, field.name);
        } catch (e) {
          throw new Error(`${key}.${field.name} accepted a value ${breaker.label}: ${String(e)}`);
        }
      }
    }
    expectRejected(exercise, { ...answer, notAField: 'x' }, 'notAField');
  });

  it.each(BUILT_IN_EXERCISES.map((e) => [e.key, e] as const))('%s has a serialisable JSON Schema with titles', (_key, exercise) => {
    const json = responseJsonSchemaFor(exercise.fields);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    const properties = json['properties'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual(exercise.fields.map((f) => f.name));
    for (const field of exercise.fields) {
      expect(properties[field.name]?.['title']).toBe(field.label);
      expect(properties[field.name]?.['x-attune-kind']).toBe(field.kind);
    }
  });
});

describe('the exercises the other modules depend on', () => {
  const names = (key: string) => builtInExercise(key)!.fields.map((f) => [f.name, f.kind, f.required === true]);

  it('exception-log: daily for 7 days, creates an exception', () => {
    const e = builtInExercise('exception-log')!;
    expect(e.cadence).toEqual({ kind: 'daily', days: 7 });
    expect(e.effect).toBe('exception');
    expect(names('exception-log')).toEqual([
      ['occurredAt', 'date', true],
      ['context', 'longText', true],
      ['behavior', 'longText', true],
      ['thoughts', 'longText', false],
      ['emotions', 'longText', false],
      ['meaning', 'longText', true],
      ['tags', 'tags', false],
    ]);
    const tags = e.fields.find((f) => f.name === 'tags');
    expect(tags?.kind === 'tags' && tags.suggestions).toEqual([
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

  it('scale-positioning: creates a scale score', () => {
    expect(builtInExercise('scale-positioning')!.effect).toBe('scale_score');
    expect(names('scale-positioning')).toEqual([
      ['score', 'scale', true],
      ['pastPosition', 'scale', false],
      ['keepsFromLower', 'longText', true],
      ['onePointHigher', 'longText', true],
    ]);
  });

  it('only exception-log, scale-positioning and the deep description create or change records', () => {
    expect(BUILT_IN_EXERCISES.filter((e) => e.effect).map((e) => e.key)).toEqual(['exception-log', 'scale-positioning', 'exception-deep-description']);
  });

  it('action-menu: 10 to 20 concrete actions', () => {
    const e = builtInExercise('action-menu')!;
    const answer = REALISTIC['action-menu']!;
    const actions = answer['actions'] as string[];
    expect(validateExerciseResponse(e.fields, { actions: actions.slice(0, 9) }, 'submit')).toEqual({
      ok: false,
      fields: { actions: 'must have at least 10 items' },
    });
    const twenty = Array.from({ length: 20 }, (_, i) => `Action ${i + 1}`);
    expect(validateExerciseResponse(e.fields, { actions: twenty }, 'submit').ok).toBe(true);
    expect(validateExerciseResponse(e.fields, { actions: [...twenty, 'one more'] }, 'submit')).toEqual({
      ok: false,
      fields: { actions: 'must have at most 20 items' },
    });
  });

  it('commitment-experiment: one or two actions, what to learn and how to know', () => {
    expect(names('commitment-experiment')).toEqual([
      ['actions', 'list', true],
      ['hopeToLearn', 'longText', true],
      ['howWillIKnow', 'longText', true],
    ]);
    const e = builtInExercise('commitment-experiment')!;
    const answer = REALISTIC['commitment-experiment']!;
    expect(validateExerciseResponse(e.fields, { ...answer, actions: ['One'] }, 'submit').ok).toBe(true);
    expect(validateExerciseResponse(e.fields, { ...answer, actions: ['One', 'Two', 'Three'] }, 'submit')).toEqual({
      ok: false,
      fields: { actions: 'must have at most 2 items' },
    });
  });

  it('value-ranking: 5 to 10 values with a focus, why and an action this week', () => {
    expect(names('value-ranking')).toEqual([
      ['values', 'ranking', true],
      ['why', 'longText', true],
      ['actionThisWeek', 'longText', true],
    ]);
    const e = builtInExercise('value-ranking')!;
    const answer = REALISTIC['value-ranking']!;
    const five = ['Safety', 'Warmth', 'Honesty', 'Respect', 'Fun'];
    expect(validateExerciseResponse(e.fields, { ...answer, values: { items: five, focus: 'Fun' } }, 'submit').ok).toBe(true);
    expect(validateExerciseResponse(e.fields, { ...answer, values: { items: five.slice(0, 4), focus: 'Fun' } }, 'submit').ok).toBe(false);
  });

  it('hope-questions, micro-experiment, feedback-loop and collaborative-listening follow the seed', () => {
    expect(names('hope-questions')).toEqual([
      ['littleBetter', 'longText', true],
      ['firstSign', 'longText', false],
    ]);
    expect(builtInExercise('micro-experiment')!.cadence).toEqual({ kind: 'daily', days: 3 });
    expect(builtInExercise('feedback-loop')!.cadence.kind).toBe('weekly');
    expect(builtInExercise('collaborative-listening')!.audience).toBe('partners_together');
    expect(builtInExercise('coping-list')!.fields[0]).toMatchObject({ name: 'copingStrategies', kind: 'list', minItems: 3, maxItems: 30 });
    expect(builtInExercise('exception-deep-description')!.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['context', 'thoughts', 'behavior', 'bodily', 'capacity', 'ifMoreOften']),
    );
  });

  it('cannot be changed at run time', () => {
    const e = builtInExercise('action-menu')!;
    expect(() => {
      (e as { title: string }).title = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(e.fields[0])).toBe(true);
  });
});

describe('cadence and audience', () => {
  it('accepts once, daily for N days and weekly for N weeks', () => {
    expect(exerciseCadenceSchema.parse({ kind: 'once' })).toEqual({ kind: 'once' });
    expect(exerciseCadenceSchema.parse({ kind: 'daily', days: 7 })).toEqual({ kind: 'daily', days: 7 });
    expect(exerciseCadenceSchema.parse({ kind: 'weekly', weeks: 4 })).toEqual({ kind: 'weekly', weeks: 4 });
  });

  it.each([
    [{ kind: 'daily' }, 'days', 'is required'],
    [{ kind: 'daily', days: 0 }, 'days', 'must be a whole number between 1 and 60'],
    [{ kind: 'daily', days: 61 }, 'days', 'must be a whole number between 1 and 60'],
    [{ kind: 'weekly', weeks: 1.5 }, 'weeks', 'must be a whole number between 1 and 26'],
    [{ kind: 'monthly' }, 'kind', 'must be one of: once, daily, weekly'],
  ])('rejects %j', (input, path, message) => {
    const issue = exerciseCadenceSchema.safeParse(input).error?.issues[0];
    expect(issue?.path).toEqual([path]);
    expect(issue?.message).toBe(message);
  });

  it('describes a cadence in words', () => {
    expect(describeCadence({ kind: 'once' })).toBe('once');
    expect(describeCadence({ kind: 'daily', days: 7 })).toBe('daily for 7 days');
    expect(describeCadence({ kind: 'weekly', weeks: 1 })).toBe('weekly for 1 week');
  });

  it('knows the three audiences', () => {
    for (const a of ['individual', 'each_partner', 'partners_together']) expect(exerciseAudienceSchema.parse(a)).toBe(a);
    expect(exerciseAudienceSchema.safeParse('family').error?.issues[0]?.message).toBe(
      'must be one of: individual, each_partner, partners_together',
    );
  });
});

describe('customExerciseInputSchema', () => {
  const valid = {
    stage: 2,
    title: 'Gratitude note',
    instructions: 'Write down one thing your partner did today that you appreciated.',
    audience: 'each_partner',
    cadence: { kind: 'daily', days: 5 },
    fields: [{ name: 'appreciated', kind: 'longText', label: 'What did you appreciate?', required: true }],
  };

  it('accepts a practitioner’s exercise', () => {
    expect(customExerciseInputSchema.parse(valid)).toMatchObject({ stage: 2, title: 'Gratitude note' });
  });

  it('drops read-only keys sent back by the form', () => {
    expect(customExerciseInputSchema.parse({ ...valid, id: 'x', builtIn: false })).not.toHaveProperty('builtIn');
  });

  it.each([
    ['stage', { stage: 7 }],
    ['title', { title: 'Hi' }],
    ['title', { title: 'x'.repeat(121) }],
    ['instructions', { instructions: 'Too short' }],
    ['instructions', { instructions: 'x'.repeat(5001) }],
    ['audience', { audience: 'everyone' }],
    ['cadence', { cadence: { kind: 'yearly' } }],
    ['fields', { fields: [] }],
  ])('rejects a bad %s', (field, change) => {
    const result = customExerciseInputSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });
});

describe('answer picks', () => {
  it('offers the commitment\'s actions from the client\'s own action menu', () => {
    expect(answerPicksOf('commitment-experiment')).toEqual([{ field: 'actions', fromExercise: 'action-menu', fromField: 'actions' }]);
    expect(answerPicksOf('action-menu')).toEqual([]);
    expect(answerPicksOf(null)).toEqual([]);
  });

  it('joins list fields of built-in exercises only', () => {
    for (const exercise of BUILT_IN_EXERCISES) {
      for (const pick of answerPicksOf(exercise.key)) {
        expect(exercise.fields.find((f) => f.name === pick.field)?.kind).toBe('list');
        expect(builtInExercise(pick.fromExercise)?.fields.find((f) => f.name === pick.fromField)?.kind).toBe('list');
      }
    }
  });
});
