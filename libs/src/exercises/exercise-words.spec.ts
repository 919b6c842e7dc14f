import { BUILT_IN_EXERCISES } from './catalogue.js';
import { builtInExerciseWords } from './catalogue.zh-CN.js';
import { PROBLEM_PLACEHOLDER, speakOfProblem } from './exercise-words.js';

describe('exercise words that speak of the problem', () => {
  it('use the case\'s name for the problem in English, and the neutral wording without one', () => {
    const summary = builtInExerciseWords('exception-log', 'en')!.summary;
    expect(speakOfProblem(summary, 'the Fear', 'en')).toBe('Each day, note a moment when the Fear was weaker or absent.');
    expect(speakOfProblem(summary, null, 'en')).toBe('Each day, note a moment when the problem was weaker or absent.');
    expect(speakOfProblem(summary, '   ', 'en')).toBe('Each day, note a moment when the problem was weaker or absent.');
  });

  it('use the case\'s name in Chinese, and 问题 without one', () => {
    const summary = builtInExerciseWords('miracle-question', 'zh-CN')!.summary;
    expect(speakOfProblem(summary, '恐惧', 'zh-CN')).toBe('想象恐惧悄然消失后的那个早晨。');
    expect(speakOfProblem(summary, undefined, 'zh-CN')).toBe('想象问题悄然消失后的那个早晨。');
  });

  it('read every placeholder of a text, and leave a text without one as it is', () => {
    expect(speakOfProblem(`${PROBLEM_PLACEHOLDER} and again ${PROBLEM_PLACEHOLDER}`, 'the Fear', 'en')).toBe('the Fear and again the Fear');
    expect(speakOfProblem('Nothing to name here.', 'the Fear', 'en')).toBe('Nothing to name here.');
  });

  it('are placed in the same exercises in both languages, and nowhere as a bare "the problem"', () => {
    const placed = (language: 'en' | 'zh-CN') => BUILT_IN_EXERCISES.flatMap((e) => {
      const words = builtInExerciseWords(e.key, language)!;
      return [words.summary, words.instructions].some((text) => text.includes(PROBLEM_PLACEHOLDER)) ? [e.key] : [];
    });
    expect(placed('en')).toEqual(['exception-log', 'miracle-question', 'progress-narrative']);
    expect(placed('zh-CN')).toEqual(placed('en'));
    for (const e of BUILT_IN_EXERCISES) expect([e.key, /the problem/i.test(`${e.summary} ${e.instructions}`)]).toEqual([e.key, false]);
  });
});
