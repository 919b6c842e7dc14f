import { BUILT_IN_EXERCISES } from './catalogue.js';
import { builtInExerciseWords, ZH_CN_EXERCISE_WORDS } from './catalogue.zh-CN.js';
import { exerciseWordsOf } from './exercise-words.js';

/** Where each built-in exercise has words: title, summary, instructions, each field's label, help and item label. */
function wordedParts(words: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(words).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? wordedParts(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`]);
}

describe('the built-in exercises in Simplified Chinese', () => {
  it('word every exercise of the catalogue, each part the English has, and nothing else', () => {
    expect(Object.keys(ZH_CN_EXERCISE_WORDS).sort()).toEqual(BUILT_IN_EXERCISES.map((e) => e.key).sort());
    for (const exercise of BUILT_IN_EXERCISES) {
      const chinese = ZH_CN_EXERCISE_WORDS[exercise.key]!;
      expect([exercise.key, wordedParts(chinese).sort()]).toEqual([exercise.key, wordedParts(exerciseWordsOf(exercise)).sort()]);
      expect([exercise.key, /[\u4e00-\u9fff]/.test(chinese.title)]).toEqual([exercise.key, true]);
    }
  });

  it('give a built-in exercise its words in either language, and none for a practitioner’s own exercise', () => {
    const ranking = BUILT_IN_EXERCISES.find((e) => e.key === 'value-ranking')!;
    expect(builtInExerciseWords('value-ranking', 'en')?.title).toBe(ranking.title);
    expect(builtInExerciseWords('value-ranking', 'zh-CN')).toBe(ZH_CN_EXERCISE_WORDS['value-ranking']);
    expect(builtInExerciseWords('coping-list', 'zh-CN')?.fields['copingStrategies']).toEqual({
      label: '你用过的应对方式', help: '至少三条。小的、不完美的也算。', itemLabel: '你为撑过去做过的一件事',
    });
    expect(builtInExerciseWords(null, 'zh-CN')).toBeUndefined();
    expect(builtInExerciseWords('my-own-exercise', 'zh-CN')).toBeUndefined();
  });
});
