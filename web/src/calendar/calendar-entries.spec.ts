import { calendarEnMessages } from './calendar.messages';
import { calendarZhMessages } from './calendar.zh.messages';
import { MAX_PAGE_ROWS } from '@attune/domain';
import { everyPage, minutesBetween, toCalendarEntry, type CalendarSession } from './calendar-entries';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`))
    : [prefix.slice(0, -1)];

const session = (overrides: Partial<CalendarSession> = {}): CalendarSession => ({
  id: 's1', caseId: 'c1', startsAt: '2027-03-18T16:00:00.000Z', endsAt: '2027-03-18T16:50:00.000Z', durationMinutes: 50,
  format: 'individual', attendeeIds: ['a1'], stage: 6, note: {}, signedAt: null, signedBy: null, addenda: [], status: 'scheduled',
  meetingFormat: 'video', location: null, seriesId: null, timeZone: 'Europe/Berlin', cancellation: null, conflictOverrideReason: null,
  caseTitle: 'Chen Jing: between two fears', practitionerId: 'p1', attendeeNames: ['Chen Jing (pseudonym)'], changeRequests: [], version: 1,
  noteHash: null, integrity: 'unsigned', createdBy: null, createdAt: '2027-03-01T09:00:00.000Z', updatedAt: '2027-03-01T09:00:00.000Z',
  ...overrides,
});

describe('the calendar entries and words', () => {
  it('has every English word in Chinese too, and nothing more', () => {
    expect(keysOf(calendarZhMessages).sort()).toEqual(keysOf(calendarEnMessages).sort());
  });

  it('titles an entry with case and clients, and lets only a scheduled, unsigned one be dragged', () => {
    const entry = toCalendarEntry(session());
    expect(entry).toMatchObject({ title: 'Chen Jing: between two fears · Chen Jing (pseudonym)', start: '2027-03-18T16:00:00.000Z', end: '2027-03-18T16:50:00.000Z', editable: true });
    expect(toCalendarEntry(session({ status: 'held' })).editable).toBe(false);
    expect(toCalendarEntry(session({ status: 'cancelled' })).editable).toBe(false);
    expect(toCalendarEntry(session({ signedAt: '2027-03-18T17:00:00.000Z' })).editable).toBe(false);
  });

  it('measures a drag or resize in whole minutes', () => {
    expect(minutesBetween(new Date('2027-03-18T16:00:00Z'), new Date('2027-03-18T17:20:00Z'))).toBe(80);
  });

  it('reads a range of more appointments than a page holds, page after page, and stops at the end', async () => {
    const stored = Array.from({ length: MAX_PAGE_ROWS * 2 + 3 }, (_, i) => i);
    const asked: number[] = [];
    const rows = await everyPage((page, perPage) => {
      asked.push(page);
      return Promise.resolve({ data: stored.slice((page - 1) * perPage, page * perPage), total: stored.length });
    });
    expect(rows).toEqual(stored);
    expect(asked).toEqual([1, 2, 3]);
    // a range that fills exactly one page stops on the total, without asking for an empty one
    const one = Array.from({ length: MAX_PAGE_ROWS }, (_, i) => i);
    let pages = 0;
    expect(await everyPage(() => { pages++; return Promise.resolve({ data: one, total: one.length }); })).toHaveLength(MAX_PAGE_ROWS);
    expect(pages).toBe(1);
  });
});
