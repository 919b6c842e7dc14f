import { deriveCaseAlerts, type CaseAlertInput } from './alerts.js';

const TODAY = '2026-04-20T10:00:00Z';
const CHEN = { id: 'c1', displayName: 'Chen Jing' };
const ZHAO = { id: 'z1', displayName: 'Zhao Lei' };
const ZHOU = { id: 'z2', displayName: 'Zhou Ting' };

/** A date `n` days before TODAY. */
function daysAgo(n: number): string {
  const d = new Date(TODAY);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString();
}

function input(change: Partial<CaseAlertInput>): CaseAlertInput {
  return {
    today: TODAY,
    stage: 3,
    stageEnteredAt: daysAgo(3),
    cycleStartedAt: daysAgo(20),
    clients: [CHEN],
    scores: [],
    overdueAssignments: 0,
    ...change,
  };
}

function kinds(change: Partial<CaseAlertInput>): string[] {
  return deriveCaseAlerts(input(change)).map((a) => a.kind);
}

describe('deriveCaseAlerts', () => {
  it('is quiet for a case going well', () => {
    expect(
      deriveCaseAlerts(
        input({
          scores: [
            { clientId: 'c1', score: 3, recordedAt: daysAgo(20) },
            { clientId: 'c1', score: 4, recordedAt: daysAgo(10) },
            { clientId: 'c1', score: 5, recordedAt: daysAgo(1) },
          ],
          overdueAssignments: 1,
        }),
      ),
    ).toEqual([]);
  });

  describe('setback', () => {
    it('fires when the latest score is exactly 2 below the best so far', () => {
      const alerts = deriveCaseAlerts(
        input({
          scores: [
            { clientId: 'c1', score: 6.5, recordedAt: daysAgo(7) },
            { clientId: 'c1', score: 4.5, recordedAt: daysAgo(1) },
          ],
        }),
      );
      expect(alerts).toEqual([
        {
          kind: 'setback',
          severity: 'high',
          clientId: 'c1',
          message: 'Chen Jing: latest 4.5 is 2 below best 6.5',
          params: { clientName: 'Chen Jing', latest: '4.5', best: '6.5', drop: '2' },
        },
      ]);
    });

    it('does not fire at 1.5 below', () => {
      expect(
        kinds({
          scores: [
            { clientId: 'c1', score: 6.5, recordedAt: daysAgo(7) },
            { clientId: 'c1', score: 5, recordedAt: daysAgo(1) },
          ],
        }),
      ).toEqual([]);
    });

    it('compares with the best ever, whatever the order the scores arrive in', () => {
      const alerts = deriveCaseAlerts(
        input({
          scores: [
            { clientId: 'c1', score: 4, recordedAt: daysAgo(1) },
            { clientId: 'c1', score: 3, recordedAt: daysAgo(30) },
            { clientId: 'c1', score: 6.5, recordedAt: daysAgo(10) },
          ],
        }),
      );
      expect(alerts.find((a) => a.kind === 'setback')?.message).toBe('Chen Jing: latest 4 is 2.5 below best 6.5');
    });
  });

  describe('plateau', () => {
    const flat = (spanDays: number) => [
      { clientId: 'c1', score: 4, recordedAt: daysAgo(spanDays + 1) },
      { clientId: 'c1', score: 4, recordedAt: daysAgo(8) },
      { clientId: 'c1', score: 4, recordedAt: daysAgo(1) },
    ];

    it('fires when the last 3 ratings span 14 days without a rise', () => {
      expect(deriveCaseAlerts(input({ scores: flat(14) }))).toEqual([
        {
          kind: 'plateau',
          severity: 'medium',
          clientId: 'c1',
          message: 'Chen Jing: no rise in the last 3 ratings (4, 4, 4) over 14 days',
          params: { clientName: 'Chen Jing', ratings: 3, scores: '4, 4, 4', days: 14 },
        },
      ]);
    });

    it('does not fire when they span only 13 days', () => {
      expect(kinds({ scores: flat(13) })).toEqual([]);
    });

    it('does not fire when one rating rose, even by half a point', () => {
      expect(
        kinds({
          scores: [
            { clientId: 'c1', score: 4, recordedAt: daysAgo(20) },
            { clientId: 'c1', score: 4.5, recordedAt: daysAgo(10) },
            { clientId: 'c1', score: 4, recordedAt: daysAgo(1) },
          ],
        }),
      ).toEqual([]);
    });

    it('counts a slow decline as no rise', () => {
      expect(
        kinds({
          scores: [
            { clientId: 'c1', score: 5, recordedAt: daysAgo(20) },
            { clientId: 'c1', score: 4.5, recordedAt: daysAgo(10) },
            { clientId: 'c1', score: 4.5, recordedAt: daysAgo(1) },
          ],
        }),
      ).toEqual(['plateau']);
    });

    it('needs three ratings', () => {
      expect(
        kinds({
          scores: [
            { clientId: 'c1', score: 4, recordedAt: daysAgo(30) },
            { clientId: 'c1', score: 4, recordedAt: daysAgo(1) },
          ],
        }),
      ).toEqual([]);
    });

    it('looks only at the last three ratings', () => {
      expect(
        kinds({
          scores: [
            { clientId: 'c1', score: 2, recordedAt: daysAgo(40) },
            { clientId: 'c1', score: 5, recordedAt: daysAgo(30) },
            { clientId: 'c1', score: 5, recordedAt: daysAgo(15) },
            { clientId: 'c1', score: 5, recordedAt: daysAgo(1) },
          ],
        }),
      ).toEqual(['plateau']);
    });
  });

  describe('partners diverging', () => {
    const couple = (a: number, b: number): Partial<CaseAlertInput> => ({
      clients: [ZHAO, ZHOU],
      scores: [
        { clientId: 'z1', score: a, recordedAt: daysAgo(2) },
        { clientId: 'z2', score: b, recordedAt: daysAgo(1) },
      ],
    });

    it('fires when the partners are 3 points apart', () => {
      expect(deriveCaseAlerts(input(couple(2, 5)))).toEqual([
        {
          kind: 'partners_diverging',
          severity: 'medium',
          message: 'Zhao Lei (2) and Zhou Ting (5): latest scores 3 points apart',
          params: { partnerA: 'Zhao Lei', scoreA: '2', partnerB: 'Zhou Ting', scoreB: '5', gap: '3' },
        },
      ]);
    });

    it('does not fire at 2.5 apart', () => {
      expect(kinds(couple(2.5, 5))).toEqual([]);
    });

    it('needs a score from both partners', () => {
      expect(kinds({ clients: [ZHAO, ZHOU], scores: [{ clientId: 'z1', score: 1, recordedAt: daysAgo(1) }] })).toEqual([]);
    });
  });

  describe('homework piling up', () => {
    it('fires at 2 overdue assignments', () => {
      expect(deriveCaseAlerts(input({ overdueAssignments: 2 }))).toEqual([
        { kind: 'homework_piling_up', severity: 'low', message: '2 homework assignments are overdue', params: { count: 2 } },
      ]);
    });

    it('does not fire at 1', () => {
      expect(kinds({ overdueAssignments: 1 })).toEqual([]);
    });
  });

  describe('stage overrun', () => {
    it('does not fire on the last day of the grace (day 14 of a 7-day stage)', () => {
      expect(kinds({ stage: 2, stageEnteredAt: daysAgo(13) })).toEqual([]);
    });

    it('fires the day after', () => {
      expect(deriveCaseAlerts(input({ stage: 2, stageEnteredAt: daysAgo(14) }))).toEqual([
        {
          kind: 'stage_overrun',
          severity: 'medium',
          message: "Stage 2 (Resource Identification): 15 days in stage, 1 past the planned 7 days plus 7 days' grace",
          params: { stage: 2, stageTitle: 'Resource Identification', days: 15, daysOver: 1, plannedDays: 7, graceDays: 7 },
        },
      ]);
    });

    it('never fires in stage 6', () => {
      expect(kinds({ stage: 6, stageEnteredAt: daysAgo(100), cycleStartedAt: daysAgo(140) })).toEqual([]);
    });
  });

  it('lists the most severe first', () => {
    expect(
      kinds({
        clients: [ZHAO, ZHOU],
        stage: 1,
        stageEnteredAt: daysAgo(30),
        cycleStartedAt: daysAgo(30),
        overdueAssignments: 3,
        scores: [
          { clientId: 'z1', score: 5, recordedAt: daysAgo(10) },
          { clientId: 'z1', score: 1, recordedAt: daysAgo(1) },
          { clientId: 'z2', score: 5, recordedAt: daysAgo(1) },
        ],
      }),
    ).toEqual(['setback', 'partners_diverging', 'stage_overrun', 'homework_piling_up']);
  });

  it('accepts Date objects', () => {
    expect(
      deriveCaseAlerts({
        ...input({}),
        today: new Date(TODAY),
        stageEnteredAt: new Date(daysAgo(1)),
        cycleStartedAt: new Date(daysAgo(1)),
        scores: [
          { clientId: 'c1', score: 7, recordedAt: new Date(daysAgo(5)) },
          { clientId: 'c1', score: 5, recordedAt: new Date(daysAgo(1)) },
        ],
      }).map((a) => a.kind),
    ).toEqual(['setback']);
  });
});
