import type { CaseMeasureSeriesDto, MeasureResponseDto } from '@attune/domain';
import { shapeMeasureCharts } from './measure-chart.shape';

const response = (over: Partial<MeasureResponseDto>): MeasureResponseDto => ({
  id: 'r', caseId: 'k', clientId: 'a', scheduleId: null, measureKey: 'phq-9', status: 'completed', opensAt: '2026-01-01T00:00:00Z',
  expiresAt: '2026-01-05T00:00:00Z', completedAt: '2026-01-01T10:00:00Z', source: 'client', answers: {}, score: 10, band: null, change: null,
  safetyFlags: [], subscales: {}, profile: null, safetyConcern: false, sharedWithPartner: false, ...over,
});

const series: CaseMeasureSeriesDto = {
  measureKey: 'phq-9', title: { en: 'PHQ-9', 'zh-CN': 'PHQ-9' }, shortTitle: 'PHQ-9', direction: 'higher_is_worse',
  bands: [
    { key: 'minimal', min: 0, max: 4, concern: 0, label: { en: 'Minimal', 'zh-CN': '极轻微' } },
    { key: 'mild', min: 5, max: 9, concern: 1, label: { en: 'Mild', 'zh-CN': '轻度' } },
    { key: 'severe', min: 10, max: 27, concern: 3, label: { en: 'Severe', 'zh-CN': '重度' } },
  ],
  clinicalCutoff: 10, reliableChangePoints: 5, range: { min: 0, max: 27 }, itemKeys: [],
  clients: [
    {
      clientId: 'a', displayName: 'A',
      points: [
        response({ score: 16 }),
        response({ id: 'p', status: 'pending', score: null, completedAt: null }),
        response({ id: 's', score: 9, completedAt: '2026-01-15T10:00:00Z', change: { baseline: 16, delta: -7, class: 'reliable_improvement' }, source: 'practitioner' }),
      ],
    },
    { clientId: 'b', displayName: 'B', points: [] },
  ],
};

describe('shapeMeasureCharts', () => {
  it('draws completed scores only, with their change class, and leaves out clients without any response', () => {
    const [chart, ...rest] = shapeMeasureCharts(series);
    expect(rest).toEqual([]);
    expect(chart!.points.map((p) => [p.score, p.change])).toEqual([[16, null], [9, 'reliable_improvement']]);
    // The second was answered in session and entered by the practitioner.
    expect(chart!.points.map((p) => p.inSession)).toEqual([false, true]);
    expect(chart!.responses).toHaveLength(3);
    expect(chart!).toMatchObject({ first: 16, last: 9, lastChange: 'reliable_improvement', cutoff: 10, yDomain: [0, 27] });
  });

  it('shades bands without gaps: each reaches the next one\'s start, the last its maximum', () => {
    const [chart] = shapeMeasureCharts(series);
    expect(chart!.bands.map((b) => [b.y1, b.y2])).toEqual([[0, 5], [5, 10], [10, 27]]);
  });

  it('pads the time axis by a day on each side', () => {
    const [chart] = shapeMeasureCharts(series);
    expect(chart!.domain).toEqual([Date.parse('2025-12-31T10:00:00Z'), Date.parse('2026-01-16T10:00:00Z')]);
  });
});

describe('shapeMeasureCharts with the case timeline', () => {
  const at = (iso: string) => Date.parse(iso);
  const timeline = {
    stages: [
      { stage: 1 as const, cycle: 1, x1: at('2025-12-01T00:00:00Z'), x2: at('2026-01-05T00:00:00Z') },
      { stage: 2 as const, cycle: 1, x1: at('2026-01-05T00:00:00Z'), x2: at('2026-01-10T00:00:00Z') },
      { stage: 3 as const, cycle: 1, x1: at('2026-01-10T00:00:00Z'), x2: at('2026-02-20T00:00:00Z') },
    ],
    sessions: [
      { id: 'before', t: at('2025-12-20T10:00:00Z') },
      { id: 'in', t: at('2026-01-08T10:00:00Z') },
      { id: 'after', t: at('2026-02-01T10:00:00Z') },
    ],
  };

  it('cuts the stage visits to the time axis, keeping their stage and cycle', () => {
    const [chart] = shapeMeasureCharts(series, timeline);
    expect(chart!.stages).toEqual([
      { stage: 1, cycle: 1, x1: at('2025-12-31T10:00:00Z'), x2: at('2026-01-05T00:00:00Z') },
      { stage: 2, cycle: 1, x1: at('2026-01-05T00:00:00Z'), x2: at('2026-01-10T00:00:00Z') },
      { stage: 3, cycle: 1, x1: at('2026-01-10T00:00:00Z'), x2: at('2026-01-16T10:00:00Z') },
    ]);
  });

  it('keeps only the sessions held within the time axis', () => {
    const [chart] = shapeMeasureCharts(series, timeline);
    expect(chart!.sessions.map((s) => s.id)).toEqual(['in']);
  });

  it('names the stage of each response for the item table, the pending one by when it opened', () => {
    const [chart] = shapeMeasureCharts(series, timeline);
    expect(chart!.responseStages).toEqual([1, 1, 3]);
    const early = { ...series, clients: [{ clientId: 'a', displayName: 'A', points: [response({ completedAt: '2025-11-01T10:00:00Z' })] }] };
    expect(shapeMeasureCharts(early, timeline)[0]!.responseStages).toEqual([null]);
  });

  it('draws no stage and no session without a timeline', () => {
    const [chart] = shapeMeasureCharts(series);
    expect(chart).toMatchObject({ stages: [], sessions: [], responseStages: [null, null, null] });
  });
});
