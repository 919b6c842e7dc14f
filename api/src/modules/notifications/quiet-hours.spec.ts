import { DEFAULT_QUIET_HOURS, endOfQuietHours, isQuiet, localMinuteOf } from './quiet-hours.js';

describe('quiet hours', () => {
  const shanghai = { timeZone: 'Asia/Shanghai', ...DEFAULT_QUIET_HOURS };

  it('reads the wall clock of the recipient\'s zone', () => {
    expect(localMinuteOf(new Date('2026-12-03T13:30:00Z'), 'Asia/Shanghai')).toBe(21 * 60 + 30);
    expect(localMinuteOf(new Date('2026-12-03T13:30:00Z'), 'UTC')).toBe(13 * 60 + 30);
  });

  it('covers 21:00-08:00 across midnight, and nothing when start equals end', () => {
    expect(isQuiet(20 * 60 + 59, DEFAULT_QUIET_HOURS)).toBe(false);
    expect(isQuiet(21 * 60, DEFAULT_QUIET_HOURS)).toBe(true);
    expect(isQuiet(3 * 60, DEFAULT_QUIET_HOURS)).toBe(true);
    expect(isQuiet(8 * 60, DEFAULT_QUIET_HOURS)).toBe(false);
    expect(isQuiet(12 * 60, { start: 12 * 60, end: 13 * 60 })).toBe(true);
    expect(isQuiet(3 * 60, { start: 0, end: 0 })).toBe(false);
  });

  it('holds a message written at 21:30 in Shanghai until 08:00 there, and lets one written at noon go at once', () => {
    expect(endOfQuietHours(new Date('2026-12-03T13:30:00Z'), shanghai).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    const noon = new Date('2026-12-03T04:00:00Z');
    expect(endOfQuietHours(noon, shanghai)).toBe(noon);
  });
});
