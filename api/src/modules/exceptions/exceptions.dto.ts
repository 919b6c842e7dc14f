import { caseExceptionCorrectionSchema, caseExceptionInputSchema, SCALE_SCORE_SOURCES, staffAnnotationInputSchema, type CaseExceptionDto, type ExceptionDeepDescriptionDto } from '@attune/domain';
import type { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import { textOrNull } from '../../common/optional-text.js';
import type { CaseException, DeepDescription } from './case-exception.entity.js';

export const EXCEPTION_LIST: ListSpec = {
  resource: 'exceptions',
  idColumn: 'e.id',
  defaultSort: ['occurredAt', 'DESC'],
  sortable: { id: 'e.id', occurredAt: 'e.occurred_at', createdAt: 'e.created_at' },
  filterable: {
    caseId: { column: 'e.case_id', kind: 'uuid' },
    clientId: { column: 'e.client_id', kind: 'uuid' },
    tags: { column: 'e.tags', kind: 'text', arrayContains: true },
    significant: { column: 'e.significant', kind: 'boolean' },
    source: { column: 'e.source', kind: 'enum', values: SCALE_SCORE_SOURCES },
    occurredAt_gte: { column: 'e.occurred_at', kind: 'date_from' },
    occurredAt_lte: { column: 'e.occurred_at', kind: 'date_to' },
  },
  search: ['e.context', 'e.meaning'],
};

/** POST body: libs' rule for an exception. */
export const caseExceptionWriteSchema = caseExceptionInputSchema;
export type CaseExceptionWrite = z.infer<typeof caseExceptionWriteSchema>;

/**
 * PUT body: the record as GET returned it, with the version it was read at (a stale one answers 409
 * VERSION_CONFLICT) and the reason for the correction. The case is read-only; the client may change within it.
 */
export const caseExceptionUpdateSchema = caseExceptionCorrectionSchema;
export type CaseExceptionUpdate = z.infer<typeof caseExceptionUpdateSchema>;

/** PUT /api/exceptions/:id/annotation: libs' staff note and hide rule. */
export const caseExceptionAnnotationSchema = staffAnnotationInputSchema;

/** The deep description as stored: null when none of its three parts is given. */
export function deepOrNull(deep: CaseExceptionWrite['deep']): DeepDescription | null {
  if (!deep) return null;
  const stored: DeepDescription = {};
  const bodily = textOrNull(deep.bodily);
  const capacity = textOrNull(deep.capacity);
  const ifMoreOften = textOrNull(deep.ifMoreOften);
  if (bodily) stored.bodily = bodily;
  if (capacity) stored.capacity = capacity;
  if (ifMoreOften) stored.ifMoreOften = ifMoreOften;
  return Object.keys(stored).length > 0 ? stored : null;
}

function toDeepDto(deep: DeepDescription | null): ExceptionDeepDescriptionDto | null {
  if (!deep) return null;
  return { bodily: deep.bodily ?? null, capacity: deep.capacity ?? null, ifMoreOften: deep.ifMoreOften ?? null };
}

export function toCaseExceptionDto(e: CaseException): CaseExceptionDto {
  return {
    id: e.id,
    caseId: e.caseId,
    clientId: e.clientId,
    occurredAt: e.occurredAt.toISOString(),
    context: e.context,
    behavior: e.behavior,
    thoughts: e.thoughts,
    emotions: e.emotions,
    meaning: e.meaning,
    tags: e.tags,
    deep: toDeepDto(e.deep),
    significant: e.significant,
    source: e.source,
    staffAnnotation: e.staffAnnotation,
    hidden: e.hidden,
    hiddenReason: e.hiddenReason,
    version: e.version,
  };
}
