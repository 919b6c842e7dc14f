import { builtInExercise } from './exercises/catalogue.js';
import { validateExerciseResponse } from './exercises/exercise-fields.js';
import { clientScaleScoreInputSchema, scaleScoreFromPositioningResponse, scaleScoreInputSchema } from './scale-scores.js';

const valid = {
  caseId: '00000000-0000-0000-0000-0000000000c1',
  clientId: '00000000-0000-0000-0000-0000000000a1',
  score: 6.5,
  recordedAt: '2026-04-10T09:00:00Z',
  source: 'practitioner',
  keepsFromLower: 'Our Sunday check-in',
  onePointHigher: 'Cooking together twice a week',
  sessionId: null,
};

describe('scaleScoreInputSchema', () => {
  it('accepts a rating with its follow-ups', () => {
    expect(scaleScoreInputSchema.parse(valid)).toEqual(valid);
  });

  it('needs only case, client, score and source', () => {
    expect(scaleScoreInputSchema.parse({ caseId: valid.caseId, clientId: valid.clientId, score: 2, source: 'client' })).toEqual({
      caseId: valid.caseId,
      clientId: valid.clientId,
      score: 2,
      source: 'client',
    });
  });

  it.each([
    [{ score: 0.5 }, 'score', 'must be between 1 and 10 in steps of 0.5'],
    [{ score: 10.5 }, 'score', 'must be between 1 and 10 in steps of 0.5'],
    [{ score: 6.3 }, 'score', 'must be between 1 and 10 in steps of 0.5'],
    [{ score: undefined }, 'score', 'is required'],
    [{ source: 'partner' }, 'source', 'must be one of: practitioner, client'],
    [{ source: undefined }, 'source', 'is required'],
    [{ recordedAt: 'yesterday' }, 'recordedAt', expect.stringContaining('ISO 8601')],
    [{ keepsFromLower: 'x'.repeat(4001) }, 'keepsFromLower', 'must be at most 4000 characters long'],
    [{ onePointHigher: 'x'.repeat(4001) }, 'onePointHigher', 'must be at most 4000 characters long'],
    [{ sessionId: 'session-1' }, 'sessionId', 'must be a UUID'],
    [{ caseId: 'x' }, 'caseId', 'must be a UUID'],
  ])('rejects %j', (change, path, message) => {
    const issue = scaleScoreInputSchema.safeParse({ ...valid, ...change }).error?.issues[0];
    expect(issue?.path).toEqual([path]);
    expect(issue?.message).toEqual(message);
  });

  it('has a client variant for self-ratings', () => {
    expect(clientScaleScoreInputSchema.parse({ score: 4, source: 'practitioner' })).toEqual({ score: 4 });
  });
});

describe('scaleScoreFromPositioningResponse', () => {
  it('turns a submitted scale positioning into a client self-rating', () => {
    const exercise = builtInExercise('scale-positioning')!;
    const submitted = validateExerciseResponse(
      exercise.fields,
      { score: 3, pastPosition: 2, keepsFromLower: ' My friends ', onePointHigher: 'Waiting an hour before asking' },
      'submit',
    );
    expect(submitted.ok).toBe(true);
    expect(scaleScoreFromPositioningResponse(submitted.ok ? submitted.value : {})).toEqual({
      score: 3,
      source: 'client',
      keepsFromLower: 'My friends',
      onePointHigher: 'Waiting an hour before asking',
    });
  });

  it('refuses a response without a valid score', () => {
    expect(() => scaleScoreFromPositioningResponse({ score: 11 })).toThrow('score');
  });
});
