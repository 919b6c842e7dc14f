import type { ListSpec, ParsedListQuery } from './list-query.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Range filters are named `<field>_gte` and `<field>_lte` (react-admin's convention) and take an
 * instant with a zone or a calendar date. A calendar date means the whole UTC day: `_gte` from its
 * first moment, `_lte` up to its last, so `{"recordedAt_lte":"2026-03-01"}` includes that day.
 */
export function widenDateOnlyBounds(spec: ListSpec, query: ParsedListQuery): ParsedListQuery {
  const filter: Record<string, unknown> = { ...query.filter };
  for (const [field, value] of Object.entries(filter)) {
    const kind = spec.filterable[field]?.kind;
    if ((kind !== 'date_from' && kind !== 'date_to') || typeof value !== 'string' || !DATE_ONLY.test(value)) continue;
    filter[field] = kind === 'date_from' ? `${value}T00:00:00.000000Z` : `${value}T23:59:59.999999Z`;
  }
  return { ...query, filter };
}

