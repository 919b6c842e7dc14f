import { z } from 'zod';
import { plannedTimeIssue, plannedTimeRefinement, recordedTimeIssue, recordedTimeRefinement } from './recorded-time.js';

const OPENED = '2026-11-20T09:00:00Z';
const NOW = new Date('2026-12-01T12:00:00Z');

describe('recordedTimeIssue: when something recorded in a case may have happened', () => {
  it('accepts a moment between the opening day and now (a few minutes of clock drift allowed)', () => {
    expect(recordedTimeIssue('2026-11-25T10:00:00Z', OPENED, NOW)).toBeUndefined();
    expect(recordedTimeIssue('2026-12-01T12:04:00Z', OPENED, NOW)).toBeUndefined();
    // Earlier on the opening day, in a zone ahead of UTC: still the day the case opened.
    expect(recordedTimeIssue('2026-11-20T01:00:00+08:00', OPENED, NOW)).toBeUndefined();
  });

  it('refuses a backdated moment (1990) and one before the opening day, naming the day', () => {
    expect(recordedTimeIssue('1990-01-01T00:00:00Z', OPENED, NOW)).toBe('must not be before the case opened (2026-11-20)');
    expect(recordedTimeIssue('2026-11-19T08:00:00Z', OPENED, NOW)).toBe('must not be before the case opened (2026-11-20)');
  });

  it('refuses a moment ahead of now beyond the clock drift', () => {
    expect(recordedTimeIssue('2026-12-01T12:06:00Z', OPENED, NOW)).toBe('must not be in the future');
  });

  it('takes a calendar date alone from the opening date up to tomorrow\'s (clients ahead of UTC)', () => {
    expect(recordedTimeIssue('2026-11-20', OPENED, NOW)).toBeUndefined();
    expect(recordedTimeIssue('2026-12-02', OPENED, NOW)).toBeUndefined();
    expect(recordedTimeIssue('2026-12-03', OPENED, NOW)).toBe('must not be in the future');
    expect(recordedTimeIssue('2026-11-19', OPENED, NOW)).toBe('must not be before the case opened (2026-11-20)');
  });

  it('leaves an unreadable value to the format check', () => {
    expect(recordedTimeIssue('yesterday', OPENED, NOW)).toBeUndefined();
  });

  it('as a zod refinement, reports the issue at the field a form shows it under', () => {
    const schema = z.object({ occurredAt: z.string() }).superRefine(recordedTimeRefinement('occurredAt', OPENED));
    const result = schema.safeParse({ occurredAt: '1990-01-01T00:00:00Z' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['occurredAt'], message: 'must not be before the case opened (2026-11-20)' });
    expect(schema.safeParse({ occurredAt: new Date().toISOString() }).success).toBe(true);
  });
});

describe('plannedTimeIssue: when a session of the case may be booked', () => {
  it('accepts the past since the opening day and the future up to a year ahead', () => {
    expect(plannedTimeIssue('2026-11-20T01:00:00+08:00', OPENED, NOW)).toBeUndefined();
    expect(plannedTimeIssue('2026-11-25T10:00:00Z', OPENED, NOW)).toBeUndefined();
    expect(plannedTimeIssue('2027-11-30T12:00:00Z', OPENED, NOW)).toBeUndefined();
  });

  it('refuses a time before the case opened or beyond the horizon', () => {
    expect(plannedTimeIssue('2026-11-19T08:00:00Z', OPENED, NOW)).toBe('must not be before the case opened (2026-11-20)');
    expect(plannedTimeIssue('1990-01-01T00:00:00Z', OPENED, NOW)).toBe('must not be before the case opened (2026-11-20)');
    expect(plannedTimeIssue('2027-12-03T12:00:00Z', OPENED, NOW)).toBe('must be within a year from now');
    expect(plannedTimeIssue('next week', OPENED, NOW)).toBeUndefined();
  });

  it('as a zod refinement, reports the issue at the field', () => {
    const schema = z.object({ startsAt: z.string() }).superRefine(plannedTimeRefinement('startsAt', OPENED));
    const result = schema.safeParse({ startsAt: '2099-01-01T00:00:00Z' });
    expect(result.error!.issues[0]).toMatchObject({ path: ['startsAt'], message: 'must be within a year from now' });
  });
});
