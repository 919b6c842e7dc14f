import {
  dueTimeIssue,
  exerciseFitsCase,
  ASSIGNMENT_STATUSES,
  assignmentInputSchema,
  assignmentResponseBodySchema,
  cadenceCheckIns,
  cadenceDueAt,
  checkInsEndAt,
  checkInStartingOn,
  canApplyAssignmentEvent,
  checkInCalendar,
  isOverdue,
  nextAssignmentStatus,
  reviewInputSchema,
  type AssignmentEvent,
  type AssignmentStatus,
} from './assignments.js';
import { DomainError } from './errors.js';

describe('assignment status', () => {
  it('has four statuses', () => {
    expect(ASSIGNMENT_STATUSES).toEqual(['assigned', 'in_progress', 'submitted', 'reviewed']);
  });

  it.each<[AssignmentStatus, AssignmentEvent, AssignmentStatus]>([
    ['assigned', 'save_draft', 'in_progress'],
    ['in_progress', 'save_draft', 'in_progress'],
    ['assigned', 'submit', 'submitted'],
    ['in_progress', 'submit', 'submitted'],
    ['submitted', 'review', 'reviewed'],
  ])('%s + %s → %s', (from, event, to) => {
    expect(nextAssignmentStatus(from, event)).toBe(to);
    expect(canApplyAssignmentEvent(from, event)).toBe(true);
  });

  it.each<[AssignmentStatus, AssignmentEvent]>([
    ['submitted', 'save_draft'],
    ['reviewed', 'save_draft'],
    ['submitted', 'submit'],
    ['reviewed', 'submit'],
    ['assigned', 'review'],
    ['in_progress', 'review'],
    ['reviewed', 'review'],
  ])('refuses %s + %s', (from, event) => {
    expect(canApplyAssignmentEvent(from, event)).toBe(false);
    expect(() => nextAssignmentStatus(from, event)).toThrow(DomainError);
    expect(() => nextAssignmentStatus(from, event)).toThrow(expect.objectContaining({ code: 'INVALID_STATUS_TRANSITION' }));
  });

  it('explains a refusal in words', () => {
    expect(() => nextAssignmentStatus('submitted', 'save_draft')).toThrow('Cannot save a draft of an assignment that is submitted');
  });
});

describe('isOverdue', () => {
  const due = '2026-03-10T18:00:00Z';

  it('is overdue once the due time has passed without a submission', () => {
    expect(isOverdue({ status: 'assigned', dueAt: due }, '2026-03-10T18:00:01Z')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueAt: due }, '2026-03-11T00:00:00Z')).toBe(true);
  });

  it('is not overdue at or before the due time', () => {
    expect(isOverdue({ status: 'assigned', dueAt: due }, due)).toBe(false);
    expect(isOverdue({ status: 'assigned', dueAt: new Date(due) }, new Date('2026-03-09T00:00:00Z'))).toBe(false);
  });

  it('is never overdue once submitted or reviewed', () => {
    expect(isOverdue({ status: 'submitted', dueAt: due }, '2026-04-01T00:00:00Z')).toBe(false);
    expect(isOverdue({ status: 'reviewed', dueAt: due }, '2026-04-01T00:00:00Z')).toBe(false);
  });

  it('waits for the last check-in of a weekly or daily homework, even when its due time passed', () => {
    const weekly = { status: 'assigned' as const, cadence: { kind: 'weekly', weeks: 4 } as const, assignedAt: '2026-03-02T09:00:00Z', dueAt: '2026-03-09T09:00:00Z' };
    expect(isOverdue(weekly, '2026-03-20T00:00:00Z')).toBe(false);
    expect(isOverdue(weekly, '2026-03-29T23:59:59.999Z')).toBe(false);
    expect(isOverdue(weekly, '2026-03-30T00:00:00Z')).toBe(true);
    const daily = { status: 'in_progress' as const, cadence: { kind: 'daily', days: 3 } as const, assignedAt: '2026-03-02T21:00:00Z', dueAt: '2026-03-04T21:00:00Z' };
    expect(isOverdue(daily, '2026-03-04T23:00:00Z')).toBe(false);
    expect(isOverdue(daily, '2026-03-05T00:00:00Z')).toBe(true);
    expect(isOverdue({ ...daily, dueAt: '2026-03-06T00:00:00Z' }, '2026-03-05T12:00:00Z')).toBe(false);
    expect(isOverdue({ ...daily, cadence: { kind: 'once' } }, '2026-03-04T23:00:00Z')).toBe(true);
  });
});

describe('cadenceDueAt and checkInsEndAt', () => {
  it('falls due on the last check-in\'s day, at the time of day the homework was given', () => {
    expect(cadenceDueAt({ kind: 'weekly', weeks: 4 }, '2026-03-02T09:30:00Z')?.toISOString()).toBe('2026-03-29T09:30:00.000Z');
    expect(cadenceDueAt({ kind: 'daily', days: 3 }, '2026-03-01T20:00:00Z')?.toISOString()).toBe('2026-03-03T20:00:00.000Z');
    expect(cadenceDueAt({ kind: 'daily', days: 1 }, '2026-03-01T20:00:00Z')?.toISOString()).toBe('2026-03-01T20:00:00.000Z');
    expect(cadenceDueAt({ kind: 'once' }, '2026-03-01T20:00:00Z')).toBeNull();
    const periods = cadenceCheckIns({ kind: 'weekly', weeks: 4 }, '2026-03-02T09:30:00Z', '2026-03-29T09:30:00Z');
    expect(periods[periods.length - 1]!.end).toBe('2026-03-29');
  });

  it('ends the check-ins at midnight UTC after the last day', () => {
    expect(checkInsEndAt({ kind: 'weekly', weeks: 2 }, '2026-03-02T09:30:00Z')?.toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(checkInsEndAt({ kind: 'daily', days: 7 }, '2026-03-02T23:30:00Z')?.toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(checkInsEndAt({ kind: 'once' }, '2026-03-02T09:30:00Z')).toBeNull();
  });
});

describe('cadenceCheckIns', () => {
  it('expects one check-in per day for a daily cadence', () => {
    expect(cadenceCheckIns({ kind: 'daily', days: 3 }, '2026-03-01T20:00:00Z', '2026-03-04T00:00:00Z')).toEqual([
      { index: 0, start: '2026-03-01', end: '2026-03-01' },
      { index: 1, start: '2026-03-02', end: '2026-03-02' },
      { index: 2, start: '2026-03-03', end: '2026-03-03' },
    ]);
  });

  it('crosses month ends', () => {
    expect(cadenceCheckIns({ kind: 'daily', days: 7 }, '2026-02-26T08:00:00Z', '2026-03-05T00:00:00Z').map((p) => p.start)).toEqual([
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
  });

  it('expects one check-in per week for a weekly cadence', () => {
    expect(cadenceCheckIns({ kind: 'weekly', weeks: 2 }, '2026-03-02T09:00:00Z', '2026-03-16T00:00:00Z')).toEqual([
      { index: 0, start: '2026-03-02', end: '2026-03-08' },
      { index: 1, start: '2026-03-09', end: '2026-03-15' },
    ]);
  });

  it('expects one period up to the due day for a one-off exercise', () => {
    expect(cadenceCheckIns({ kind: 'once' }, '2026-03-02T09:00:00Z', '2026-03-09T18:00:00Z')).toEqual([
      { index: 0, start: '2026-03-02', end: '2026-03-09' },
    ]);
  });
});

describe('checkInStartingOn', () => {
  it('is every day of a daily cadence, the first day of each week of a weekly one, never for once', () => {
    const daily = { kind: 'daily', days: 3 } as const;
    expect(checkInStartingOn(daily, '2026-03-01T20:00:00Z', '2026-03-04T00:00:00Z', '2026-03-02')).toEqual({ index: 1, start: '2026-03-02', end: '2026-03-02' });
    expect(checkInStartingOn(daily, '2026-03-01T20:00:00Z', '2026-03-04T00:00:00Z', '2026-03-04')).toBeNull();
    const weekly = { kind: 'weekly', weeks: 2 } as const;
    expect(checkInStartingOn(weekly, '2026-03-01T08:00:00Z', '2026-03-15T00:00:00Z', '2026-03-08')).toMatchObject({ index: 1 });
    expect(checkInStartingOn(weekly, '2026-03-01T08:00:00Z', '2026-03-15T00:00:00Z', '2026-03-09')).toBeNull();
    expect(checkInStartingOn({ kind: 'once' }, '2026-03-01T08:00:00Z', '2026-03-15T00:00:00Z', '2026-03-01')).toBeNull();
  });
});

describe('checkInCalendar', () => {
  const daily = { cadence: { kind: 'daily', days: 4 }, assignedAt: '2026-03-01T09:00:00Z', dueAt: '2026-03-05T00:00:00Z' } as const;

  it('marks days done, missed, due and upcoming', () => {
    expect(checkInCalendar(daily, [{ periodStart: '2026-03-01' }], '2026-03-03T12:00:00Z').map((p) => p.state)).toEqual([
      'done',
      'missed',
      'due',
      'upcoming',
    ]);
  });

  it('counts only check-ins as done: a day with just a saved draft, or the submission, stays missed', () => {
    // the staff row carries the draft's and the submission's times; neither is a check-in
    const homework = { ...daily, draftSavedAt: '2026-03-02T10:00:00Z', submittedAt: '2026-03-03T08:00:00Z' };
    expect(checkInCalendar(homework, [{ periodStart: '2026-03-01' }], '2026-03-04T12:00:00Z').map((p) => p.state)).toEqual([
      'done',
      'missed',
      'missed',
      'due',
    ]);
  });

  it('marks a week done by a check-in on any of its days', () => {
    const weekly = { cadence: { kind: 'weekly', weeks: 2 }, assignedAt: '2026-03-01T09:00:00Z', dueAt: '2026-03-15T00:00:00Z' } as const;
    expect(checkInCalendar(weekly, [{ periodStart: '2026-03-07' }], '2026-03-09T12:00:00Z').map((p) => p.state)).toEqual(['done', 'due']);
  });
});

describe('assignment bodies', () => {
  const valid = {
    caseId: '00000000-0000-0000-0000-0000000000c1',
    clientId: '00000000-0000-0000-0000-0000000000a1',
    exerciseId: '00000000-0000-0000-0000-0000000000e1',
    dueAt: '2026-03-10T18:00:00Z',
    note: 'Try it on the weekend.',
  };

  it('accepts an assignment', () => {
    expect(assignmentInputSchema.parse(valid)).toEqual(valid);
    const weekly = { ...valid, dueAt: undefined, cadence: { kind: 'weekly', weeks: 4 } };
    expect(assignmentInputSchema.parse(weekly)).toEqual(weekly);
  });

  it.each([
    [{ exerciseId: 'exception-log' }, 'exerciseId'],
    [{ dueAt: '2026-03-10' }, 'dueAt'],
    [{ note: 'x'.repeat(2001) }, 'note'],
    [{ clientId: undefined }, 'clientId'],
    [{ cadence: { kind: 'weekly', weeks: 27 } }, 'cadence.weeks'],
    [{ cadence: { kind: 'yearly' } }, 'cadence.kind'],
  ])('rejects %j', (change, path) => {
    expect(assignmentInputSchema.safeParse({ ...valid, ...change }).error?.issues[0]?.path).toEqual(path.split('.'));
  });

  it('needs feedback of 1 to 4000 characters for a review', () => {
    expect(reviewInputSchema.parse({ feedback: ' Well noticed! ' })).toEqual({ feedback: 'Well noticed!' });
    expect(reviewInputSchema.safeParse({ feedback: '  ' }).error?.issues[0]?.message).toBe('is required');
    expect(reviewInputSchema.safeParse({ feedback: 'x'.repeat(4001) }).success).toBe(false);
  });

  it('takes a response object for drafts and submissions', () => {
    expect(assignmentResponseBodySchema.parse({ response: { a: 1 }, sharedWithPartner: true })).toEqual({
      response: { a: 1 },
      sharedWithPartner: true,
    });
    expect(assignmentResponseBodySchema.safeParse({}).error?.issues[0]?.message).toBe('is required');
    expect(assignmentResponseBodySchema.safeParse({ response: [] }).error?.issues[0]?.message).toBe('must be an object of answers');
    expect(assignmentResponseBodySchema.safeParse({ response: 'text' }).success).toBe(false);
  });
});

describe('dueTimeIssue', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  const opened = '2026-10-01T09:00:00Z';
  it('accepts a due time ahead within a year', () => {
    expect(dueTimeIssue('2026-11-27T23:59:00Z', opened, { now })).toBeUndefined();
  });
  it('asks for a confirmation for a due time already past, and accepts it confirmed', () => {
    expect(dueTimeIssue('2026-11-19T23:59:00Z', opened, { now })).toMatch(/^is in the past/);
    expect(dueTimeIssue('2026-11-19T23:59:00Z', opened, { now, pastDueConfirmed: true })).toBeUndefined();
  });
  it('refuses a due time before the case opened or beyond the horizon, confirmed or not', () => {
    expect(dueTimeIssue('2026-09-01T12:00:00Z', opened, { now, pastDueConfirmed: true })).toBe('must not be before the case opened (2026-10-01)');
    expect(dueTimeIssue('2028-01-01T12:00:00Z', opened, { now })).toBe('must be within a year from now');
  });
});

describe('exerciseFitsCase', () => {
  it('gives partner exercises only in couple cases', () => {
    expect(exerciseFitsCase('individual', 'individual')).toBe(true);
    expect(exerciseFitsCase('individual', 'couple')).toBe(true);
    expect(exerciseFitsCase('each_partner', 'individual')).toBe(false);
    expect(exerciseFitsCase('partners_together', 'individual')).toBe(false);
    expect(exerciseFitsCase('partners_together', 'couple')).toBe(true);
  });
});
