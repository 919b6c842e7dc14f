import type { z } from 'zod';
import { toDate, toIsoDate } from './primitives.js';

/** How far ahead of the server's clock a moment may lie: a few minutes of a device's clock drift. */
export const RECORDED_TIME_CLOCK_DRIFT_MS = 5 * 60_000;

/**
 * Hours before UTC midnight at which the opening day starts in the earliest time zone (UTC+14):
 * a moment dated on the day a case opened counts as on or after the opening wherever it was written.
 */
const EARLIEST_ZONE_MS = 14 * 3_600_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The day the case opened (YYYY-MM-DD, UTC) and the instant that day starts in the earliest zone. */
function openingDay(caseOpenedAt: string | Date): { openedDay: string; openingDayStart: number } {
  const opened = toDate(caseOpenedAt);
  return {
    openedDay: toIsoDate(opened),
    openingDayStart: Date.UTC(opened.getUTCFullYear(), opened.getUTCMonth(), opened.getUTCDate()) - EARLIEST_ZONE_MS,
  };
}

/** How far ahead a case's plans may reach (a session booked, homework due): a year from now. */
export const CASE_PLANNING_HORIZON_DAYS = 366;

/**
 * The rule for when a planned moment of a case may be (a session's start, a homework's due time):
 * not before the day the case opened and not beyond the planning horizon. Past and future are both
 * allowed here; what a past time means is the caller's (a held session, an overdue homework).
 * Answers what is wrong, or undefined (an unparseable value is left to the format check).
 */
export function plannedTimeIssue(value: string | Date, caseOpenedAt: string | Date, now: Date = new Date()): string | undefined {
  let at: number;
  try {
    at = toDate(value).getTime();
  } catch {
    return undefined;
  }
  if (Number.isNaN(at)) return undefined;
  const { openedDay, openingDayStart } = openingDay(caseOpenedAt);
  if (at < openingDayStart) return `must not be before the case opened (${openedDay})`;
  if (at > now.getTime() + CASE_PLANNING_HORIZON_DAYS * 86_400_000) return 'must be within a year from now';
  return undefined;
}

/**
 * `plannedTimeIssue` as a zod refinement for a form or body that carries the time in `field`, e.g.
 * `sessionInputSchema.superRefine(plannedTimeRefinement('startsAt', record.openedAt))`.
 */
export function plannedTimeRefinement(field: string, caseOpenedAt: string | Date | null | undefined) {
  return timeRefinement(field, caseOpenedAt, plannedTimeIssue);
}

/**
 * The rule for when something recorded in a case happened (a rating's `recordedAt`, an exception's
 * `occurredAt`): not before the day the case opened (an entry dated 1990 would move the intake
 * baseline) and not ahead of now beyond a few minutes of clock drift. A calendar date alone (a
 * homework answer's date) may be up to tomorrow's UTC date, for clients ahead of UTC. Answers what is
 * wrong, or undefined when the time is acceptable (an unparseable value is left to the format check).
 */
export function recordedTimeIssue(value: string | Date, caseOpenedAt: string | Date, now: Date = new Date()): string | undefined {
  let at: Date;
  try {
    at = toDate(value);
  } catch {
    return undefined;
  }
  const { openedDay, openingDayStart } = openingDay(caseOpenedAt);
  if (typeof value === 'string' && DATE_ONLY.test(value)) {
    if (value < openedDay) return `must not be before the case opened (${openedDay})`;
    if (value > toIsoDate(now.getTime() + 86_400_000)) return 'must not be in the future';
    return undefined;
  }
  if (at.getTime() < openingDayStart) return `must not be before the case opened (${openedDay})`;
  if (at.getTime() > now.getTime() + RECORDED_TIME_CLOCK_DRIFT_MS) return 'must not be in the future';
  return undefined;
}

/**
 * The same rule as a zod refinement for a form or body that carries the time in `field`, e.g.
 * `caseExceptionInputSchema.superRefine(recordedTimeRefinement('occurredAt', record.openedAt))`.
 * Without a known opening time only the future is checked.
 */
export function recordedTimeRefinement(field: string, caseOpenedAt: string | Date | null | undefined) {
  return timeRefinement(field, caseOpenedAt, recordedTimeIssue);
}

/** A rule on a case's time as a zod refinement at `field` (without a known opening, since 1970). */
function timeRefinement(field: string, caseOpenedAt: string | Date | null | undefined, issueOf: (value: string, caseOpenedAt: string | Date) => string | undefined) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const at = value[field];
    if (typeof at !== 'string' || at.length === 0) return;
    const issue = issueOf(at, caseOpenedAt ?? new Date(0));
    if (issue) ctx.addIssue({ code: 'custom', path: [field], message: issue });
  };
}
