import type { ExerciseDefinition } from './catalogue.js';

/**
 * A field's words in a built-in exercise: its label, help and (for a list) the label of one item.
 * Type aliases, not interfaces: the web's message trees need their implicit index signature.
 */
export type ExerciseFieldWords = { label: string; help?: string; itemLabel?: string };

/** A built-in exercise's words in one language; its fields' words under the field's name. */
export type ExerciseWords = { title: string; summary: string; instructions: string; fields: Record<string, ExerciseFieldWords> };

/** The languages a built-in exercise is worded in: English is the catalogue itself. */
export const EXERCISE_LANGUAGES = ['en', 'zh-CN'] as const;
export type ExerciseLanguage = (typeof EXERCISE_LANGUAGES)[number];

/** A built-in exercise's English words, taken from its definition, never typed twice. */
export function exerciseWordsOf(exercise: ExerciseDefinition): ExerciseWords {
  const fields: Record<string, ExerciseFieldWords> = {};
  for (const field of exercise.fields) {
    const words: ExerciseFieldWords = { label: field.label };
    if (field.help) words.help = field.help;
    if ('itemLabel' in field && field.itemLabel) words.itemLabel = field.itemLabel;
    fields[field.name] = words;
  }
  return { title: exercise.title, summary: exercise.summary, instructions: exercise.instructions, fields };
}

/**
 * Where a built-in exercise's words speak of the problem: the case's name for it when the case has
 * one (the client's own words, "the Fear"), the neutral wording of the language when not.
 */
export const PROBLEM_PLACEHOLDER = '{problem}';

const NEUTRAL_PROBLEM_WORDS: Readonly<Record<ExerciseLanguage, string>> = Object.freeze({ en: 'the problem', 'zh-CN': '问题' });

/** `text` with every problem placeholder read as the case's name for the problem, or the neutral wording of `language`. */
export function speakOfProblem(text: string, problemName: string | null | undefined, language: ExerciseLanguage): string {
  const name = problemName?.trim() || NEUTRAL_PROBLEM_WORDS[language];
  return text.split(PROBLEM_PLACEHOLDER).join(name);
}
