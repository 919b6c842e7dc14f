import { z } from 'zod';
import { idSchema, isoDateTimeSchema, optionalTextSchema, textSchema } from './primitives.js';
import { MAX_TAGS, TAG_MAX_LENGTH, type ExerciseResponse } from './exercises/exercise-fields.js';

/**
 * Tags offered when logging an exception: the conditions under which, in the seed's cases, the
 * problem eased. Clients and practitioners may add their own.
 */
export const EXCEPTION_TAG_SUGGESTIONS: readonly string[] = Object.freeze([
  'shared activity',
  'kind gesture',
  'advance notice',
  'physical closeness',
  'humour',
  'time apart',
  'calm conversation',
  'routine',
]);

/** Trims, lower-cases and drops duplicate tags, keeping first-seen order. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))];
}

/** Tags of an exception: each 1-40 characters, at most 12; trimmed, lower-cased, duplicates dropped. */
export const exceptionTagsSchema = z
  .array(
    z
      .string({ error: 'must be text' })
      .trim()
      .toLowerCase()
      .min(1, 'must not be empty')
      .max(TAG_MAX_LENGTH, `must be at most ${TAG_MAX_LENGTH} characters long`),
    { error: 'must be a list of tags' },
  )
  .max(MAX_TAGS, `must have at most ${MAX_TAGS} tags`)
  .overwrite((tags) => [...new Set(tags)]);

export const EXCEPTION_TEXT_MAX_LENGTH = 4000;

export const exceptionDeepDescriptionSchema = z.object(
  {
    bodily: optionalTextSchema(EXCEPTION_TEXT_MAX_LENGTH),
    capacity: optionalTextSchema(EXCEPTION_TEXT_MAX_LENGTH),
    ifMoreOften: optionalTextSchema(EXCEPTION_TEXT_MAX_LENGTH),
  },
  { error: 'must be an object with bodily, capacity and ifMoreOften' },
);

/**
 * An exception: a moment when the problem was weaker or absent. `context` (what was different
 * about the situation) is the one text that must be given. Optional texts accept null.
 */
export const caseExceptionInputSchema = z.object({
  caseId: idSchema,
  clientId: idSchema,
  occurredAt: isoDateTimeSchema,
  context: textSchema(1, EXCEPTION_TEXT_MAX_LENGTH),
  behavior: optionalTextSchema(EXCEPTION_TEXT_MAX_LENGTH),
  thoughts: optionalTextSchema(EXCEPTION_TEXT_MAX_LENGTH),
  emotions: optionalTextSchema(EXCEPTION_TEXT_MAX_LENGTH),
  meaning: optionalTextSchema(EXCEPTION_TEXT_MAX_LENGTH),
  tags: exceptionTagsSchema.default([]),
  deep: exceptionDeepDescriptionSchema.nullish(),
  significant: z.boolean({ error: 'must be true or false' }).optional(),
});

export type CaseExceptionInput = z.infer<typeof caseExceptionInputSchema>;

/** The exception fields that come from a client's own entry (the case and client are the caller's). */
export const clientExceptionInputSchema = caseExceptionInputSchema.omit({ caseId: true, clientId: true });
export type ClientExceptionInput = z.infer<typeof clientExceptionInputSchema>;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/**
 * A calendar date alone becomes midday UTC of that date (so it stays on the same date in every time
 * zone from UTC-11 to UTC+11); a date-time is kept as given.
 */
export function occurredAtFromDateValue(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00.000Z` : value;
}

/**
 * Maps a submitted `exception-log` response (occurredAt, context, behavior, thoughts, emotions,
 * meaning, tags) to the fields of an exception; the caller adds caseId and clientId.
 */
export function exceptionFromLogResponse(response: ExerciseResponse): ClientExceptionInput {
  const occurredAt = text(response['occurredAt']);
  const context = text(response['context']);
  if (!occurredAt) throw new RangeError('An exception-log response needs occurredAt');
  if (!context) throw new RangeError('An exception-log response needs context');
  const tags = Array.isArray(response['tags'])
    ? normaliseTags(response['tags'].filter((t): t is string => typeof t === 'string'))
    : [];
  const result: ClientExceptionInput = {
    occurredAt: occurredAtFromDateValue(occurredAt),
    context,
    tags,
  };
  for (const key of ['behavior', 'thoughts', 'emotions', 'meaning'] as const) {
    const value = text(response[key]);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** What an `exception-deep-description` answer says: the moment it describes and its deep description. */
export interface DeepDescriptionAnswer {
  /** The day of the moment (YYYY-MM-DD) when the client gave one. */
  day: string | undefined;
  /** The moment itself, for a new exception when none is found on that day. */
  moment: ClientExceptionInput;
  deep: { bodily?: string; capacity?: string; ifMoreOften?: string };
}

/**
 * Maps a submitted `exception-deep-description` response to the exception it describes. The
 * answer lands on the client's exception of that day that has no deep description yet (see
 * `pickDescribedException`); without one it becomes a new exception dated that day (or `now`).
 */
export function deepDescriptionFromResponse(response: ExerciseResponse, now: Date = new Date()): DeepDescriptionAnswer {
  const occurredAt = text(response['occurredAt']);
  const day = occurredAt && /^\d{4}-\d{2}-\d{2}/.test(occurredAt) ? occurredAt.slice(0, 10) : undefined;
  const moment: ClientExceptionInput = {
    occurredAt: occurredAt ? occurredAtFromDateValue(occurredAt) : now.toISOString(),
    context: text(response['context']) ?? '',
    tags: [],
  };
  for (const key of ['behavior', 'thoughts'] as const) {
    const value = text(response[key]);
    if (value !== undefined) moment[key] = value;
  }
  const deep: DeepDescriptionAnswer['deep'] = {};
  for (const key of ['bodily', 'capacity', 'ifMoreOften'] as const) {
    const value = text(response[key]);
    if (value !== undefined) deep[key] = value;
  }
  return { day, moment, deep };
}

/** Hours a calendar day reaches into its neighbours across time zones (UTC-12 to UTC+14). */
const DAY_SPREAD_BEFORE_MS = 14 * 3_600_000;
const DAY_SPREAD_AFTER_MS = 12 * 3_600_000;

/**
 * Which of the client's exceptions a deep description of `day` describes: one that happened on
 * that calendar day in some time zone and has no deep description yet; a significant one first,
 * then the one closest to that day's noon (UTC). Undefined when none fits.
 */
export function pickDescribedException<T extends { id: string; occurredAt: Date | string; significant: boolean; hasDeep: boolean }>(
  day: string | undefined,
  candidates: readonly T[],
): T | undefined {
  if (!day) return undefined;
  const start = Date.parse(`${day}T00:00:00.000Z`) - DAY_SPREAD_BEFORE_MS;
  const end = Date.parse(`${day}T00:00:00.000Z`) + 86_400_000 + DAY_SPREAD_AFTER_MS;
  const noon = Date.parse(`${day}T12:00:00.000Z`);
  const at = (c: T) => new Date(c.occurredAt).getTime();
  return candidates
    .filter((c) => !c.hasDeep && at(c) >= start && at(c) < end)
    .sort((a, b) => Number(b.significant) - Number(a.significant) || Math.abs(at(a) - noon) - Math.abs(at(b) - noon) || a.id.localeCompare(b.id))[0];
}
