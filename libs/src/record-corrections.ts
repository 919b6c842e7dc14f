import { z } from 'zod';
import { assignmentDueInputSchema } from './assignments.js';
import { caseExceptionInputSchema } from './exceptions.js';
import { recordVersionSchema, textSchema } from './primitives.js';
import { scaleScoreInputSchema } from './scale-scores.js';

/** How long the reason for correcting a clinical record may be, after trimming. */
export const CORRECTION_REASON_MIN_LENGTH = 3;
export const CORRECTION_REASON_MAX_LENGTH = 500;

/**
 * Why a staff-entered record was corrected, in the practitioner's words: clinical text, so it is
 * kept with the case (`record_corrections`), never in the audit trail, a log or a URL.
 */
export const correctionReasonSchema = textSchema(CORRECTION_REASON_MIN_LENGTH, CORRECTION_REASON_MAX_LENGTH);

/** What a correction did: rewrote the record, removed it, withdrew homework, or moved its due date. */
export const RECORD_CORRECTION_KINDS = ['edit', 'delete', 'withdraw', 'redate'] as const;
export type RecordCorrectionKind = (typeof RECORD_CORRECTION_KINDS)[number];

/** The records whose corrections carry a reason: ratings, exceptions and homework staff entered. */
export const CORRECTED_RECORDS = ['scale-scores', 'exceptions', 'assignments'] as const;
export type CorrectedRecord = (typeof CORRECTED_RECORDS)[number];

/**
 * The body of a removal (`DELETE /api/scale-scores/:id`, `/api/exceptions/:id`,
 * `/api/assignments/:id`): the reason only. A DELETE sent without a body is read as `{}`, so the
 * answer names `reason` rather than the body.
 */
export const correctionInputSchema = z
  .object({ reason: correctionReasonSchema })
  // parsed as given: the empty object fails on `reason` like a body without it
  .prefault(() => ({}) as { reason: string });
export type CorrectionInput = z.infer<typeof correctionInputSchema>;

/**
 * `PUT /api/scale-scores/:id` (a rating staff entered): the score and its two follow-ups, the version
 * they were read at, and why.
 */
export const scaleScoreCorrectionSchema = scaleScoreInputSchema
  .pick({ score: true, keepsFromLower: true, onePointHigher: true })
  .extend({ version: recordVersionSchema, reason: correctionReasonSchema });

/** `PUT /api/exceptions/:id` (an entry staff logged): the entry, the version it was read at, and why. */
export const caseExceptionCorrectionSchema = caseExceptionInputSchema.extend({ version: recordVersionSchema, reason: correctionReasonSchema });

/** The re-dating of homework not yet sent: the new due time (a past one confirmed) and why. */
export const assignmentDueCorrectionSchema = assignmentDueInputSchema.extend({ reason: correctionReasonSchema });

/** One correction of a record of a case, as `GET /api/cases/:id/corrections` lists it (staff only). */
export interface RecordCorrectionDto {
  id: string;
  caseId: string;
  entity: CorrectedRecord;
  entityId: string;
  kind: RecordCorrectionKind;
  /** When the corrected record was dated before the change: a rating's, a moment's, or homework's due time. */
  recordAt: string;
  reason: string;
  actorId: string | null;
  /** The display name of the person who made it; null once that account is gone. */
  actorName: string | null;
  at: string;
}
