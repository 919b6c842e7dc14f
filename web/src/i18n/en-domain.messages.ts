import { BUILT_IN_EXERCISES, SESSION_NOTE_SECTIONS, STAGES, type ExerciseDefinition, type SessionNoteKey, type StageNumber } from '@attune/domain';
import type { TranslationMessages } from 'react-admin';
import { enBaseMessages, type DomainMessages, type ExerciseFieldMessages, type ExerciseMessages } from './en.messages';

/** Stage, exercise and note-section words in English come from the domain package itself. */
const enStages = Object.fromEntries(
  STAGES.map((s) => [s.stage, { title: s.title, summary: s.summary, numbered: `${s.stage} · ${s.title}` }]),
) as Record<StageNumber, { title: string; summary: string; numbered: string }>;

/** A built-in exercise's English words, as `attune.exercises.<key>` holds them: taken from the catalogue, never typed twice. */
export function exerciseMessagesOf(exercise: ExerciseDefinition): ExerciseMessages {
  const fields: Record<string, ExerciseFieldMessages> = {};
  for (const field of exercise.fields) {
    const words: ExerciseFieldMessages = { label: field.label };
    if (field.help) words.help = field.help;
    if ('itemLabel' in field && field.itemLabel) words.itemLabel = field.itemLabel;
    fields[field.name] = words;
  }
  return { title: exercise.title, summary: exercise.summary, instructions: exercise.instructions, fields };
}

const enExercises: Record<string, ExerciseMessages> = Object.fromEntries(BUILT_IN_EXERCISES.map((e) => [e.key, exerciseMessagesOf(e)]));

const enNoteSections = Object.fromEntries(
  SESSION_NOTE_SECTIONS.map((s) => [s.key, { label: s.label, prompt: s.prompt }]),
) as Record<SessionNoteKey, { label: string; prompt: string }>;

export const enDomainMessages: DomainMessages = { stages: enStages, exercises: enExercises, note_sections: enNoteSections };

/** All the English messages: the base ones and the domain's words. */
export const enMessages: TranslationMessages = {
  ...enBaseMessages,
  attune: { ...(enBaseMessages['attune'] as object), ...enDomainMessages },
};
