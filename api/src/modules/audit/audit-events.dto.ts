import type { AuditEventDto } from '@attune/domain';
import { badRequest } from '../../common/api-errors.js';
import { MAX_PAGE_ROWS, parseListQuery, type ListSpec, type ParsedListQuery } from '../../common/list-query.js';
import type { AuditEvent } from './audit-event.entity.js';

export const AUDIT_EVENT_LIST: ListSpec = {
  resource: 'audit-events',
  idColumn: 'ae.id',
  defaultSort: ['at', 'DESC'],
  sortable: { id: 'ae.id', at: 'ae.at' },
  filterable: {
    actorId: { column: 'ae.actor_id', kind: 'uuid' },
    action: { column: 'ae.action', kind: 'text' },
    entity: { column: 'ae.entity', kind: 'text' },
    entityId: { column: 'ae.entity_id', kind: 'text' },
    caseId: { column: 'ae.case_id', kind: 'uuid' },
    correlationId: { column: 'ae.correlation_id', kind: 'text' },
    at_gte: { column: 'ae.at', kind: 'date_from' },
    at_lte: { column: 'ae.at', kind: 'date_to' },
  },
};

/** Audit events are numbered (a bigint sequence), not UUIDs. */
const EVENT_ID = /^[1-9]\d{0,18}$/;

export function isAuditEventId(value: unknown): value is string {
  return typeof value === 'string' && EVENT_ID.test(value);
}

/**
 * The common list query, except that `filter.id` (getMany) holds event numbers rather than UUIDs:
 * it is checked here and applied by the service.
 */
export function parseAuditEventListQuery(raw: Record<string, unknown>): { query: ParsedListQuery; ids: string[] | null } {
  const filterText = raw['filter'];
  if (typeof filterText !== 'string' || filterText === '') return { query: parseListQuery(AUDIT_EVENT_LIST, raw), ids: null };
  let filter: unknown;
  try {
    filter = JSON.parse(filterText);
  } catch {
    throw badRequest({ filter: 'filter must be JSON' });
  }
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter) || !Object.hasOwn(filter, 'id')) {
    return { query: parseListQuery(AUDIT_EVENT_LIST, raw), ids: null };
  }
  const { id, ...rest } = filter as Record<string, unknown>;
  const ids = (Array.isArray(id) ? id : [id]).map((v) => (typeof v === 'number' ? String(v) : v));
  if (ids.length === 0 || ids.length > MAX_PAGE_ROWS || !ids.every(isAuditEventId)) {
    throw badRequest({ 'filter.id': `must be an event number or a list of at most ${MAX_PAGE_ROWS} event numbers` });
  }
  return { query: parseListQuery(AUDIT_EVENT_LIST, { ...raw, filter: JSON.stringify(rest) }), ids };
}

/** An event of the trail: who did what to which record, when and from where. Never clinical text. */
export interface AuditEventResponseDto extends AuditEventDto {
  caseId: string | null;
  correlationId: string | null;
  /** How many records an export let out; null for other events. */
  recordCount: number | null;
}

export function toAuditEventDto(event: AuditEvent): AuditEventResponseDto {
  return {
    id: String(event.id),
    at: event.at.toISOString(),
    actorId: event.actorId,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    caseId: event.caseId,
    ip: event.ip,
    correlationId: event.correlationId,
    recordCount: event.recordCount,
  };
}
