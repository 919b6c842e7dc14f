import { describeSpan, shapeCaseProgress } from './case-progress.shape';

const NOW = Date.parse('2026-03-20T12:00:00Z');

const progress = {
  series: [
    {
      clientId: 'c1',
      displayName: 'Chen Jing',
      points: [
        { recordedAt: '2026-02-06T10:00:00Z', score: 3, source: 'practitioner' },
        { recordedAt: '2026-01-30T10:00:00Z', score: 2.5, source: 'practitioner' },
        { recordedAt: '2026-02-13T10:00:00Z', score: 4, source: 'client' },
        { recordedAt: '2026-03-13T10:00:00Z', score: 6.5, source: 'practitioner' },
      ],
    },
  ],
  stageBands: [
    { stage: 2, cycle: 1, start: '2026-02-06T00:00:00Z', end: '2026-02-13T00:00:00Z' },
    { stage: 1, cycle: 1, start: '2026-01-30T00:00:00Z', end: '2026-02-06T00:00:00Z' },
    { stage: 3, cycle: 1, start: '2026-02-13T00:00:00Z', end: null },
  ],
  sessions: [{ id: 's1', startsAt: '2026-01-30T09:00:00Z' }],
  alerts: [],
};

describe('shapeCaseProgress', () => {
  it('sorts each person’s ratings oldest first and marks the first whole-point rise', () => {
    const data = shapeCaseProgress(progress, NOW);
    expect(data.series).toHaveLength(1);
    expect(data.series[0]!.points.map((p) => p.score)).toEqual([2.5, 3, 4, 6.5]);
    expect(data.series[0]!.firstRise).toEqual({ t: Date.parse('2026-02-13T10:00:00Z'), score: 4 });
  });

  it('orders stage bands by start and runs the open visit up to now', () => {
    const data = shapeCaseProgress(progress, NOW);
    expect(data.bands.map((b) => b.stage)).toEqual([1, 2, 3]);
    expect(data.bands[2]!.x2).toBe(NOW);
    expect(data.domain).toEqual([Date.parse('2026-01-30T00:00:00Z'), NOW]);
  });

  it('keeps the Y axis on the whole 1-10 scale with a tick per point', () => {
    const data = shapeCaseProgress(progress, NOW);
    expect(data.yDomain).toEqual([1, 10]);
    expect(data.yTicks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('summarises each person from first to latest rating for the text alternative', () => {
    const data = shapeCaseProgress(progress, NOW);
    expect(data.summaries).toEqual([{ name: 'Chen Jing', first: 2.5, last: 6.5, days: 42 }]);
    expect(describeSpan(42)).toEqual({ unit: 'weeks', count: 6 });
    expect(describeSpan(5)).toEqual({ unit: 'days', count: 5 });
    expect(data.table).toHaveLength(4);
  });

  it('gives one line per partner in a couple case, in distinct colours', () => {
    const data = shapeCaseProgress(
      {
        series: [
          { clientId: 'a', displayName: 'Zhao Lei', points: [{ recordedAt: '2026-01-01T00:00:00Z', score: 1.5 }] },
          { clientId: 'b', displayName: 'Zhou Ting', points: [{ recordedAt: '2026-01-02T00:00:00Z', score: 2 }] },
        ],
      },
      NOW,
    );
    expect(data.series.map((s) => s.name)).toEqual(['Zhao Lei', 'Zhou Ting']);
    expect(data.series[0]!.colour).not.toBe(data.series[1]!.colour);
    expect(data.series[0]!.firstRise).toBeNull();
  });

  it('survives an empty or malformed answer', () => {
    for (const raw of [undefined, null, {}, { series: 'x', stageBands: [{ stage: 9 }] }]) {
      const data = shapeCaseProgress(raw, NOW);
      expect(data.series).toEqual([]);
      expect(data.bands).toEqual([]);
      expect(data.domain[1]).toBeGreaterThan(data.domain[0]);
    }
  });
});

describe('a rating\'s follow-ups on the chart and in its table', () => {
  it('carries the words answered with each rating, and null where none were', () => {
    const data = shapeCaseProgress({
      series: [{ clientId: 'a', displayName: 'Chen Jing', points: [
        { recordedAt: '2026-01-01T00:00:00Z', score: 3, source: 'practitioner' },
        { recordedAt: '2026-01-08T00:00:00Z', score: 4, source: 'client', keepsFromLower: 'Friends to call', onePointHigher: 'A calm evening apart' },
      ] }],
    });
    expect(data.series[0]!.points.map((p) => [p.keepsFromLower, p.onePointHigher])).toEqual([[null, null], ['Friends to call', 'A calm evening apart']]);
    expect(data.table[1]).toMatchObject({ name: 'Chen Jing', score: 4, keepsFromLower: 'Friends to call', onePointHigher: 'A calm evening apart' });
  });
});

describe('every new best on the scale', () => {
  it('is marked on the chart and in its table, not only the first whole-point rise', () => {
    const data = shapeCaseProgress({
      series: [{ clientId: 'a', displayName: 'Liu Jia', points: [
        { recordedAt: '2026-01-01T00:00:00Z', score: 3 },
        { recordedAt: '2026-01-08T00:00:00Z', score: 4 },
        { recordedAt: '2026-01-15T00:00:00Z', score: 5 },
        { recordedAt: '2026-01-18T00:00:00Z', score: 5.5 },
        { recordedAt: '2026-01-22T00:00:00Z', score: 3.5 },
      ] }],
    });
    expect(data.series[0]!.newBests.map((b) => b.score)).toEqual([4, 5, 5.5]);
    expect(data.series[0]!.firstRise).toMatchObject({ score: 4 });
    expect(data.table.map((r) => r.newBest)).toEqual([false, true, true, true, false]);
  });
});
