import { firstWholePointRise, isStageNumber, newBestsOnScale, SCALE_MAX, SCALE_MIN, type StageNumber } from '@attune/domain';
import { asArray, asNumber, asObject, asString, asTime } from '../shared/raw';

const DAY_MS = 86_400_000;

/** Line colours for up to four people; each passes 3:1 against white. */
export const SERIES_COLOURS = ['#2f6f73', '#b0413e', '#5b4b8a', '#8a5300'] as const;

/** One rating on the chart, with the follow-ups answered with it (null when not answered). */
export interface ProgressPoint {
  t: number;
  score: number;
  source: string;
  keepsFromLower: string | null;
  onePointHigher: string | null;
  /** Higher than every rating of this person before it. */
  newBest?: boolean;
}

export interface ProgressSeries {
  /** Key of the line in the chart. */
  key: string;
  clientId: string;
  name: string;
  colour: string;
  points: ProgressPoint[];
  /** The first rating a whole point above the first one, marked on the chart. */
  firstRise: { t: number; score: number } | null;
  /** Every new best (a rating above all before it), each celebrated on the chart. */
  newBests: { t: number; score: number }[];
}

export interface ProgressBand {
  stage: StageNumber;
  cycle: number;
  x1: number;
  x2: number;
}

export interface ProgressSummary {
  name: string;
  first: number;
  last: number;
  /** Days from the first to the latest rating. */
  days: number;
}

export interface ProgressChartData {
  series: ProgressSeries[];
  bands: ProgressBand[];
  sessions: { id: string; t: number }[];
  /** Time range of the X axis. */
  domain: [number, number];
  summaries: ProgressSummary[];
  /** Every rating, oldest first: the chart's text alternative. */
  table: Array<ProgressPoint & { name: string }>;
  yDomain: [number, number];
  yTicks: number[];
}

/**
 * Shapes `GET /api/cases/:id/progress` for the chart: one series per person, stage visits as bands
 * (an open visit runs to `now`), sessions as markers, the first whole-point rise per person, and
 * the rows and summaries of the text alternative. Tolerates missing or malformed parts.
 */
export function shapeCaseProgress(raw: unknown, now: number = Date.now()): ProgressChartData {
  const body = asObject(raw) ?? {};
  const series: ProgressSeries[] = [];
  asArray(body['series']).forEach((entry, index) => {
    const s = asObject(entry);
    if (!s) return;
    const points = asArray(s['points'])
      .map((p) => {
        const point = asObject(p);
        const t = asTime(point?.['recordedAt']);
        const score = asNumber(point?.['score']);
        if (t === undefined || score === undefined) return null;
        return {
          t, score, source: asString(point?.['source']) ?? '',
          keepsFromLower: asString(point?.['keepsFromLower']) ?? null, onePointHigher: asString(point?.['onePointHigher']) ?? null,
        };
      })
      .filter((p): p is ProgressPoint => p !== null)
      .sort((a, b) => a.t - b.t);
    const clientId = asString(s['clientId']) ?? `client-${index}`;
    const asScale = points.map((p) => ({ recordedAt: new Date(p.t).toISOString(), score: p.score }));
    const rise = firstWholePointRise(asScale);
    const newBests = newBestsOnScale(asScale).map((b) => ({ t: new Date(b.recordedAt).getTime(), score: b.score }));
    const bestTimes = new Set(newBests.map((b) => b.t));
    for (const p of points) p.newBest = bestTimes.has(p.t);
    series.push({
      key: `s${index}`,
      clientId,
      name: asString(s['displayName']) ?? asString(s['name']) ?? clientId,
      colour: SERIES_COLOURS[index % SERIES_COLOURS.length]!,
      points,
      firstRise: rise ? { t: new Date(rise.recordedAt).getTime(), score: rise.score } : null,
      newBests,
    });
  });

  const bands: ProgressBand[] = asArray(body['stageBands'])
    .map((entry) => {
      const band = asObject(entry);
      const stage = band?.['stage'];
      const x1 = asTime(band?.['start']);
      if (!band || !isStageNumber(stage) || x1 === undefined) return null;
      const x2 = asTime(band['end']) ?? now;
      return { stage, cycle: asNumber(band['cycle']) ?? 1, x1, x2: Math.max(x1, x2) };
    })
    .filter((b): b is ProgressBand => b !== null)
    .sort((a, b) => a.x1 - b.x1);

  const sessions = asArray(body['sessions'])
    .map((entry) => {
      const session = asObject(entry);
      const t = asTime(session?.['startsAt']);
      return t === undefined ? null : { id: asString(session?.['id']) ?? String(t), t };
    })
    .filter((s): s is { id: string; t: number } => s !== null)
    .sort((a, b) => a.t - b.t);

  const times = [
    ...series.flatMap((s) => s.points.map((p) => p.t)),
    ...bands.flatMap((b) => [b.x1, b.x2]),
    ...sessions.map((s) => s.t),
  ];
  const domain: [number, number] = times.length > 0 ? [Math.min(...times), Math.max(...times)] : [now - 7 * DAY_MS, now];
  if (domain[0] === domain[1]) domain[1] = domain[0] + DAY_MS;

  const summaries = series
    .filter((s) => s.points.length > 0)
    .map((s) => {
      const first = s.points[0]!;
      const last = s.points[s.points.length - 1]!;
      return { name: s.name, first: first.score, last: last.score, days: Math.round((last.t - first.t) / DAY_MS) };
    });

  const table = series
    .flatMap((s) => s.points.map((p) => ({ ...p, name: s.name })))
    .sort((a, b) => a.t - b.t || a.name.localeCompare(b.name));

  const yTicks = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);
  return { series, bands, sessions, domain, summaries, table, yDomain: [SCALE_MIN, SCALE_MAX], yTicks };
}

/** How a span of days reads in a summary: whole weeks from two weeks on, days before. */
export function describeSpan(days: number): { unit: 'weeks' | 'days'; count: number } {
  return days >= 14 ? { unit: 'weeks', count: Math.round(days / 7) } : { unit: 'days', count: Math.max(0, days) };
}
