import { z } from 'zod';
import { toDate } from './primitives.js';

export const SCALE_MIN = 1;
export const SCALE_MAX = 10;
export const SCALE_STEP = 0.5;

export const SCALE_VALUE_MESSAGE = `must be between ${SCALE_MIN} and ${SCALE_MAX} in steps of ${SCALE_STEP}`;

/** Builds a fresh scale-value schema (fresh, so each field can carry its own title). */
export function createScaleValueSchema(): z.ZodNumber {
  return z
    .number({ error: (iss) => (iss.input === undefined ? 'is required' : SCALE_VALUE_MESSAGE) })
    .min(SCALE_MIN, SCALE_VALUE_MESSAGE)
    .max(SCALE_MAX, SCALE_VALUE_MESSAGE)
    .multipleOf(SCALE_STEP, SCALE_VALUE_MESSAGE);
}

/** A position on the 1-10 scale, in steps of 0.5. */
export const scaleValueSchema = createScaleValueSchema();

export function isValidScaleValue(n: unknown): n is number {
  return scaleValueSchema.safeParse(n).success;
}

/** What the two ends of the scale stand for. */
export const SCALE_ANCHORS: Readonly<Record<typeof SCALE_MIN | typeof SCALE_MAX, string>> = Object.freeze({
  1: 'The hardest the insecurity in this relationship has ever felt',
  10: 'The miracle has fully happened: the relationship feels the way you hoped it would',
});

/** Every allowed value from 1 to 10: 1, 1.5, 2, ... 10. */
export const SCALE_VALUES: readonly number[] = Object.freeze(
  Array.from({ length: (SCALE_MAX - SCALE_MIN) / SCALE_STEP + 1 }, (_, i) => SCALE_MIN + i * SCALE_STEP),
);

export interface ScalePoint<D extends string | Date = string | Date> {
  score: number;
  recordedAt: D;
}

/** Sorts ratings oldest first without changing the input (ties keep their order). */
export function sortByRecordedAt<T extends { recordedAt: string | Date }>(series: readonly T[]): T[] {
  return series
    .map((point, index) => ({ point, index, at: toDate(point.recordedAt).getTime() }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((x) => x.point);
}

/**
 * Every new best on the scale: each rating higher than every rating before it (the first rating is
 * the baseline, not a best), oldest first. Each one is worth celebrating, not only the first whole point.
 */
export function newBestsOnScale<D extends string | Date>(series: readonly ScalePoint<D>[]): Array<{ recordedAt: D; score: number }> {
  const sorted = sortByRecordedAt(series);
  const bests: Array<{ recordedAt: D; score: number }> = [];
  let best = sorted[0]?.score ?? Number.POSITIVE_INFINITY;
  for (const point of sorted.slice(1)) {
    if (point.score > best) {
      bests.push({ recordedAt: point.recordedAt, score: point.score });
      best = point.score;
    }
  }
  return bests;
}

/**
 * The first rating that is at least one whole point above the first rating of the series (the
 * series need not be sorted), or null when there is none yet.
 */
export function firstWholePointRise<D extends string | Date>(
  series: readonly ScalePoint<D>[],
): { recordedAt: D; score: number } | null {
  const sorted = sortByRecordedAt(series);
  const first = sorted[0];
  if (!first) return null;
  const rise = sorted.slice(1).find((p) => p.score >= first.score + 1);
  return rise ? { recordedAt: rise.recordedAt, score: rise.score } : null;
}
