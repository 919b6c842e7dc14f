import {
  addUtcDays,
  formatNumber,
  idSchema,
  isoDateOrDateTimeSchema,
  isoDateTimeSchema,
  textSchema,
  toDate,
  toIsoDate,
  utcCalendarDaysBetween,
} from './primitives.js';

describe('primitives', () => {
  it('accepts any 8-4-4-4-12 hex id, including fixed seed ids', () => {
    expect(idSchema.safeParse('00000000-0000-0000-0000-000000000001').success).toBe(true);
    expect(idSchema.safeParse('3f0b2a4e-9c1d-4e5f-8a7b-6c5d4e3f2a1b').success).toBe(true);
    expect(idSchema.safeParse('3f0b2a4e9c1d4e5f8a7b6c5d4e3f2a1b').success).toBe(false);
  });

  it('needs a time zone on instants', () => {
    expect(isoDateTimeSchema.safeParse('2026-03-01T09:30:00Z').success).toBe(true);
    expect(isoDateTimeSchema.safeParse('2026-03-01T09:30:00.123+08:00').success).toBe(true);
    expect(isoDateTimeSchema.safeParse('2026-03-01T09:30:00').success).toBe(false);
    expect(isoDateOrDateTimeSchema().safeParse('2026-02-29').success).toBe(false);
    expect(isoDateOrDateTimeSchema().safeParse('2028-02-29').success).toBe(true);
  });

  it('trims text before measuring it', () => {
    expect(textSchema(3, 5).parse('  abc  ')).toBe('abc');
    expect(textSchema(3, 5).safeParse('  ab  ').error?.issues[0]?.message).toBe('must be at least 3 characters long');
  });

  it('counts UTC calendar days', () => {
    expect(utcCalendarDaysBetween('2026-03-01T23:59:00Z', '2026-03-02T00:01:00Z')).toBe(1);
    expect(utcCalendarDaysBetween('2026-03-02T00:01:00Z', '2026-03-01T23:59:00Z')).toBe(-1);
    expect(utcCalendarDaysBetween('2026-03-28T12:00:00Z', '2026-04-04T12:00:00Z')).toBe(7);
    expect(addUtcDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(toIsoDate('2026-03-01T23:30:00-02:00')).toBe('2026-03-02');
  });

  it('refuses an unparseable date', () => {
    expect(() => toDate('someday')).toThrow(RangeError);
  });

  it('formats scores without trailing zeros', () => {
    expect([6, 2.5, 0.5, 10].map(formatNumber)).toEqual(['6', '2.5', '0.5', '10']);
  });
});
