import { enumSchema, SCALE_SCORE_SOURCES, scaleScoreCorrectionSchema, scaleScoreInputSchema, staffAnnotationInputSchema, type ScaleScoreDto } from '@attune/domain';
import type { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import type { ScaleScore } from './scale-score.entity.js';

export const SCALE_SCORE_LIST: ListSpec = {
  resource: 'scale-scores',
  idColumn: 's.id',
  defaultSort: ['recordedAt', 'DESC'],
  sortable: { id: 's.id', recordedAt: 's.recorded_at', score: 's.score' },
  filterable: {
    caseId: { column: 's.case_id', kind: 'uuid' },
    clientId: { column: 's.client_id', kind: 'uuid' },
    sessionId: { column: 's.session_id', kind: 'uuid' },
    source: { column: 's.source', kind: 'enum', values: SCALE_SCORE_SOURCES },
    recordedAt_gte: { column: 's.recorded_at', kind: 'date_from' },
    recordedAt_lte: { column: 's.recorded_at', kind: 'date_to' },
  },
};

/**
 * POST body: libs' rule for a rating. `source` may be sent (react-admin sends the record whole) but
 * the server sets it: a rating entered by staff is the practitioner's.
 */
export const scaleScoreCreateSchema = scaleScoreInputSchema.extend({ source: enumSchema(SCALE_SCORE_SOURCES).optional() });
export type ScaleScoreCreate = z.infer<typeof scaleScoreCreateSchema>;

/**
 * PUT body: the record as GET returned it with the reason for the correction; only the score, the
 * two follow-ups, the version it was read at and the reason are read. A stale version answers 409
 * VERSION_CONFLICT; a client's self-rating, 409 CLIENT_AUTHORED.
 */
export const scaleScoreUpdateSchema = scaleScoreCorrectionSchema;
export type ScaleScoreUpdate = z.infer<typeof scaleScoreUpdateSchema>;

/** PUT /api/scale-scores/:id/annotation: libs' staff note and hide rule. */
export const scaleScoreAnnotationSchema = staffAnnotationInputSchema;

export function toScaleScoreDto(score: ScaleScore): ScaleScoreDto {
  return {
    id: score.id,
    caseId: score.caseId,
    clientId: score.clientId,
    score: score.score,
    recordedAt: score.recordedAt.toISOString(),
    source: score.source,
    keepsFromLower: score.keepsFromLower,
    onePointHigher: score.onePointHigher,
    sessionId: score.sessionId,
    staffAnnotation: score.staffAnnotation,
    hidden: score.hidden,
    hiddenReason: score.hiddenReason,
    version: score.version,
  };
}
