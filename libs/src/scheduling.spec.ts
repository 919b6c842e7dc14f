import {
  appointmentMoveSchema,
  appointmentsOverlap,
  canChangeStatus,
  changeRequestAllowed,
  DEFAULT_WORKING_HOURS,
  initialsOf,
  isLateCancellation,
  isResolvedTime,
  isWithinWorkingHours,
  needsReminder,
  resolveAppointmentTime,
  seriesOccurrences,
  seriesRepeatSchema,
  shiftFollowing,
  toZonedLocal,
  zonedLocalToUtc,
  zonedLocalToUtcForward,
} from './scheduling.js';

const BERLIN = 'Europe/Berlin';

describe('local times in a zone', () => {
  it('reads a wall-clock time in Berlin in winter and in summer', () => {
    expect(zonedLocalToUtc('2026-01-15T10:00', BERLIN)!.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(zonedLocalToUtc('2026-07-15T10:00', BERLIN)!.toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(zonedLocalToUtc('2026-07-15T10:00', 'Asia/Shanghai')!.toISOString()).toBe('2026-07-15T02:00:00.000Z');
    expect(zonedLocalToUtc('2026-07-15T10:00', 'UTC')!.toISOString()).toBe('2026-07-15T10:00:00.000Z');
  });

  it('refuses the hour the clocks skip in spring, and takes the earlier of the hour they repeat in autumn', () => {
    expect(zonedLocalToUtc('2026-03-29T02:30', BERLIN)).toBeNull();
    expect(zonedLocalToUtc('2026-03-29T03:00', BERLIN)!.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedLocalToUtc('2026-10-25T02:30', BERLIN)!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedLocalToUtcForward('2026-03-29T02:30', BERLIN).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedLocalToUtc('2026-03-08T02:15', 'America/New_York')).toBeNull();
  });

  it('shows an instant as wall-clock time with its weekday', () => {
    expect(toZonedLocal(new Date('2026-03-30T07:00:00Z'), BERLIN)).toEqual({ local: '2026-03-30T09:00', weekday: 1 });
  });
});

describe('a weekly series', () => {
  it('keeps 18:00 in Berlin across the spring change: the UTC time moves, the local one does not', () => {
    const series = seriesOccurrences('2026-03-19T18:00', BERLIN, { frequency: 'weekly', count: 3 });
    expect(Array.isArray(series)).toBe(true);
    const list = series as Array<{ local: string; startsAt: Date }>;
    expect(list.map((o) => o.local)).toEqual(['2026-03-19T18:00', '2026-03-26T18:00', '2026-04-02T18:00']);
    expect(list.map((o) => o.startsAt.toISOString())).toEqual(['2026-03-19T17:00:00.000Z', '2026-03-26T17:00:00.000Z', '2026-04-02T16:00:00.000Z']);
  });

  it('runs fortnightly until a date, the date itself included', () => {
    const list = seriesOccurrences('2026-01-05T09:00', 'UTC', { frequency: 'fortnightly', until: '2026-02-02' }) as Array<{ local: string }>;
    expect(list.map((o) => o.local)).toEqual(['2026-01-05T09:00', '2026-01-19T09:00', '2026-02-02T09:00']);
  });

  it('needs an end: until or count; more than 52 or fewer than 2 is a field error', () => {
    const result = seriesRepeatSchema.safeParse({ frequency: 'weekly' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['until']);
    expect(seriesOccurrences('2026-01-05T09:00', 'UTC', { frequency: 'weekly', until: '2028-01-01' })).toEqual(expect.objectContaining({ field: 'repeat.until' }));
    expect(seriesOccurrences('2026-01-05T09:00', 'UTC', { frequency: 'weekly', until: '2026-01-06' })).toEqual(expect.objectContaining({ field: 'repeat.until' }));
  });

  it('moves the following appointments by the same days and to the same new wall-clock time, across a change of clocks', () => {
    // moved from Thu 19 March 18:00 to Fri 20 March 17:00 (Berlin); the one of 2 April follows to Fri 3 April 17:00 (summer time)
    const moved = shiftFollowing(new Date('2026-03-19T17:00:00Z'), new Date('2026-03-20T16:00:00Z'), new Date('2026-04-02T16:00:00Z'), BERLIN);
    expect(toZonedLocal(moved, BERLIN).local).toBe('2026-04-03T17:00');
    expect(moved.toISOString()).toBe('2026-04-03T15:00:00.000Z');
  });
});

describe('the time of one appointment', () => {
  it('takes an instant with a length, or an end', () => {
    const a = resolveAppointmentTime({ startsAt: '2026-05-04T08:00:00Z', durationMinutes: 50 }, BERLIN);
    expect(isResolvedTime(a) && a.durationMinutes).toBe(50);
    expect(isResolvedTime(a) && a.local).toBe('2026-05-04T10:00');
    const b = resolveAppointmentTime({ startsAt: '2026-05-04T08:00:00Z', endsAt: '2026-05-04T09:30:00Z' }, BERLIN);
    expect(isResolvedTime(b) && b.durationMinutes).toBe(90);
  });

  it('names the field: an end before the start, a length outside 5-480, a skipped local time', () => {
    expect(resolveAppointmentTime({ startsAt: '2026-05-04T08:00:00Z', endsAt: '2026-05-04T07:00:00Z' }, 'UTC')).toEqual({ endsAt: 'must be after the start' });
    expect(Object.keys(resolveAppointmentTime({ startsAt: '2026-05-04T08:00:00Z', durationMinutes: 4 }, 'UTC'))).toEqual(['durationMinutes']);
    expect(Object.keys(resolveAppointmentTime({ startsAt: '2026-05-04T08:00:00Z', durationMinutes: 481 }, 'UTC'))).toEqual(['durationMinutes']);
    expect(Object.keys(resolveAppointmentTime({ startsAt: '2026-05-04T08:00:00Z', endsAt: '2026-05-04T17:00:00Z' }, 'UTC'))).toEqual(['endsAt']);
    const skipped = resolveAppointmentTime({ localStartsAt: '2026-03-29T02:30', timeZone: BERLIN, durationMinutes: 50 }, 'UTC');
    expect(skipped).toEqual({ localStartsAt: expect.stringContaining('does not exist in Europe/Berlin') });
  });

  it('clashes only when minutes are shared: back to back is fine', () => {
    const at = (iso: string, durationMinutes: number) => ({ startsAt: new Date(iso), durationMinutes });
    expect(appointmentsOverlap(at('2026-05-04T08:00:00Z', 50), at('2026-05-04T08:49:00Z', 50))).toBe(true);
    expect(appointmentsOverlap(at('2026-05-04T08:00:00Z', 50), at('2026-05-04T08:50:00Z', 50))).toBe(false);
    expect(appointmentsOverlap(at('2026-05-04T08:00:00Z', 480), at('2026-05-04T09:00:00Z', 5))).toBe(true);
  });

  it('validates a move: the version is required, the scope defaults to this one', () => {
    expect(appointmentMoveSchema.safeParse({ startsAt: '2026-05-04T08:00:00Z' }).error!.issues[0]!.path).toEqual(['version']);
    expect(appointmentMoveSchema.parse({ startsAt: '2026-05-04T08:00:00Z', version: 2 }).scope).toBe('this');
  });
});

describe('working hours', () => {
  it('reads the hours in the practitioner\'s zone: Monday 09:00-18:00 Berlin', () => {
    expect(isWithinWorkingHours(new Date('2026-05-04T07:00:00Z'), 60, BERLIN, DEFAULT_WORKING_HOURS)).toBe(true);
    expect(isWithinWorkingHours(new Date('2026-05-04T06:30:00Z'), 60, BERLIN, DEFAULT_WORKING_HOURS)).toBe(false);
    expect(isWithinWorkingHours(new Date('2026-05-04T15:30:00Z'), 60, BERLIN, DEFAULT_WORKING_HOURS)).toBe(false);
    expect(isWithinWorkingHours(new Date('2026-05-03T09:00:00Z'), 60, BERLIN, DEFAULT_WORKING_HOURS)).toBe(false);
    expect(isWithinWorkingHours(new Date('2026-05-03T09:00:00Z'), 60, BERLIN, null)).toBe(true);
  });
});

describe('states and the practice\'s policy', () => {
  it('moves a scheduled appointment on, and back only to scheduled', () => {
    expect(canChangeStatus('scheduled', 'held')).toBe(true);
    expect(canChangeStatus('scheduled', 'cancelled')).toBe(true);
    expect(canChangeStatus('cancelled', 'held')).toBe(false);
    expect(canChangeStatus('no_show', 'scheduled')).toBe(true);
    expect(canChangeStatus('held', 'held')).toBe(false);
  });

  it('calls a cancellation late under the notice, and refuses a client\'s request then with the policy in words', () => {
    const start = new Date('2026-05-04T08:00:00Z');
    expect(isLateCancellation(start, new Date('2026-05-03T08:00:01Z'), 24)).toBe(true);
    expect(isLateCancellation(start, new Date('2026-05-03T08:00:00Z'), 24)).toBe(false);
    expect(changeRequestAllowed(start, new Date('2026-05-02T08:00:00Z'), 24)).toEqual({ allowed: true });
    expect(changeRequestAllowed(start, new Date('2026-05-03T09:00:00Z'), 24)).toEqual({ allowed: false, message: expect.stringContaining('24 hours before') });
  });

  it('reminds once, of a scheduled appointment that is 24 hours or less away', () => {
    const now = new Date('2026-05-03T08:00:00Z');
    const base = { status: 'scheduled' as const, reminderSentAt: null };
    expect(needsReminder({ ...base, startsAt: new Date('2026-05-04T08:00:00Z') }, now, 24)).toBe(true);
    expect(needsReminder({ ...base, startsAt: new Date('2026-05-04T08:01:00Z') }, now, 24)).toBe(false);
    expect(needsReminder({ ...base, startsAt: new Date('2026-05-03T07:59:00Z') }, now, 24)).toBe(false);
    expect(needsReminder({ ...base, status: 'cancelled', startsAt: new Date('2026-05-03T12:00:00Z') }, now, 24)).toBe(false);
    expect(needsReminder({ ...base, reminderSentAt: now, startsAt: new Date('2026-05-03T12:00:00Z') }, now, 24)).toBe(false);
  });

  it('shows initials, not names, in a feed that asks for them', () => {
    expect(initialsOf('Chen Jing (pseudonym)')).toBe('C.J.');
    expect(initialsOf('zhou ting')).toBe('Z.T.');
  });
});
