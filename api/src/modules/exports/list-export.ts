import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ListSpec, ParsedListQuery } from '../../common/list-query.js';

/** One column of a CSV export: its header and how a row fills it. */
export type CsvColumn<T> = readonly [header: string, value: (row: T) => string | number | null | undefined];

/**
 * What a list exports, defined by the module that owns the list: the rows the actor may see (the
 * same scope as the list), how a batch of ids becomes rows, and the columns. The export path
 * (CsvExportService) applies the list's filter and sort and streams every row, a batch at a time.
 */
export interface ListExport<T> {
  /** The audit entity and the file's name, e.g. `cases`. */
  resource: string;
  spec: ListSpec;
  /**
   * The actor's rows before the list query is applied, and the query to apply (a module may
   * resolve a filter that is not SQL, as cases do with alerts).
   */
  scoped(manager: EntityManager, query: ParsedListQuery): Promise<{ qb: SelectQueryBuilder<ObjectLiteral>; query: ParsedListQuery }>;
  /** The rows of these ids, in any order. */
  load(manager: EntityManager, ids: string[]): Promise<T[]>;
  id(row: T): string;
  columns: ReadonlyArray<CsvColumn<T>>;
  /** The cases a row belongs to: exported clinical rows are audited as reads of each case. */
  caseIds?(row: T): ReadonlyArray<string | null>;
}

/** A list of ids or names as one cell. */
export const joined = (values: ReadonlyArray<string | null | undefined>): string => values.filter((v) => v).join('; ');

/** Display names of users or clients by id, for cells a person can read. */
export async function namesById(manager: EntityManager, table: 'users' | 'clients', ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows: Array<{ id: string; display_name: string }> = await manager.query(
    `SELECT id, display_name FROM ${table} WHERE id = ANY($1::uuid[])`, [wanted],
  );
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
