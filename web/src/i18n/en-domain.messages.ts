import { BUILT_IN_EXERCISES, exerciseWordsOf, SESSION_NOTE_SECTIONS, STAGES, type SessionNoteKey, type StageNumber } from '@attune/domain';
import type { TranslationMessages } from 'react-admin';
import { enBaseMessages, type DomainMessages, type ExerciseMessages } from './en.messages';

/** Stage, exercise and note-section words in English come from the domain package itself. */
const enStages = Object.fromEntries(
  STAGES.map((s) => [s.stage, { title: s.title, summary: s.summary, numbered: `${s.stage} · ${s.title}` }]),
) as Record<StageNumber, { title: string; summary: string; numbered: string }>;

/** The built-in exercises' English words, as `attune.exercises.<key>` holds them: the catalogue's own. */
const enExercises: Record<string, ExerciseMessages> = Object.fromEntries(BUILT_IN_EXERCISES.map((e) => [e.key, exerciseWordsOf(e)]));

const enNoteSections = Object.fromEntries(
  SESSION_NOTE_SECTIONS.map((s) => [s.key, { label: s.label, prompt: s.prompt }]),
) as Record<SessionNoteKey, { label: string; prompt: string }>;

export const enDomainMessages: DomainMessages = { stages: enStages, exercises: enExercises, note_sections: enNoteSections };

/** All the English messages: the base ones and the domain's words. */
export const enMessages: TranslationMessages = {
  ...enBaseMessages,
  attune: { ...(enBaseMessages['attune'] as object), ...enDomainMessages },
};
