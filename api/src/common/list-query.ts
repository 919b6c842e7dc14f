import { MAX_PAGE_ROWS } from '@attune/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { badRequest } from './api-errors.js';
import { parseQueryDate, QUERY_DATE_RULE } from './list-date-range.js';

/** libs' rule, re-exported for the API's list parsing and its OpenAPI words. */
export { MAX_PAGE_ROWS };
const DEFAULT_PAGE_ROWS = 25;

type FilterKind = 'uuid' | 'text' | 'int' | 'number' | 'boolean' | 'date_from' | 'date_to' | 'enum';

export interface ListFilterSpec {
  /** SQL expression the filter applies to, e.g. `c.status`. */
  column: string;
  kind: FilterKind;
  values?: readonly string[];
  /** For array columns: matches when the array contains the value. */
  arrayContains?: boolean;
}

/** The whitelist of one resource's list: nothing else from the query string reaches SQL. */
export interface ListSpec {
  resource: string;
  sortable: Record<string, string>;
  defaultSort: [string, 'ASC' | 'DESC'];
  filterable: Record<string, ListFilterSpec>;
  /** Columns searched by the full-text `q` filter (case-insensitive substring). */
  search?: string[];
  /** Column holding the record id, for getMany (`filter={"id":[...]}`). */
  idColumn: string;
}

export interface ParsedListQuery {
  sort: [string, 'ASC' | 'DESC'];
  range: [number, number];
  filter: Record<string, unknown>;
}

const jsonParam = (name: string) =>
  z.string().optional().transform((value, ctx) => {
    if (value === undefined || value === '') return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `${name} must be JSON` });
      return z.NEVER;
    }
  });

export const listQuerySchema = z.object({
  sort: jsonParam('sort'),
  range: jsonParam('range'),
  filter: jsonParam('filter'),
}).loose();

/** Checks sort, range and filter against the spec; anything unknown or malformed is a 400 naming it. */
export function parseListQuery(spec: ListSpec, raw: Record<string, unknown>): ParsedListQuery {
  const parsed = listQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest({ [String(issue?.path[0] ?? 'query')]: issue?.message ?? 'is malformed' });
  }
  const { sort: rawSort, range: rawRange, filter: rawFilter } = parsed.data;

  let sort = spec.defaultSort;
  if (rawSort !== undefined) {
    if (!Array.isArray(rawSort) || rawSort.length !== 2 || typeof rawSort[0] !== 'string' || !['ASC', 'DESC'].includes(String(rawSort[1]).toUpperCase())) {
      throw badRequest({ sort: 'must be ["field","ASC"|"DESC"]' });
    }
    // own properties only: "constructor" or "toString" is no column, whatever Object.prototype holds
    if (!Object.hasOwn(spec.sortable, rawSort[0])) {
      throw badRequest({ sort: `cannot sort by "${rawSort[0]}"; sortable: ${Object.keys(spec.sortable).join(', ')}` });
    }
    sort = [rawSort[0], String(rawSort[1]).toUpperCase() as 'ASC' | 'DESC'];
  }

  let range: [number, number] = [0, DEFAULT_PAGE_ROWS - 1];
  if (rawRange !== undefined) {
    if (!Array.isArray(rawRange) || rawRange.length !== 2 || !rawRange.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) || (rawRange[1] as number) < (rawRange[0] as number)) {
      throw badRequest({ range: 'must be [first,last] with whole numbers, first ≤ last' });
    }
    if ((rawRange[1] as number) - (rawRange[0] as number) + 1 > MAX_PAGE_ROWS) {
      throw badRequest({ range: `a page holds at most ${MAX_PAGE_ROWS} rows` });
    }
    range = [rawRange[0] as number, rawRange[1] as number];
  }

  const filter: Record<string, unknown> = {};
  if (rawFilter !== undefined) {
    if (typeof rawFilter !== 'object' || rawFilter === null || Array.isArray(rawFilter)) {
      throw badRequest({ filter: 'must be a JSON object' });
    }
    for (const [field, value] of Object.entries(rawFilter)) {
      if (field === 'q') {
        if (!spec.search) throw badRequest({ 'filter.q': 'full-text search is not available here' });
        if (typeof value !== 'string' || value.length > 200) throw badRequest({ 'filter.q': 'must be text of at most 200 characters' });
        filter.q = value;
        continue;
      }
      if (field === 'id') {
        const ids = Array.isArray(value) ? value : [value];
        if (ids.length > MAX_PAGE_ROWS || !ids.every((id) => typeof id === 'string' && UUID.test(id))) {
          throw badRequest({ 'filter.id': `must be a UUID or a list of at most ${MAX_PAGE_ROWS} UUIDs` });
        }
        filter.id = ids;
        continue;
      }
      const fieldSpec = Object.hasOwn(spec.filterable, field) ? spec.filterable[field] : undefined;
      if (!fieldSpec) {
        throw badRequest({ [`filter.${field}`]: `cannot filter by "${field}"; filterable: ${['q', 'id', ...Object.keys(spec.filterable)].join(', ')}` });
      }
      filter[field] = checkFilterValue(field, fieldSpec, value);
    }
  }
  return { sort, range, filter };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkFilterValue(field: string, spec: ListFilterSpec, value: unknown): unknown {
  if (spec.kind === 'date_from' || spec.kind === 'date_to') {
    // one bound, one date: the text PostgreSQL gets is the checked (and for a calendar day, widened) one
    const date = parseQueryDate(value, spec.kind === 'date_from' ? 'from' : 'to');
    if (date === null) throw badRequest({ [`filter.${field}`]: QUERY_DATE_RULE });
    return date;
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0 || values.length > 100) throw badRequest({ [`filter.${field}`]: 'must hold 1 to 100 values' });
  const fail = (reason: string) => badRequest({ [`filter.${field}`]: reason });
  for (const v of values) {
    switch (spec.kind) {
      case 'uuid': if (typeof v !== 'string' || !UUID.test(v)) throw fail('must be a UUID'); break;
      case 'text': if (typeof v !== 'string' || v.length > 200) throw fail('must be text of at most 200 characters'); break;
      case 'int': if (!Number.isSafeInteger(v)) throw fail('must be a whole number'); break;
      case 'number': if (typeof v !== 'number' || !Number.isFinite(v)) throw fail('must be a number'); break;
      case 'boolean': if (typeof v !== 'boolean') throw fail('must be true or false'); break;
      case 'enum': if (typeof v !== 'string' || !spec.values?.includes(v)) throw fail(`must be one of ${spec.values?.join(', ')}`); break;
    }
  }
  return Array.isArray(value) ? values : value;
}

/** Applies a checked list query to a query builder: filters, search, order, page. */
export function applyListQuery<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, spec: ListSpec, query: ParsedListQuery): SelectQueryBuilder<T> {
  let n = 0;
  for (const [field, value] of Object.entries(query.filter)) {
    const p = `lf${n++}`;
    if (field === 'q') {
      const terms = spec.search!.map((col) => `${col} ILIKE :${p}`).join(' OR ');
      qb.andWhere(`(${terms})`, { [p]: `%${escapeLike(String(value))}%` });
    } else if (field === 'id') {
      // getMany of no ids (react-admin may ask) matches nothing; `IN ()` would not even parse
      if ((value as unknown[]).length === 0) qb.andWhere('1 = 0');
      else qb.andWhere(`${spec.idColumn} IN (:...${p})`, { [p]: value });
    } else {
      const f = spec.filterable[field]!;
      if (f.kind === 'date_from') qb.andWhere(`${f.column} >= :${p}`, { [p]: value });
      else if (f.kind === 'date_to') qb.andWhere(`${f.column} <= :${p}`, { [p]: value });
      else if (f.arrayContains) qb.andWhere(`${f.column} && :${p}`, { [p]: Array.isArray(value) ? value : [value] });
      else if (Array.isArray(value)) qb.andWhere(`${f.column} IN (:...${p})`, { [p]: value });
      else qb.andWhere(`${f.column} = :${p}`, { [p]: value });
    }
  }
  const [sortField, order] = query.sort;
  qb.orderBy(spec.sortable[sortField]!, order, order === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST');
  if (sortField !== 'id') qb.addOrderBy(spec.idColumn, 'ASC');
  qb.offset(query.range[0]).limit(query.range[1] - query.range[0] + 1);
  return qb;
}

const LIST_TOTAL = 'listTotal';

/**
 * Runs a list query for plain rows (no entities built) with its total in the same statement:
 * `count(*) OVER ()` rides along the page. That is the count of distinct records only when every
 * join is many-to-one; a page past the end has no row to carry it, and counts separately.
 */
export async function getRawPageAndCount<R>(qb: SelectQueryBuilder<ObjectLiteral>, range: [number, number]): Promise<[R[], number]> {
  const rows = await qb.addSelect('count(*) OVER ()', LIST_TOTAL).getRawMany<R & { [LIST_TOTAL]: string }>();
  if (rows.length > 0) return [rows, Number(rows[0]![LIST_TOTAL])];
  return [rows, range[0] === 0 ? 0 : await qb.getCount()];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A page of a list; the list interceptor turns it into an array body and a Content-Range header. */
export class ListPage<T> {
  constructor(
    readonly resource: string,
    readonly rows: T[],
    readonly total: number,
    readonly range: [number, number],
  ) {}
}
