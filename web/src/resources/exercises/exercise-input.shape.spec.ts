import { customExerciseInputSchema } from '@attune/domain';
import { cleanExerciseField, toCustomExerciseInput } from './exercise-input.shape';

describe('toCustomExerciseInput', () => {
  it('drops keys left over from another field kind and empty optional texts, so the strict schema accepts it', () => {
    const body = toCustomExerciseInput({
      id: 'x',
      builtIn: false,
      stage: 4,
      title: 'Evening check-in',
      summary: null,
      instructions: 'Each evening, note one moment when things were a little easier.',
      audience: 'individual',
      cadence: { kind: 'daily', days: 7, weeks: 2 },
      fields: [
        { name: 'moment', label: 'The moment', kind: 'longText', help: null, required: true, itemLabel: 'left over', minItems: 1 },
        { name: 'mood', label: 'How it felt', kind: 'choice', options: [{ value: 'calm', label: 'Calm', extra: 1 }, { value: 'warm', label: 'Warm' }] },
      ],
    });
    expect(body).toEqual({
      stage: 4,
      title: 'Evening check-in',
      instructions: 'Each evening, note one moment when things were a little easier.',
      audience: 'individual',
      cadence: { kind: 'daily', days: 7 },
      fields: [
        { name: 'moment', label: 'The moment', kind: 'longText', required: true },
        { name: 'mood', label: 'How it felt', kind: 'choice', options: [{ value: 'calm', label: 'Calm' }, { value: 'warm', label: 'Warm' }] },
      ],
    });
    expect(customExerciseInputSchema.safeParse(body).success).toBe(true);
  });

  it('gives a tags field its (possibly empty) suggestions', () => {
    expect(cleanExerciseField({ name: 'tags', label: 'Tags', kind: 'tags' })).toEqual({ name: 'tags', label: 'Tags', kind: 'tags', suggestions: [] });
  });
});
