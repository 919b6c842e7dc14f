import { z } from 'zod';
import type { ExerciseResponse } from './exercises/exercise-fields.js';
import { enumSchema, idSchema, isoDateTimeSchema, optionalTextSchema } from './primitives.js';
import { isValidScaleValue, scaleValueSchema } from './scale.js';

export const SCALE_SCORE_SOURCES = ['practitioner', 'client'] as const;
/** Who recorded a rating: the practitioner in session, or the client rating themselves. */
export type ScaleScoreSource = (typeof SCALE_SCORE_SOURCES)[number];

export const SCALE_SCORE_TEXT_MAX_LENGTH = 4000;

/**
 * One partner's rating on the 1-10 scale with the two follow-up questions. `recordedAt` defaults to
 * now on the server. Optional texts accept null.
 */
export const scaleScoreInputSchema = z.object({
  caseId: idSchema,
  clientId: idSchema,
  score: scaleValueSchema,
  recordedAt: isoDateTimeSchema.optional(),
  source: enumSchema(SCALE_SCORE_SOURCES),
  keepsFromLower: optionalTextSchema(SCALE_SCORE_TEXT_MAX_LENGTH),
  onePointHigher: optionalTextSchema(SCALE_SCORE_TEXT_MAX_LENGTH),
  sessionId: idSchema.nullish(),
});

export type ScaleScoreInput = z.infer<typeof scaleScoreInputSchema>;

/** A client's self-rating through the portal: the case and client are the caller's own; source is 'client'. */
export const clientScaleScoreInputSchema = scaleScoreInputSchema.omit({
  caseId: true,
  clientId: true,
  source: true,
  sessionId: true,
});
export type ClientScaleScoreInput = z.infer<typeof clientScaleScoreInputSchema>;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/**
 * Maps a submitted `scale-positioning` response (score, pastPosition, keepsFromLower,
 * onePointHigher) to a client self-rating; the caller adds caseId, clientId and recordedAt.
 * `pastPosition` is a recollection without a date, so it is not recorded as a score.
 */
export function scaleScoreFromPositioningResponse(
  response: ExerciseResponse,
): Omit<ScaleScoreInput, 'caseId' | 'clientId'> & { source: 'client' } {
  const score = response['score'];
  if (!isValidScaleValue(score)) throw new RangeError('A scale-positioning response needs a score from 1 to 10 in steps of 0.5');
  const result: Omit<ScaleScoreInput, 'caseId' | 'clientId'> & { source: 'client' } = { score, source: 'client' };
  const keepsFromLower = text(response['keepsFromLower']);
  const onePointHigher = text(response['onePointHigher']);
  if (keepsFromLower !== undefined) result.keepsFromLower = keepsFromLower;
  if (onePointHigher !== undefined) result.onePointHigher = onePointHigher;
  return result;
}
