import type { CaseMeasureSeriesDto, ChangeClass, MeasureResponseDto, StageNumber } from '@attune/domain';
import type { ProgressBand } from '../charts/case-progress.shape';

export interface MeasureChartPoint {
  t: number;
  score: number;
  change: ChangeClass | null;
  /** Answers given in session and entered by the practitioner (not sent by the client from the portal). */
  inSession: boolean;
}

export interface MeasureChartBand {
  key: string;
  y1: number;
  y2: number;
  concern: number;
  label: { en: string; 'zh-CN': string };
}

export interface MeasureChartData {
  key: string;
  clientId: string;
  name: string;
  points: MeasureChartPoint[];
  bands: MeasureChartBand[];
  yDomain: [number, number];
  cutoff: number | null;
  domain: [number, number];
  first: number | null;
  last: number | null;
  lastChange: ChangeClass | null;
  /** Answered and still open or expired occurrences, oldest first, for the item table. */
  responses: MeasureResponseDto[];
  /** The stage visits within the time axis, cut to it: shaded columns behind the line. */
  stages: ProgressBand[];
  /** The held sessions within the time axis: dashed vertical lines. */
  sessions: Array<{ id: string; t: number }>;
  /** The stage the case was in at each response (same order as `responses`), null before its first visit. */
  responseStages: Array<StageNumber | null>;
}

/** What the case went through in time, drawn behind every measure: its stage visits and held sessions. */
export interface MeasureTimeline {
  stages: ProgressBand[];
  sessions: Array<{ id: string; t: number }>;
}

const NO_TIMELINE: MeasureTimeline = { stages: [], sessions: [] };

const DAY = 86_400_000;

/**
 * One chart per client and measure: the completed scores over time, the bands as y ranges (each band
 * reaches up to the next one's start so the shading has no gaps), the cut-off line, and the change
 * class of each point for the reliable-change marks; the case's stage visits and held sessions within
 * the time axis, and the stage of each response for the item table.
 */
export function shapeMeasureCharts(series: CaseMeasureSeriesDto, timeline: MeasureTimeline = NO_TIMELINE): MeasureChartData[] {
  const bands: MeasureChartBand[] = series.bands.map((b, i) => ({
    key: b.key,
    y1: b.min,
    y2: series.bands[i + 1]?.min ?? b.max,
    concern: b.concern,
    label: b.label,
  }));
  return series.clients
    .map((client) => {
      const done = client.points.filter((p) => p.status === 'completed' && p.score !== null && p.completedAt);
      const points = done.map((p) => ({ t: Date.parse(p.completedAt!), score: p.score!, change: p.change?.class ?? null, inSession: p.source === 'practitioner' }));
      const ts = points.map((p) => p.t);
      const domain: [number, number] = ts.length === 0 ? [0, 1] : [Math.min(...ts) - DAY, Math.max(...ts) + DAY];
      const [from, to] = domain;
      return {
        key: `${series.measureKey}:${client.clientId}`,
        clientId: client.clientId,
        name: client.displayName,
        points,
        bands,
        yDomain: [series.range.min, series.range.max] as [number, number],
        cutoff: series.clinicalCutoff,
        domain,
        first: points[0]?.score ?? null,
        last: points[points.length - 1]?.score ?? null,
        lastChange: points[points.length - 1]?.change ?? null,
        responses: client.points,
        stages: ts.length === 0 ? [] : timeline.stages
          .filter((b) => b.x2 > from && b.x1 < to)
          .map((b) => ({ ...b, x1: Math.max(b.x1, from), x2: Math.min(b.x2, to) })),
        sessions: ts.length === 0 ? [] : timeline.sessions.filter((s) => s.t >= from && s.t <= to),
        responseStages: client.points.map((p) => stageAt(timeline.stages, Date.parse(p.completedAt ?? p.opensAt))),
      };
    })
    .filter((c) => c.responses.length > 0);
}

/** The stage of the visit that holds `t` (a visit's start belongs to it, its end to the next). */
function stageAt(stages: ProgressBand[], t: number): StageNumber | null {
  return stages.find((b) => t >= b.x1 && t < b.x2)?.stage ?? null;
}

/** Band fills from no concern (green) to high concern (red), light enough for the line to read. */
export const BAND_FILL_BY_CONCERN = ['#e4f2e7', '#f6f1d8', '#f8e3cf', '#f6d6d6'] as const;
