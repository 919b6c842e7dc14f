import type { Case } from './case.entity.js';
import { alertsOfCase, averageChangeSinceIntake, latestScoresOf, toCaseResponse, type CaseFacts } from './case-insights.js';

const DAY = 86_400_000;
const now = new Date('2026-03-20T12:00:00Z');
const facts: CaseFacts = {
  clients: [{ id: 'b', displayName: 'Partner B' }, { id: 'a', displayName: 'Partner A' }],
  scores: [
    { clientId: 'a', score: 6, recordedAt: new Date('2026-03-01T10:00:00Z') },
    { clientId: 'b', score: 2, recordedAt: new Date('2026-03-02T10:00:00Z') },
    { clientId: 'a', score: 3.5, recordedAt: new Date('2026-03-10T10:00:00Z') },
  ],
  overdueAssignments: 2,
};
const openCase = {
  id: 'k', title: 'A couple', kind: 'couple', practitionerId: 'p', stage: 2, cycle: 1, status: 'open',
  openedAt: new Date('2026-03-01T09:00:00Z'), closedAt: null, presentingConcern: null,
  stageEnteredAt: new Date('2026-03-08T09:00:00Z'), cycleStartedAt: new Date('2026-03-01T09:00:00Z'),
  updatedAt: now, createdAt: now, version: 3, practiceId: 'x',
} as unknown as Case;

describe('case insights', () => {
  it('gives each client\'s latest score in the case\'s client order', () => {
    expect(latestScoresOf(facts)).toEqual([
      { clientId: 'b', score: 2, recordedAt: '2026-03-02T10:00:00.000Z' },
      { clientId: 'a', score: 3.5, recordedAt: '2026-03-10T10:00:00.000Z' },
    ]);
  });

  it('derives libs\' alerts for an open case and none for a closed one', () => {
    expect(alertsOfCase(openCase, facts, now).map((a) => a.kind)).toEqual(['setback', 'homework_piling_up']);
    expect(alertsOfCase({ ...openCase, status: 'closed', closedAt: now }, facts, now)).toEqual([]);
  });

  it('maps a case with its schedule; a closed case stops counting days on the day it closed', () => {
    const open = toCaseResponse(openCase, facts, now);
    expect(open).toMatchObject({ clientIds: ['b', 'a'], day: 20, plannedStage: 3, daysBehind: 6, scheduleStatus: 'behind', version: 3, closedAt: null });
    const closedAt = new Date(openCase.openedAt.getTime() + 9 * DAY);
    const closed = toCaseResponse({ ...openCase, status: 'closed', closedAt }, facts, now);
    expect(closed).toMatchObject({ day: 10, plannedStage: 2, daysBehind: 0, alerts: [], closedAt: closedAt.toISOString() });
  });

  it('averages latest minus first over the clients with two or more ratings, to two decimals', () => {
    const point = (clientId: string, score: number, day: number) => ({ clientId, score, recordedAt: new Date(Date.UTC(2026, 2, day)) });
    const couple: CaseFacts = { ...facts, scores: [point('a', 2, 1), point('b', 5, 2), point('a', 4.5, 9), point('a', 3, 12)] };
    const individual: CaseFacts = { clients: [{ id: 'c', displayName: 'C' }], scores: [point('c', 1, 1), point('c', 2.5, 5), point('c', 3.5, 8)], overdueAssignments: 0 };
    // a: 3 - 2 = 1; b has one rating only; c: 3.5 - 1 = 2.5 → (1 + 2.5) / 2
    expect(averageChangeSinceIntake([couple, individual])).toEqual({ mean: 1.75, clients: 2 });
    expect(averageChangeSinceIntake([{ ...facts, scores: [point('a', 2, 1), point('a', 3, 2), point('b', 1, 1), point('b', 1.5, 2), point('c', 4, 1), point('c', 4.5, 2)] }]))
      .toEqual({ mean: 0.67, clients: 3 });
    expect(averageChangeSinceIntake([{ ...facts, scores: [point('b', 5, 2)] }])).toEqual({ mean: null, clients: 0 });
  });
});
