import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';

/** Documents a list's `export.csv` route: the list's filter and sort, every row, CSV out. */
export function ApiCsvExport(summary: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary,
      description: 'The list\'s `filter` and `sort` (as on the list route; `range` is ignored: every row the caller may see). '
        + 'UTF-8 with a BOM; a cell starting with = + - @, tab, CR or their full-width forms is prefixed with \' so spreadsheets show it as text. '
        + 'Audited as `export` with the row count. At most EXPORT_RATE_LIMIT exports a minute per user.',
    }),
    ApiProduces('text/csv'),
    ApiQuery({ name: 'sort', required: false, description: '["field","ASC"|"DESC"], as on the list' }),
    ApiQuery({ name: 'filter', required: false, description: 'JSON object, as on the list' }),
    ApiResponse({ status: 200, description: 'The CSV file (streamed)', content: { 'text/csv': { schema: { type: 'string' } } } }),
    ApiResponse({ status: 429, description: 'Too many exports: Retry-After says when to try again' }),
  );
}
