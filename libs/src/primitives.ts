import { z } from 'zod';

/**
 * A record id. Any 8-4-4-4-12 hex string is accepted (as PostgreSQL's `uuid` type does), so
 * deterministic seed ids such as 00000000-0000-0000-0000-000000000001 are valid too.
 */
export const idSchema = z.guid({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a UUID') });

/** An instant in ISO 8601 with a time zone (`Z` or `+08:00`), as the API exchanges times. */
export const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: (iss) =>
    iss.input === undefined
      ? 'is required'
      : 'must be a date and time in ISO 8601 format with a time zone, e.g. 2026-03-01T09:30:00Z',
});

/** A calendar date in ISO 8601 (`2026-03-01`). */
export const isoDateSchema = z.iso.date({
  error: (iss) => (iss.input === undefined ? 'is required' : 'must be a date in the form YYYY-MM-DD'),
});

/** Either a calendar date or an instant with a time zone. Returns a fresh schema each call. */
export function isoDateOrDateTimeSchema(): z.ZodUnion<[typeof isoDateSchema, typeof isoDateTimeSchema]> {
  return z.union([isoDateSchema, isoDateTimeSchema], {
    error: 'must be a date (YYYY-MM-DD) or a date and time with a time zone (e.g. 2026-03-01T09:30:00Z)',
  });
}

/**
 * A schema-level error map for "wrong type": 'is required' when the value is missing, otherwise
 * `expected`. Other issues (e.g. unknown keys of a strict object) keep their own messages.
 */
export function typeError(expected: string): (iss: z.core.$ZodRawIssue) => string | undefined {
  return (iss) => (iss.code === 'invalid_type' ? (iss.input === undefined ? 'is required' : expected) : undefined);
}

function characters(n: number): string {
  return n === 1 ? '1 character' : `${n} characters`;
}

/** Trimmed text of `min`..`max` characters, with messages that say so. */
export function textSchema(min: number, max: number): z.ZodString {
  let schema = z.string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') }).trim();
  if (min > 0) {
    schema = schema.min(min, min === 1 ? 'is required' : `must be at least ${characters(min)} long`);
  }
  return schema.max(max, `must be at most ${characters(max)} long`);
}

/** Optional trimmed text of at most `max` characters; `null` is accepted as "not given". */
export function optionalTextSchema(max: number): z.ZodOptional<z.ZodNullable<z.ZodString>> {
  return textSchema(0, max).nullish();
}

/** A whole number in `min..max`. */
export function intSchema(min: number, max: number): z.ZodNumber {
  const message = `must be a whole number between ${min} and ${max}`;
  return z
    .number({ error: (iss) => (iss.input === undefined ? 'is required' : message) })
    .int(message)
    .min(min, message)
    .max(max, message);
}

/** One of a fixed set of string values, with a message listing them. */
export function enumSchema<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (iss) => (iss.input === undefined ? 'is required' : `must be one of: ${values.join(', ')}`),
  });
}

/** Parses `Date | string` into a Date; throws a RangeError on an unparseable value. */
export function toDate(value: Date | string): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${String(value)}`);
  return date;
}

const DAY_MS = 86_400_000;

/** Midnight UTC of the UTC calendar day the instant falls on, in ms since the epoch. */
export function utcDayStart(value: Date | string): number {
  const d = toDate(value);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** Whole UTC calendar days from `from` to `to` (negative when `to` is earlier). */
export function utcCalendarDaysBetween(from: Date | string, to: Date | string): number {
  return Math.round((utcDayStart(to) - utcDayStart(from)) / DAY_MS);
}

/** `YYYY-MM-DD` of the UTC calendar day of the instant. */
export function toIsoDate(value: Date | string | number): string {
  const d = typeof value === 'number' ? new Date(value) : toDate(value);
  return d.toISOString().slice(0, 10);
}

/** Adds whole days to a `YYYY-MM-DD` (or instant) and returns `YYYY-MM-DD`. */
export function addUtcDays(value: Date | string, days: number): string {
  return toIsoDate(utcDayStart(value) + days * DAY_MS);
}

/** Formats a score or a difference without trailing zeros: 6 → "6", 2.5 → "2.5". */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * The version of a record as GET returned it, sent back on PUT: an edit made from an older version
 * is refused (409 VERSION_CONFLICT), so one of two concurrent edits never silently vanishes.
 */
export const recordVersionSchema = z
  .number({ error: (iss) => (iss.input === undefined ? 'is required: send the record as you read it' : 'must be a whole number') })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(2_147_483_647, 'must be at most 2147483647');
