import { BUILT_IN_EXERCISES, SESSION_NOTE_SECTIONS, STAGES, type SessionNoteKey, type StageNumber } from '@attune/domain';
import type { TranslationMessages } from 'react-admin';
import { enBaseMessages, type DomainMessages } from './en.messages';

/** Stage, exercise and note-section words in English come from the domain package itself. */
const enStages = Object.fromEntries(
  STAGES.map((s) => [s.stage, { title: s.title, summary: s.summary, numbered: `${s.stage} · ${s.title}` }]),
) as Record<StageNumber, { title: string; summary: string; numbered: string }>;

const enExercises = Object.fromEntries(BUILT_IN_EXERCISES.map((e) => [e.key, { title: e.title }])) as Record<string, { title: string }>;

const enNoteSections = Object.fromEntries(
  SESSION_NOTE_SECTIONS.map((s) => [s.key, { label: s.label, prompt: s.prompt }]),
) as Record<SessionNoteKey, { label: string; prompt: string }>;

export const enDomainMessages: DomainMessages = { stages: enStages, exercises: enExercises, note_sections: enNoteSections };

/** All the English messages: the base ones and the domain's words. */
export const enMessages: TranslationMessages = {
  ...enBaseMessages,
  attune: { ...(enBaseMessages['attune'] as object), ...enDomainMessages },
};
