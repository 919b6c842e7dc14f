import { z } from 'zod';
import { DomainError } from './errors.js';
import { exerciseCadenceSchema, type ExerciseCadence } from './exercises/catalogue.js';
import { plannedTimeIssue } from './recorded-time.js';
import { addUtcDays, idSchema, typeError, isoDateTimeSchema, optionalTextSchema, textSchema, toDate, toIsoDate, utcDayStart } from './primitives.js';

export const ASSIGNMENT_STATUSES = ['assigned', 'in_progress', 'submitted', 'reviewed'] as const;
/** assigned → in_progress (a draft was saved) → submitted → reviewed. Overdue is derived, not a status. */
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export type AssignmentEvent = 'save_draft' | 'submit' | 'review';

const TRANSITIONS: Record<AssignmentEvent, { from: readonly AssignmentStatus[]; to: AssignmentStatus }> = {
  save_draft: { from: ['assigned', 'in_progress'], to: 'in_progress' },
  submit: { from: ['assigned', 'in_progress'], to: 'submitted' },
  review: { from: ['submitted'], to: 'reviewed' },
};

const EVENT_WORDS: Record<AssignmentEvent, string> = {
  save_draft: 'save a draft of',
  submit: 'submit',
  review: 'review',
};

const STATUS_WORDS: Record<AssignmentStatus, string> = {
  assigned: 'assigned',
  in_progress: 'in progress',
  submitted: 'submitted',
  reviewed: 'reviewed',
};

/** Whether the event is allowed from the status. */
export function canApplyAssignmentEvent(current: AssignmentStatus, event: AssignmentEvent): boolean {
  return TRANSITIONS[event].from.includes(current);
}

/**
 * The status after an event: a draft can be saved and a response submitted while the assignment is
 * assigned or in progress; only a submitted assignment can be reviewed. Anything else throws
 * DomainError 'INVALID_STATUS_TRANSITION'.
 */
export function nextAssignmentStatus(current: AssignmentStatus, event: AssignmentEvent): AssignmentStatus {
  const rule = TRANSITIONS[event];
  if (!rule || !rule.from.includes(current)) {
    throw new DomainError(
      'INVALID_STATUS_TRANSITION',
      `Cannot ${EVENT_WORDS[event] ?? event} an assignment that is ${STATUS_WORDS[current] ?? current}`,
    );
  }
  return rule.to;
}

/** The statuses in which an assignment still waits for its submission, and so can be overdue. */
export const AWAITING_SUBMISSION = ['assigned', 'in_progress'] as const satisfies readonly AssignmentStatus[];

/** The days a repeating cadence runs: N for daily × N, 7·N for weekly × N; 0 for once. */
function cadenceDays(cadence: ExerciseCadence): number {
  switch (cadence.kind) {
    case 'once':
      return 0;
    case 'daily':
      return Math.max(0, cadence.days);
    case 'weekly':
      return Math.max(0, cadence.weeks) * 7;
  }
}

const DAY_MS = 86_400_000;

/**
 * When the last check-in of a daily or weekly cadence is over: midnight UTC after its last day
 * (check-in days are UTC calendar days, as `cadenceCheckIns` counts them); null for once.
 */
export function checkInsEndAt(cadence: ExerciseCadence, assignedAt: Date | string): Date | null {
  if (cadence.kind === 'once') return null;
  return new Date(utcDayStart(assignedAt) + cadenceDays(cadence) * DAY_MS);
}

/**
 * The due time a daily or weekly homework follows: its last check-in's day, at the time of day it
 * was given (daily × 3 given on 1 March falls due on 3 March; weekly × 4 on the 28th day). Null
 * for once: that due time is the practitioner's choice.
 */
export function cadenceDueAt(cadence: ExerciseCadence, assignedAt: Date | string): Date | null {
  if (cadence.kind === 'once') return null;
  return new Date(toDate(assignedAt).getTime() + (Math.max(1, cadenceDays(cadence)) - 1) * DAY_MS);
}

/**
 * Overdue: the due time has passed, nothing has been submitted yet, and, for a daily or weekly
 * homework, no check-in is still running or coming up (`checkInsEndAt` has passed too), so a
 * weekly × 4 homework re-dated earlier is not overdue before its fourth week is over. With
 * `afterDays`, overdue for more than that many days (24 hours each: the practice's overdue notice
 * waits so long). `now` is the clock of the request: the API passes its transaction's now(), the
 * instant `overdueSql` compares with.
 */
export function isOverdue(
  assignment: { status: AssignmentStatus; dueAt: Date | string; cadence?: ExerciseCadence | undefined; assignedAt?: Date | string | undefined },
  now: Date | string,
  afterDays = 0,
): boolean {
  if (!(AWAITING_SUBMISSION as readonly AssignmentStatus[]).includes(assignment.status)) return false;
  const at = toDate(now).getTime() - afterDays * DAY_MS;
  if (toDate(assignment.dueAt).getTime() >= at) return false;
  if (!assignment.cadence || assignment.assignedAt === undefined) return true;
  const end = checkInsEndAt(assignment.cadence, assignment.assignedAt);
  return end === null || end.getTime() <= at;
}

const TABLE_ALIAS = /^[a-z_][a-z0-9_]*$/;
/** A column (`p.overdue_notice_after_days`) or a parameter placeholder (`$2`, `:now`). */
const SQL_OPERAND = /^([a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?|\$[1-9][0-9]*|:[a-zA-Z][a-zA-Z0-9]*)$/;

/**
 * `isOverdue` in SQL over the assignments table aliased `alias` (its `due_at`, `status`, `cadence`
 * and `assigned_at` columns), against the transaction's now() taken to the millisecond: a
 * JavaScript Date (the `now` isOverdue is given) has no microseconds, and a due time in the same
 * millisecond as now() would otherwise be overdue in SQL only. `afterDays` (a column or
 * placeholder) is isOverdue's; `now` (a placeholder) replaces the transaction's now() by an instant
 * the caller took from it. A property test (api/src/common/domain-sql.e2e-spec.ts) checks the two
 * agree at the boundaries.
 */
export function overdueSql(alias = 'a', options: { afterDays?: string; now?: string } = {}): string {
  if (!TABLE_ALIAS.test(alias)) throw new Error(`overdueSql: "${alias}" is not a table alias`);
  for (const operand of [options.afterDays, options.now]) {
    if (operand !== undefined && !SQL_OPERAND.test(operand)) throw new Error(`overdueSql: "${operand}" is not a column or parameter`);
  }
  const clock = options.now === undefined ? 'now()' : `CAST(${options.now} AS timestamptz)`;
  const after = options.afterDays === undefined ? '' : ` - make_interval(hours => 24 * ${options.afterDays})`;
  const now = `(date_trunc('milliseconds', ${clock})${after})`;
  const days = `CASE ${alias}.cadence->>'kind' WHEN 'daily' THEN (${alias}.cadence->>'days')::int ELSE 7 * (${alias}.cadence->>'weeks')::int END`;
  const checkInsEnd = `(date_trunc('day', ${alias}.assigned_at AT TIME ZONE 'UTC') + make_interval(days => ${days})) AT TIME ZONE 'UTC'`;
  return `(${alias}.due_at < ${now} AND ${alias}.status IN (${AWAITING_SUBMISSION.map((s) => `'${s}'`).join(', ')})`
    + ` AND (${alias}.cadence->>'kind' = 'once' OR ${checkInsEnd} <= ${now}))`;
}

export interface CheckInPeriod {
  /** 0-based position in the cadence. */
  index: number;
  /** First UTC calendar day of the period, YYYY-MM-DD. */
  start: string;
  /** Last UTC calendar day of the period (the same as start for a daily check-in), YYYY-MM-DD. */
  end: string;
}

/**
 * The check-ins a cadence expects, for a small calendar of done and missed days: daily for N days →
 * N single days from the day it was assigned; weekly for N weeks → N seven-day periods from that day;
 * once → one period from the day it was assigned to the due day.
 */
export function cadenceCheckIns(cadence: ExerciseCadence, assignedAt: Date | string, dueAt: Date | string): CheckInPeriod[] {
  const start = toIsoDate(assignedAt);
  switch (cadence.kind) {
    case 'once': {
      const due = toIsoDate(dueAt);
      return [{ index: 0, start, end: due < start ? start : due }];
    }
    case 'daily':
      return Array.from({ length: Math.max(0, cadence.days) }, (_, index) => {
        const day = addUtcDays(start, index);
        return { index, start: day, end: day };
      });
    case 'weekly':
      return Array.from({ length: Math.max(0, cadence.weeks) }, (_, index) => ({
        index,
        start: addUtcDays(start, index * 7),
        end: addUtcDays(start, index * 7 + 6),
      }));
  }
}

/**
 * The check-in a client is reminded of on `day` (YYYY-MM-DD, the client's own calendar day): the
 * period that starts that day (every day of a daily cadence, the first day of each week of a weekly
 * one); none for a once cadence or outside the cadence's days.
 */
export function checkInStartingOn(cadence: ExerciseCadence, assignedAt: Date | string, dueAt: Date | string, day: string): CheckInPeriod | null {
  if (cadence.kind === 'once') return null;
  return cadenceCheckIns(cadence, assignedAt, dueAt).find((period) => period.start === day) ?? null;
}

export type CheckInState = 'done' | 'missed' | 'due' | 'upcoming';

/** A homework's dates and cadence, as far as its check-in calendar needs them. */
export interface CheckInHomework {
  cadence: ExerciseCadence;
  assignedAt: Date | string;
  dueAt: Date | string;
}

/**
 * The check-in calendar of a homework, the same for the practitioner and the client: a period is
 * done when the client checked in for it (a check-in whose period start, YYYY-MM-DD, falls in it);
 * a saved draft or the submission is not a check-in. Otherwise it is missed once it has ended, due
 * while it is running and upcoming before it starts.
 */
export function checkInCalendar(
  homework: CheckInHomework,
  checkIns: readonly { periodStart: string }[],
  today: Date | string,
): (CheckInPeriod & { state: CheckInState })[] {
  const todayStart = utcDayStart(today);
  return cadenceCheckIns(homework.cadence, homework.assignedAt, homework.dueAt).map((period) => {
    const from = utcDayStart(period.start);
    const to = utcDayStart(period.end);
    let state: CheckInState;
    if (checkIns.some((c) => period.start <= c.periodStart && c.periodStart <= period.end)) state = 'done';
    else if (to < todayStart) state = 'missed';
    else if (from <= todayStart) state = 'due';
    else state = 'upcoming';
    return { ...period, state };
  });
}

/** Body for giving an exercise to a client in a case. */
export const assignmentInputSchema = z.object({
  caseId: idSchema,
  clientId: idSchema,
  exerciseId: idSchema,
  /** How often the client does it: once, daily × N, weekly × N; the exercise's own cadence when left out. */
  cadence: exerciseCadenceSchema.optional(),
  /**
   * When it is due. Required for homework done once; a daily or weekly homework falls due on its
   * last check-in's day (`cadenceDueAt`), and a due time sent with it is not used.
   */
  dueAt: isoDateTimeSchema.optional(),
  note: optionalTextSchema(2000),
  /** Sent as true to give (or move) homework with a due time already past: it is overdue at once. */
  pastDueConfirmed: z.boolean({ error: 'must be true or false' }).optional(),
  /** In a couple case: give the same homework to `clientId` and their partner at once, one assignment each. */
  bothPartners: z.boolean({ error: 'must be true or false' }).optional(),
});
export type AssignmentInput = z.infer<typeof assignmentInputSchema>;

/** A homework re-dated: the new due time, and the confirmation when it is already past. */
export const assignmentDueInputSchema = z.object({
  dueAt: isoDateTimeSchema,
  pastDueConfirmed: assignmentInputSchema.shape.pastDueConfirmed,
});

/** Body of `POST /api/assignments/:id/review`. */
export const reviewInputSchema = z.object({
  feedback: textSchema(1, 4000),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** Body of `PUT /api/me/assignments/:id/draft` and `POST /api/me/assignments/:id/submit`; the response itself is checked against the exercise's fields. */
export const assignmentResponseBodySchema = z.object({
  response: z.record(z.string(), z.unknown(), { error: typeError('must be an object of answers') }),
  /** In a couple case: whether the partner may see these answers. */
  sharedWithPartner: z.boolean({ error: 'must be true or false' }).optional(),
});
export type AssignmentResponseBody = z.infer<typeof assignmentResponseBodySchema>;


/**
 * The rule for a homework's due time, the same in the API and the assign form: a planned time of
 * the case (`plannedTimeIssue`: not before the day the case opened, not beyond the horizon), and in
 * the past only when the practitioner confirmed it (it is then overdue at once). Answers what is
 * wrong, or undefined.
 */
export function dueTimeIssue(
  dueAt: string, caseOpenedAt: string | Date, options: { now?: Date | undefined; pastDueConfirmed?: boolean | undefined } = {},
): string | undefined {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return undefined;
  const now = options.now ?? new Date();
  const planned = plannedTimeIssue(dueAt, caseOpenedAt, now);
  if (planned) return planned;
  if (due < now.getTime() && options.pastDueConfirmed !== true) return 'is in the past: confirm that the homework is overdue from the start';
  return undefined;
}

/** The same rule as a zod refinement on a body or form that carries `dueAt` and `pastDueConfirmed`. */
export function dueTimeRefinement(caseOpenedAt: string | Date | null | undefined) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const dueAt = value['dueAt'];
    if (typeof dueAt !== 'string' || dueAt.length === 0) return;
    const issue = dueTimeIssue(dueAt, caseOpenedAt ?? new Date(0), { pastDueConfirmed: value['pastDueConfirmed'] === true });
    if (issue) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: issue });
  };
}

/** "Each partner" and "partners together" exercises belong to couple cases; individual ones fit both. */
export function exerciseFitsCase(audience: 'individual' | 'each_partner' | 'partners_together', caseKind: 'individual' | 'couple'): boolean {
  return audience === 'individual' || caseKind === 'couple';
}
