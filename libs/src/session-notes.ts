import { z } from 'zod';
import { enumSchema, idSchema, intSchema, isoDateTimeSchema, textSchema } from './primitives.js';
import {
  APPOINTMENT_STATUSES,
  appointmentDetailsShape,
  appointmentTimeShape,
  bookingOverrideShape,
  seriesRepeatSchema,
} from './scheduling.js';
import { stageNumberSchema } from './stages.js';

export const SESSION_NOTE_TEXT_MAX_LENGTH = 10_000;

export interface SessionNoteSection {
  key: SessionNoteKey;
  label: string;
  /** A question that helps the practitioner fill the section in. */
  prompt: string;
}

export const SESSION_NOTE_KEYS = [
  'betterSinceLast',
  'exceptionsHeard',
  'scaleRatings',
  'resourcesNoticed',
  'vision',
  'homeworkReviewed',
  'homeworkAssigned',
  'nextSteps',
  'freeText',
] as const;
export type SessionNoteKey = (typeof SESSION_NOTE_KEYS)[number];

/** The solution-focused note template, in the order a session usually runs, then free text. */
export const SESSION_NOTE_SECTIONS: readonly SessionNoteSection[] = Object.freeze([
  { key: 'betterSinceLast', label: 'Better since last time', prompt: 'What has been even a little better since we last met?' },
  { key: 'exceptionsHeard', label: 'Exceptions heard', prompt: 'When was the problem weaker or absent, and what was different then?' },
  { key: 'scaleRatings', label: 'Scale ratings', prompt: 'Where does each person place themselves on the 1-10 scale, and what keeps them from being lower?' },
  { key: 'resourcesNoticed', label: 'Resources and coping noticed', prompt: 'Which strengths, coping and support showed up?' },
  { key: 'vision', label: 'Vision', prompt: 'What did we learn about the future they want, and what would one point higher look like?' },
  { key: 'homeworkReviewed', label: 'Homework reviewed', prompt: 'What came of the exercises since last time?' },
  { key: 'homeworkAssigned', label: 'Homework assigned', prompt: 'Which exercises or experiments were agreed for the coming days?' },
  { key: 'nextSteps', label: 'Next steps', prompt: 'What happens next, and when do we meet again?' },
  { key: 'freeText', label: 'Free text', prompt: 'Anything else worth recording.' },
].map((s) => Object.freeze(s)) as SessionNoteSection[]);

const noteShape = Object.fromEntries(
  SESSION_NOTE_KEYS.map((key) => [key, textSchema(0, SESSION_NOTE_TEXT_MAX_LENGTH).nullish()]),
) as Record<SessionNoteKey, z.ZodOptional<z.ZodNullable<z.ZodString>>>;

/** A session note: each template section is optional text of at most 10,000 characters. */
export const sessionNoteSchema = z.object(noteShape, { error: 'must be an object with the note sections' });
export type SessionNote = z.infer<typeof sessionNoteSchema>;

export const SESSION_FORMATS = ['individual', 'joint'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

const sessionShape = {
  caseId: idSchema,
  startsAt: isoDateTimeSchema,
  durationMinutes: intSchema(5, 480),
  format: enumSchema(SESSION_FORMATS),
  attendeeIds: z
    .array(idSchema, { error: (iss) => (iss.input === undefined ? 'is required' : 'must be a list of client ids') })
    .min(1, 'must name at least 1 attendee')
    .max(2, 'must name at most 2 attendees'),
  stage: stageNumberSchema,
  note: sessionNoteSchema.default({}),
};

function checkAttendees(session: { format: SessionFormat; attendeeIds: string[] }, ctx: z.RefinementCtx): void {
  const ids = session.attendeeIds;
  if (new Set(ids.map((id) => id.toLowerCase())).size !== ids.length) {
    ctx.addIssue({ code: 'custom', path: ['attendeeIds'], message: 'must not name the same person twice' });
    return;
  }
  if (session.format === 'individual' && ids.length !== 1) {
    ctx.addIssue({ code: 'custom', path: ['attendeeIds'], message: 'an individual session has exactly 1 attendee' });
  }
  if (session.format === 'joint' && ids.length !== 2) {
    ctx.addIssue({ code: 'custom', path: ['attendeeIds'], message: 'a joint session has both partners as attendees' });
  }
}

/**
 * A session in a case. An individual session has one attendee; a joint session has both partners.
 */
export const sessionInputSchema = z.object(sessionShape).superRefine(checkAttendees);
export type SessionInput = z.infer<typeof sessionInputSchema>;

/**
 * A session booked or recorded through the calendar: the session's fields, with the time given as
 * an instant or a wall-clock time in a zone and as a length or an end (resolved with the
 * practitioner's zone by `resolveAppointmentTime`), its state (default: scheduled when in the
 * future, held when past), how and where it meets, an optional weekly or fortnightly series and
 * what lets a clash or a time outside working hours through.
 */
export const appointmentInputSchema = z
  .object({
    ...sessionShape,
    ...appointmentTimeShape,
    ...appointmentDetailsShape,
    ...bookingOverrideShape,
    status: enumSchema(APPOINTMENT_STATUSES).optional(),
    repeat: seriesRepeatSchema.optional(),
  })
  .superRefine(checkAttendees)
  .superRefine((session, ctx) => {
    if (session.repeat && session.status !== undefined && session.status !== 'scheduled') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'a series is booked as scheduled appointments' });
    }
    if (session.status === 'cancelled') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'book the appointment first; cancel it through its status' });
    }
  });
export type AppointmentInput = z.infer<typeof appointmentInputSchema>;

/** Body of `POST /api/sessions/:id/addenda`. */
export const addendumInputSchema = z.object({
  text: textSchema(1, SESSION_NOTE_TEXT_MAX_LENGTH),
});
export type AddendumInput = z.infer<typeof addendumInputSchema>;

/** Version tag of the canonical form; change it only together with how signatures are checked. */
export const CANONICAL_NOTE_VERSION = 'attune-session-note/v1';

/**
 * A stable text of a note for hashing when it is signed: every template section in template order
 * (missing ones as empty), each value with line endings normalised to \n, trimmed and in Unicode NFC,
 * serialised as JSON so no value can imitate a section boundary. Unknown keys are ignored.
 */
export function canonicalNoteText(note: Partial<Record<SessionNoteKey, string | null | undefined>>): string {
  const sections = SESSION_NOTE_KEYS.map((key) => {
    const value = note[key];
    const text = typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim().normalize('NFC') : '';
    return [key, text];
  });
  return JSON.stringify([CANONICAL_NOTE_VERSION, sections]);
}

/** Version tag of an addendum's canonical form; change it only together with how addenda are checked. */
export const CANONICAL_ADDENDUM_VERSION = 'attune-session-addendum/v1';

/**
 * A stable text of an addendum for its link in a signed note's hash chain: the text normalised as a
 * note's sections are (\n line endings, trimmed, NFC), its author and its time (ISO 8601, UTC, ms),
 * serialised as JSON so no text can imitate the fields after it.
 */
export function canonicalAddendumText(addendum: { text: string; authorId: string; at: string }): string {
  const text = addendum.text.replace(/\r\n?/g, '\n').trim().normalize('NFC');
  return JSON.stringify([CANONICAL_ADDENDUM_VERSION, text, addendum.authorId.toLowerCase(), new Date(addendum.at).toISOString()]);
}

/** Whether a note has anything written in it: a note with every section empty or blank cannot be signed. */
export function noteHasContent(note: Partial<Record<SessionNoteKey, string | null | undefined>> | null | undefined): boolean {
  if (!note) return false;
  return SESSION_NOTE_KEYS.some((key) => typeof note[key] === 'string' && note[key]!.trim().length > 0);
}
