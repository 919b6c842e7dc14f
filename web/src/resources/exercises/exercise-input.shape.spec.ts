import { BUILT_IN_EXERCISES, customExerciseInputSchema } from '@attune/domain';
import { cleanExerciseField, toCustomExerciseInput, toExerciseCopy } from './exercise-input.shape';

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

describe('toExerciseCopy', () => {
  it('turns every built-in exercise into a custom exercise the shared schema accepts, marked as a copy', () => {
    for (const exercise of BUILT_IN_EXERCISES) {
      const copy = toExerciseCopy(exercise, { title: exercise.title, summary: exercise.summary, instructions: exercise.instructions, fields: exercise.fields }, ' (copy)');
      expect(copy['title']).toBe(`${exercise.title} (copy)`);
      const parsed = customExerciseInputSchema.safeParse(toCustomExerciseInput(copy));
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
  });

  it('keeps a long title within the schema bound and leaves the original untouched', () => {
    const exercise = BUILT_IN_EXERCISES[0]!;
    const copy = toExerciseCopy(exercise, { title: 'x'.repeat(120), summary: null, instructions: exercise.instructions, fields: exercise.fields }, '（副本）');
    expect(copy['title']).toBe('x'.repeat(116) + '（副本）');
    expect('summary' in copy).toBe(false);
    (copy['fields'] as { label: string }[])[0]!.label = 'changed';
    expect(exercise.fields[0]!.label).not.toBe('changed');
  });
});
