import { speakOfProblem, type ExerciseField } from '@attune/domain';

/** What names an exercise: a built-in one's key (null in the portal for a practitioner's own) and its title. */
type ExerciseName = { key: string | null; title: string };
import { useLocaleState, useTranslate } from 'react-admin';
import { exerciseTextKey, exerciseTitleKey } from './choices';

/** A built-in exercise's title in the user's language; a custom one as its author wrote it. */
export function useExerciseTitle(): (exercise: ExerciseName | undefined | null) => string {
  const translate = useTranslate();
  return (exercise) => {
    if (!exercise) return '';
    return exercise.key ? translate(exerciseTitleKey(exercise.key), { _: exercise.title }) : exercise.title;
  };
}

/** A piece of an exercise's text, and `lang: 'en'` when it is the English left in a page of another language. */
export interface ExerciseText {
  text: string;
  lang?: 'en';
}

export interface ExerciseWords {
  summary: ExerciseText | null;
  instructions: ExerciseText;
  /** The fields with their label, help and item label in the user's language. */
  fields: ExerciseField[];
}

type ExerciseSource = Pick<ExerciseName, 'key'> & {
  instructions: string;
  summary?: string | null | undefined;
  fields: readonly ExerciseField[];
  /** When known: custom exercises keep their author's words. */
  builtIn?: boolean | undefined;
};

/**
 * A built-in exercise's summary, instructions and field words in the user's language, from
 * `attune.exercises.<key>.…` (English as the fallback); a custom exercise's as its author wrote them.
 * Where the words speak of the problem they use the case's name for it (`problemName`, the
 * client's own words), else the neutral wording.
 */
export function useExerciseWords(problemName?: string | null): (exercise: ExerciseSource) => ExerciseWords {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const named = (words: string, lang: 'en' | undefined) => speakOfProblem(words, problemName, lang === 'en' || locale === 'en' ? 'en' : 'zh-CN');
  return (exercise) => {
    const key = exercise.builtIn === false ? null : exercise.key;
    const text = (path: string, english: string): ExerciseText => {
      if (!key) return { text: named(english, undefined) };
      const translated = translate(exerciseTextKey(key, path), { _: english });
      return translated === english && locale !== 'en' ? { text: named(english, 'en'), lang: 'en' } : { text: named(translated, undefined) };
    };
    const plain = (path: string, english: string): string => (key ? named(translate(exerciseTextKey(key, path), { _: english }), undefined) : named(english, undefined));
    return {
      summary: exercise.summary ? text('summary', exercise.summary) : null,
      instructions: text('instructions', exercise.instructions),
      fields: exercise.fields.map((field) => {
        const words: Partial<ExerciseField> = { label: plain(`fields.${field.name}.label`, field.label) };
        if (field.help) words.help = plain(`fields.${field.name}.help`, field.help);
        if ('itemLabel' in field && field.itemLabel) (words as { itemLabel?: string }).itemLabel = plain(`fields.${field.name}.itemLabel`, field.itemLabel);
        return { ...field, ...words } as ExerciseField;
      }),
    };
  };
}
