import { DEFAULT_MEASURE_EXPIRY_DAYS } from '@attune/domain';
import { dueOccurrence, occurrenceExpiresAt } from './measure-occurrences.js';
import { MeasureSchedule } from './measure-schedule.entity.js';

const at = (iso: string) => new Date(iso);
const START = '2026-03-02T09:00:00Z';

function schedule(over: Partial<MeasureSchedule>): MeasureSchedule {
  return Object.assign(new MeasureSchedule(), {
    id: 's', practiceId: 'p', caseId: 'k', clientId: 'c', measureKey: 'phq-9', cadence: 'once', intervalWeeks: null,
    expiresAfterDays: DEFAULT_MEASURE_EXPIRY_DAYS, startsAt: at(START), active: true, createdBy: null, createdAt: at(START), ...over,
  });
}

describe('dueOccurrence: once', () => {
  const once = schedule({ cadence: 'once' });

  it('opens occurrence 0 at the start, not a moment before', () => {
    expect(dueOccurrence(once, [], at('2026-03-02T08:59:59Z'))).toBeNull();
    expect(dueOccurrence(once, [], at(START))).toEqual({ occurrence: 0, opensAt: at(START) });
  });

  it('stays occurrence 0 however long after, and nothing for a stopped schedule', () => {
    expect(dueOccurrence(once, [], at('2026-06-01T00:00:00Z'))).toEqual({ occurrence: 0, opensAt: at(START) });
    expect(dueOccurrence(schedule({ active: false }), [], at('2026-03-03T00:00:00Z'))).toBeNull();
  });
});

describe('dueOccurrence: every session', () => {
  const every = schedule({ cadence: 'every_session' });
  const sessions = [at('2026-02-23T10:00:00Z'), at('2026-03-09T10:00:00Z'), at('2026-03-16T10:00:00Z')];

  it('opens a day before each session from the start on, numbered from the first of those', () => {
    expect(dueOccurrence(every, sessions, at('2026-03-08T09:59:59Z'))).toBeNull();
    expect(dueOccurrence(every, sessions, at('2026-03-08T10:00:00Z'))).toEqual({ occurrence: 0, opensAt: at('2026-03-08T10:00:00Z') });
    expect(dueOccurrence(every, sessions, at('2026-03-12T00:00:00Z'))).toEqual({ occurrence: 0, opensAt: at('2026-03-08T10:00:00Z') });
    expect(dueOccurrence(every, sessions, at('2026-03-15T10:00:00Z'))).toEqual({ occurrence: 1, opensAt: at('2026-03-15T10:00:00Z') });
  });

  it('has none for a session before the start, nor without sessions', () => {
    expect(dueOccurrence(every, [at('2026-02-23T10:00:00Z')], at('2026-03-20T00:00:00Z'))).toBeNull();
    expect(dueOccurrence(every, [], at('2026-03-20T00:00:00Z'))).toBeNull();
  });

  it('never opens before the start, even for a session less than a day after it', () => {
    const soon = [at('2026-03-02T15:00:00Z')];
    expect(dueOccurrence(every, soon, at('2026-03-02T08:00:00Z'))).toBeNull();
    expect(dueOccurrence(every, soon, at('2026-03-02T09:00:00Z'))).toEqual({ occurrence: 0, opensAt: at(START) });
  });

  it('reads the sessions in time order, whatever order they come in', () => {
    expect(dueOccurrence(every, [...sessions].reverse(), at('2026-03-15T12:00:00Z'))).toEqual({ occurrence: 1, opensAt: at('2026-03-15T10:00:00Z') });
  });
});

describe('dueOccurrence: every N weeks', () => {
  const fortnightly = schedule({ cadence: 'every_n_weeks', intervalWeeks: 2 });

  it('opens occurrence k at start + k·N weeks', () => {
    expect(dueOccurrence(fortnightly, [], at('2026-03-02T08:59:59Z'))).toBeNull();
    expect(dueOccurrence(fortnightly, [], at(START))).toEqual({ occurrence: 0, opensAt: at(START) });
    expect(dueOccurrence(fortnightly, [], at('2026-03-16T08:59:59Z'))).toEqual({ occurrence: 0, opensAt: at(START) });
    expect(dueOccurrence(fortnightly, [], at('2026-03-16T09:00:00Z'))).toEqual({ occurrence: 1, opensAt: at('2026-03-16T09:00:00Z') });
  });

  it('does not make up missed ones: after six weeks unread it is occurrence 3, not 1', () => {
    expect(dueOccurrence(fortnightly, [], at('2026-04-14T00:00:00Z'))).toEqual({ occurrence: 3, opensAt: at('2026-04-13T09:00:00Z') });
  });
});

describe('occurrenceExpiresAt', () => {
  it('closes an occurrence four days after it opened unless the schedule says otherwise', () => {
    expect(DEFAULT_MEASURE_EXPIRY_DAYS).toBe(4);
    expect(occurrenceExpiresAt(at(START), DEFAULT_MEASURE_EXPIRY_DAYS)).toEqual(at('2026-03-06T09:00:00Z'));
    expect(occurrenceExpiresAt(at(START), 1)).toEqual(at('2026-03-03T09:00:00Z'));
  });
});
