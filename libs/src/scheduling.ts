import { z } from 'zod';
import { enumSchema, intSchema, isoDateSchema, isoDateTimeSchema, optionalTextSchema, textSchema } from './primitives.js';

/**
 * Scheduling: a session planned in the future is an appointment. It is scheduled, then held (and
 * then carries the note), cancelled (by whom, why, late or not) or a no-show. Times are stored in
 * UTC; a weekly series keeps its local wall-clock time in the zone it was booked in, across
 * daylight-saving changes.
 */

export const APPOINTMENT_STATUSES = ['scheduled', 'held', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** How the meeting happens; separate from whether it is individual or joint (`format`). */
export const MEETING_FORMATS = ['in_person', 'video', 'phone'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const CANCELLED_BY = ['client', 'practitioner'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

export const SERIES_FREQUENCIES = ['weekly', 'fortnightly'] as const;
export type SeriesFrequency = (typeof SERIES_FREQUENCIES)[number];

/** Which appointments of a series an edit applies to. */
export const SERIES_SCOPES = ['this', 'following'] as const;
export type SeriesScope = (typeof SERIES_SCOPES)[number];

export const APPOINTMENT_MIN_MINUTES = 5;
export const APPOINTMENT_MAX_MINUTES = 480;
/** A series is at most a year of weekly appointments. */
export const SERIES_MAX_OCCURRENCES = 52;
export const LOCATION_MAX_LENGTH = 500;
export const SCHEDULE_REASON_MAX_LENGTH = 1000;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Time zones and local wall-clock times
// ---------------------------------------------------------------------------------------------

/** Whether the runtime knows `zone` as an IANA time zone (Europe/Berlin, Asia/Shanghai, UTC). */
export function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be an IANA time zone such as Europe/Berlin') })
  .refine(isKnownTimeZone, 'is not a known time zone: use an IANA name such as Europe/Berlin or Asia/Shanghai');

/** A wall-clock time without a zone, `YYYY-MM-DDTHH:mm`. */
export type LocalDateTime = string;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export const localDateTimeSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a local date and time, e.g. 2026-03-01T09:30') })
  .regex(LOCAL, 'must be a local date and time, e.g. 2026-03-01T09:30')
  .refine((value) => parseLocal(value) !== null, 'is not a date and time that exists on the calendar');

interface LocalParts { year: number; month: number; day: number; hour: number; minute: number }

function parseLocal(local: LocalDateTime): LocalParts | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCDate() !== day) return null;
  return { year, month, day, hour, minute };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatLocal(p: LocalParts): LocalDateTime {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time of an instant in `zone`, with its weekday (0 = Sunday). */
export function toZonedLocal(instant: Date, zone: string): { local: LocalDateTime; weekday: number } {
  const parts = Object.fromEntries(formatterOf(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  const local = formatLocal({
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute),
  });
  return { local, weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!) };
}

function asUtcMs(p: LocalParts): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

/** Minutes `zone` is ahead of UTC at `instantMs`. */
function offsetMinutes(instantMs: number, zone: string): number {
  const { local } = toZonedLocal(new Date(instantMs), zone);
  return (asUtcMs(parseLocal(local)!) - Math.floor(instantMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS;
}

/**
 * The instant a wall-clock time in `zone` names. A time that does not exist there (skipped by the
 * spring-forward change) answers `null`; a time that exists twice (the autumn change) answers the
 * earlier one.
 */
export function zonedLocalToUtc(local: LocalDateTime, zone: string): Date | null {
  const parts = parseLocal(local);
  if (!parts) return null;
  const naive = asUtcMs(parts);
  const candidates = new Set<number>();
  for (const probe of [naive - DAY_MS, naive, naive + DAY_MS]) candidates.add(naive - offsetMinutes(probe, zone) * MINUTE_MS);
  const matching = [...candidates].filter((t) => toZonedLocal(new Date(t), zone).local === local).sort((a, b) => a - b);
  return matching.length > 0 ? new Date(matching[0]!) : null;
}

/**
 * Like `zonedLocalToUtc`, but a skipped wall-clock time moves forward by the length of the gap
 * (02:30 on a spring-forward night becomes 03:30), as RFC 5545 does for recurring events.
 */
export function zonedLocalToUtcForward(local: LocalDateTime, zone: string): Date {
  const exact = zonedLocalToUtc(local, zone);
  if (exact) return exact;
  const naive = asUtcMs(parseLocal(local)!);
  const before = offsetMinutes(naive - DAY_MS, zone);
  return new Date(naive - before * MINUTE_MS);
}

/** `local` moved by whole calendar days (wall-clock time kept). */
export function addLocalDays(local: LocalDateTime, days: number): LocalDateTime {
  const p = parseLocal(local)!;
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days, p.hour, p.minute));
  return formatLocal({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() });
}

/** Whole calendar days from the date of `from` to the date of `to` (both local). */
export function localDaysBetween(from: LocalDateTime, to: LocalDateTime): number {
  const a = parseLocal(from)!;
  const b = parseLocal(to)!;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------------------------

export const seriesRepeatSchema = z
  .object({
    frequency: enumSchema(SERIES_FREQUENCIES),
    until: isoDateSchema.optional(),
    count: intSchema(2, SERIES_MAX_OCCURRENCES).optional(),
  }, { error: 'must be an object with frequency and until or count' })
  .superRefine((repeat, ctx) => {
    if (repeat.until === undefined && repeat.count === undefined) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'a series needs an end: give the last date (until) or the number of appointments (count)' });
    } else if (repeat.until !== undefined && repeat.count !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'give either until or count, not both' });
    }
  });
export type SeriesRepeat = z.infer<typeof seriesRepeatSchema>;

export interface SeriesOccurrence {
  /** The wall-clock start in the series' zone. */
  local: LocalDateTime;
  startsAt: Date;
}

/**
 * The appointments of a series: every 7 or 14 days at the same wall-clock time in `zone`, from the
 * first one to the last date `until` (inclusive, in that zone) or `count` of them. An occurrence
 * whose time is skipped by a spring-forward change moves forward by the gap. At most
 * SERIES_MAX_OCCURRENCES; more is a field error of `repeat`.
 */
export function seriesOccurrences(first: LocalDateTime, zone: string, repeat: SeriesRepeat): SeriesOccurrence[] | { field: string; message: string } {
  const step = repeat.frequency === 'weekly' ? 7 : 14;
  const out: SeriesOccurrence[] = [];
  for (let i = 0; ; i++) {
    const local = addLocalDays(first, i * step);
    if (repeat.count !== undefined && i >= repeat.count) break;
    if (repeat.until !== undefined && local.slice(0, 10) > repeat.until) break;
    if (out.length >= SERIES_MAX_OCCURRENCES) {
      return { field: 'repeat.until', message: `a series has at most ${SERIES_MAX_OCCURRENCES} appointments; choose an earlier last date` };
    }
    out.push({ local, startsAt: zonedLocalToUtcForward(local, zone) });
  }
  if (out.length < 2) return { field: 'repeat.until', message: 'must be on or after the second appointment\'s date' };
  return out;
}

/**
 * Where a later appointment of a series goes when one is moved with "this and following": the
 * same number of calendar days and the new wall-clock time, in the series' zone (so a move across
 * a daylight-saving change keeps everyone's local time).
 */
export function shiftFollowing(
  movedFrom: Date, movedTo: Date, other: Date, zone: string,
): Date {
  const from = toZonedLocal(movedFrom, zone).local;
  const to = toZonedLocal(movedTo, zone).local;
  const otherLocal = toZonedLocal(other, zone).local;
  const shifted = `${addLocalDays(otherLocal, localDaysBetween(from, to)).slice(0, 10)}T${to.slice(11)}`;
  return zonedLocalToUtcForward(shifted, zone);
}

// ---------------------------------------------------------------------------------------------
// The time of one appointment
// ---------------------------------------------------------------------------------------------

/**
 * When an appointment is: an instant (`startsAt`, ISO 8601 with a zone) or a wall-clock time
 * (`localStartsAt` in `timeZone`, so a local time that does not exist is refused); and its length
 * (`durationMinutes`, 5-480) or its end (`endsAt`).
 */
export const appointmentTimeShape = {
  startsAt: isoDateTimeSchema.optional(),
  localStartsAt: localDateTimeSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  durationMinutes: z.number({ error: 'must be a whole number of minutes' }).int('must be a whole number of minutes').optional(),
  endsAt: isoDateTimeSchema.optional(),
};

export interface AppointmentTimeInput {
  startsAt?: string | undefined;
  localStartsAt?: string | undefined;
  timeZone?: string | undefined;
  durationMinutes?: number | undefined;
  endsAt?: string | undefined;
}

export interface ResolvedAppointmentTime {
  startsAt: Date;
  durationMinutes: number;
  /** The wall-clock start in `timeZone`. */
  local: LocalDateTime;
  timeZone: string;
}

/**
 * The start, length and zone of an appointment, or the fields that are wrong (keyed as the API
 * reports them). `fallbackZone` is the practitioner's zone when the input names none.
 */
export function resolveAppointmentTime(input: AppointmentTimeInput, fallbackZone: string): ResolvedAppointmentTime | Record<string, string> {
  const timeZone = input.timeZone ?? fallbackZone;
  let startsAt: Date | null;
  if (input.localStartsAt !== undefined) {
    startsAt = zonedLocalToUtc(input.localStartsAt, timeZone);
    if (!startsAt) return { localStartsAt: `does not exist in ${timeZone}: the clocks skip this hour (daylight saving time begins); choose another time` };
  } else if (input.startsAt !== undefined) {
    startsAt = new Date(input.startsAt);
  } else {
    return { startsAt: 'is required' };
  }
  let durationMinutes: number;
  if (input.endsAt !== undefined) {
    const end = new Date(input.endsAt);
    if (end.getTime() <= startsAt.getTime()) return { endsAt: 'must be after the start' };
    durationMinutes = Math.round((end.getTime() - startsAt.getTime()) / MINUTE_MS);
    if (input.durationMinutes !== undefined && input.durationMinutes !== durationMinutes) {
      return { durationMinutes: 'does not match endsAt: give one of them' };
    }
  } else if (input.durationMinutes !== undefined) {
    durationMinutes = input.durationMinutes;
  } else {
    return { durationMinutes: 'is required (or endsAt)' };
  }
  if (durationMinutes < APPOINTMENT_MIN_MINUTES || durationMinutes > APPOINTMENT_MAX_MINUTES) {
    const field = input.endsAt !== undefined ? 'endsAt' : 'durationMinutes';
    return { [field]: `an appointment lasts between ${APPOINTMENT_MIN_MINUTES} and ${APPOINTMENT_MAX_MINUTES} minutes` };
  }
  return { startsAt, durationMinutes, timeZone, local: toZonedLocal(startsAt, timeZone).local };
}

export function isResolvedTime(value: ResolvedAppointmentTime | Record<string, string>): value is ResolvedAppointmentTime {
  return value.startsAt instanceof Date;
}

export function endOf(startsAt: Date, durationMinutes: number): Date {
  return new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);
}

/** Whether two appointments share any minute (back to back is no clash). */
export function appointmentsOverlap(
  a: { startsAt: Date; durationMinutes: number }, b: { startsAt: Date; durationMinutes: number },
): boolean {
  return a.startsAt.getTime() < endOf(b.startsAt, b.durationMinutes).getTime()
    && b.startsAt.getTime() < endOf(a.startsAt, a.durationMinutes).getTime();
}

/** Only these take up the practitioner's time; a cancelled appointment frees it. */
export function occupiesTime(status: AppointmentStatus): boolean {
  return status === 'scheduled' || status === 'held';
}

// ---------------------------------------------------------------------------------------------
// Working hours
// ---------------------------------------------------------------------------------------------

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const hhmm = z.string({ error: 'must be a time HH:MM' }).regex(HHMM, 'must be a time HH:MM');

/** Opening intervals per weekday, as wall-clock times in the practitioner's zone. */
export const workingHoursSchema = z
  .partialRecord(z.enum(WEEKDAYS), z.array(z.tuple([hhmm, hhmm])).max(6, 'at most 6 intervals a day'))
  .superRefine((hours, ctx) => {
    for (const [day, intervals] of Object.entries(hours)) {
      intervals?.forEach(([from, to], i) => {
        if (from >= to) ctx.addIssue({ code: 'custom', path: [day, i], message: 'must end after it starts' });
      });
    }
  });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

/** Monday to Friday, 09:00-18:00: the hours a new practitioner starts with. */
export const DEFAULT_WORKING_HOURS: WorkingHours = Object.freeze({
  mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']],
}) as WorkingHours;

/**
 * Whether an appointment lies wholly inside one working interval of its day, read in the
 * practitioner's zone. `null` hours means none were set: everything is inside.
 */
export function isWithinWorkingHours(startsAt: Date, durationMinutes: number, zone: string, hours: WorkingHours | null): boolean {
  if (hours === null) return true;
  const start = toZonedLocal(startsAt, zone);
  const end = toZonedLocal(endOf(startsAt, durationMinutes), zone);
  const sameDay = end.local.slice(0, 10) === start.local.slice(0, 10) || end.local.slice(11) === '00:00';
  if (!sameDay) return false;
  const from = start.local.slice(11);
  const to = end.local.slice(11) === '00:00' && end.local.slice(0, 10) !== start.local.slice(0, 10) ? '24:00' : end.local.slice(11);
  return (hours[WEEKDAYS[start.weekday]!] ?? []).some(([a, b]) => a <= from && to <= b);
}

// ---------------------------------------------------------------------------------------------
// States, cancellations and the practice's policy
// ---------------------------------------------------------------------------------------------

/**
 * Which status changes are allowed: a scheduled appointment is held, cancelled or missed; a
 * cancelled or missed one can be put back to scheduled, and a held one too while its note is
 * unsigned (a mistake). A signed note fixes the appointment for good (checked by the caller).
 */
export function canChangeStatus(from: AppointmentStatus, to: AppointmentStatus): boolean {
  if (from === to) return false;
  if (from === 'scheduled') return true;
  return to === 'scheduled';
}

/** A cancellation is late when it comes less than the practice's notice before the start. */
export function isLateCancellation(startsAt: Date, cancelledAt: Date, noticeHours: number): boolean {
  return startsAt.getTime() - cancelledAt.getTime() < noticeHours * 3_600_000;
}

export const appointmentStatusChangeSchema = z
  .object({
    status: enumSchema(APPOINTMENT_STATUSES),
    cancelledBy: enumSchema(CANCELLED_BY).optional(),
    reason: optionalTextSchema(SCHEDULE_REASON_MAX_LENGTH),
    version: intSchema(1, 2_147_483_647).optional(),
  })
  .superRefine((change, ctx) => {
    if (change.status === 'cancelled') {
      if (!change.cancelledBy) ctx.addIssue({ code: 'custom', path: ['cancelledBy'], message: 'say who cancelled: client or practitioner' });
      if (!change.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when an appointment is cancelled' });
    }
  });
export type AppointmentStatusChange = z.infer<typeof appointmentStatusChangeSchema>;

/** The practice's scheduling policy, with the defaults a practice starts with. */
export interface SchedulingPolicy {
  timeZone: string;
  /** A client may ask to cancel or reschedule up to this many hours before the start. */
  changeNoticeHours: number;
  /** Clients are reminded this many hours before an appointment. */
  reminderHoursBefore: number;
}

export const DEFAULT_SCHEDULING_POLICY: SchedulingPolicy = Object.freeze({
  timeZone: 'UTC', changeNoticeHours: 24, reminderHoursBefore: 24,
});

export const schedulingPolicySchema = z.object({
  timeZone: timeZoneSchema,
  changeNoticeHours: intSchema(0, 336),
  reminderHoursBefore: intSchema(1, 168),
});

export const CHANGE_REQUEST_KINDS = ['cancel', 'reschedule'] as const;
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];

/** Body of a client's `POST /api/me/sessions/:id/change-requests`. */
export const changeRequestInputSchema = z.object({
  kind: enumSchema(CHANGE_REQUEST_KINDS),
  message: optionalTextSchema(SCHEDULE_REASON_MAX_LENGTH),
});
export type ChangeRequestInput = z.infer<typeof changeRequestInputSchema>;

export const CHANGE_REQUEST_DECISIONS = ['accept', 'decline'] as const;
export type ChangeRequestDecision = (typeof CHANGE_REQUEST_DECISIONS)[number];
/** What became of a client's request: still open, or answered. */
export const CHANGE_REQUEST_OUTCOMES = ['pending', 'accepted', 'declined'] as const;
export type ChangeRequestOutcome = (typeof CHANGE_REQUEST_OUTCOMES)[number];


/**
 * Whether a client may still ask to cancel or reschedule: only before `noticeHours` before the
 * start. Outside the policy the answer is the sentence to show them.
 */
export function changeRequestAllowed(startsAt: Date, now: Date, noticeHours: number): { allowed: true } | { allowed: false; message: string } {
  if (startsAt.getTime() <= now.getTime()) return { allowed: false, message: 'This session has already started; please contact your practitioner directly.' };
  if (isLateCancellation(startsAt, now, noticeHours)) {
    return {
      allowed: false,
      message: `Changes can be asked for up to ${noticeHours} hours before a session (the practice's policy); please contact your practitioner directly.`,
    };
  }
  return { allowed: true };
}

// ---------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------

/**
 * An appointment needs its reminder once it is `hoursBefore` or less away, while it is still
 * scheduled, has not started and was not reminded of yet. The job runs every few minutes, so an
 * appointment booked less than `hoursBefore` ahead is reminded at the next run.
 */
export function needsReminder(
  appointment: { status: AppointmentStatus; startsAt: Date; reminderSentAt: Date | null },
  now: Date,
  hoursBefore: number,
): boolean {
  return appointment.status === 'scheduled'
    && appointment.reminderSentAt === null
    && appointment.startsAt.getTime() > now.getTime()
    && appointment.startsAt.getTime() <= now.getTime() + hoursBefore * 3_600_000;
}

// ---------------------------------------------------------------------------------------------
// Input of the calendar
// ---------------------------------------------------------------------------------------------

/** What lets a booking through that would otherwise be refused with 409. */
export const bookingOverrideShape = {
  /** A clash with another appointment of the practitioner is accepted with a reason. */
  conflictOverrideReason: textSchema(1, SCHEDULE_REASON_MAX_LENGTH).nullish().transform((v) => v ?? undefined),
  /** The practitioner confirmed a time outside their working hours. */
  outsideWorkingHours: z.boolean({ error: 'must be true or false' }).nullish().transform((v) => v ?? undefined),
};

export const appointmentDetailsShape = {
  meetingFormat: enumSchema(MEETING_FORMATS).optional(),
  location: optionalTextSchema(LOCATION_MAX_LENGTH),
};

/** Body of `POST /api/sessions/:id/move`: the new time (drag, resize or the form), for this or the following ones. */
export const appointmentMoveSchema = z.object({
  ...appointmentTimeShape,
  ...bookingOverrideShape,
  version: intSchema(1, 2_147_483_647),
  scope: enumSchema(SERIES_SCOPES).default('this'),
});
export type AppointmentMove = z.infer<typeof appointmentMoveSchema>;

/**
 * Body of the practitioner's `POST /api/sessions/:id/change-requests/:requestId/decision`.
 * Accepting a cancellation cancels the session (by the client, late only if the request was);
 * accepting a reschedule moves it to the new time given here; declining needs the reason the
 * client reads in the portal. `version` is the session's, as for a move.
 */
export const changeRequestDecisionSchema = z.object({
  decision: enumSchema(CHANGE_REQUEST_DECISIONS),
  reason: optionalTextSchema(SCHEDULE_REASON_MAX_LENGTH),
  version: intSchema(1, 2_147_483_647),
  ...appointmentTimeShape,
  ...bookingOverrideShape,
}).superRefine((input, ctx) => {
  if (input.decision === 'decline' && !input.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to decline: the client reads it in the portal' });
});
export type ChangeRequestDecisionInput = z.infer<typeof changeRequestDecisionSchema>;
/** What a client of the API sends as a decision (before the schema's defaults and transforms). */
export type ChangeRequestDecisionRequest = z.input<typeof changeRequestDecisionSchema>;

/** Body of `PUT /api/scheduling-profiles/:userId`: a person's zone and (staff) working hours. */
export const schedulingProfileInputSchema = z.object({
  timeZone: timeZoneSchema,
  workingHours: workingHoursSchema.nullable().optional(),
});
export type SchedulingProfileInput = z.infer<typeof schedulingProfileInputSchema>;

/** Body of `POST /api/me/calendar-feed`. */
export const calendarFeedInputSchema = z.object({
  showInitials: z.boolean({ error: 'must be true or false' }).default(false),
}).default({ showInitials: false });
export type CalendarFeedInput = z.infer<typeof calendarFeedInputSchema>;

/** The initials of a display name ("Chen Jing (pseudonym)" → "C.J."), for a feed that may show them. */
export function initialsOf(displayName: string): string {
  const words = displayName.replace(/\(.*?\)/g, ' ').trim().split(/\s+/).filter(Boolean);
  return words.map((w) => `${[...w][0]!.toUpperCase()}.`).join('');
}
