import type { ParsedListQuery } from './list-query.js';

/** A calendar date, or an instant with its zone: `2026-03-01`, `2026-03-01T09:30:00Z`, `2026-03-01T09:30:00.123+08:00`. */
const QUERY_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

export const QUERY_DATE_RULE = 'must be a date (YYYY-MM-DD) or an instant with a zone (2026-03-01T09:30:00Z) between 0001-01-01 and 9999-12-31';

/**
 * The one reader of a date given in a query string (a list's `<field>_gte` / `<field>_lte` filter,
 * react-admin's convention). Only the ISO forms above, with real calendar days, clock times and
 * offsets of at most 14 hours: anything `Date.parse` would stretch (`+275760-09-13T00:00:00Z`,
 * `GMT+1430`, `2026-02-30`) is refused before PostgreSQL sees it. A calendar date means the whole
 * UTC day: a lower bound from its first moment, an upper bound to its last, so
 * `{"recordedAt_lte":"2026-03-01"}` includes that day. Returns the text PostgreSQL gets, or null.
 */
export function parseQueryDate(value: unknown, bound: 'from' | 'to'): string | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const m = QUERY_DATE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (m[4] === undefined) return bound === 'from' ? `${m[1]}-${m[2]}-${m[3]}T00:00:00.000000Z` : `${m[1]}-${m[2]}-${m[3]}T23:59:59.999999Z`;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return null;
  if (m[7] !== undefined && (Number(m[7]) > 14 || Number(m[8]) > 59)) return null;
  return value;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

