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
  const opened = toDate(caseOpenedAt);
  const openedDay = toIsoDate(opened);
  const openingDayStart = Date.UTC(opened.getUTCFullYear(), opened.getUTCMonth(), opened.getUTCDate()) - EARLIEST_ZONE_MS;
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
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const at = value[field];
    if (typeof at !== 'string' || at.length === 0) return;
    const issue = recordedTimeIssue(at, caseOpenedAt ?? new Date(0));
    if (issue) ctx.addIssue({ code: 'custom', path: [field], message: issue });
  };
}
