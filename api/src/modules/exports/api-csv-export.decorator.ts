import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { sortAndFilterQueries, type JsonSchema } from '../../common/api-list-query.decorator.js';
import type { ListSpec } from '../../common/list-query.js';

/** Documents a list's `export.csv` route: the list's filter and sort, every row, CSV out. */
export function ApiCsvExport(summary: string, spec: ListSpec, options: { id?: JsonSchema } = {}): MethodDecorator {
  const { sort, filter } = sortAndFilterQueries(spec, options);
  return applyDecorators(
    ApiOperation({
      summary,
      description: 'The list\'s `filter` and `sort` (as on the list route; `range` is ignored: every row the caller may see). '
        + 'UTF-8 with a BOM; a cell starting with = + - @, tab, CR or their full-width forms is prefixed with \' so spreadsheets show it as text. '
        + 'Audited as `export` with the row count. At most EXPORT_RATE_LIMIT exports a minute per user.',
    }),
    ApiProduces('text/csv'),
    sort,
    filter,
    ApiResponse({ status: 200, description: 'The CSV file (streamed)', content: { 'text/csv': { schema: { type: 'string' } } } }),
    ApiResponse({ status: 429, description: 'Too many exports: Retry-After says when to try again' }),
  );
}
