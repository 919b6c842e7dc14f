import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiQuery, ApiResponse } from '@nestjs/swagger';
import { ListPageInterceptor } from './list-page.interceptor.js';
import { MAX_PAGE_ROWS, type ListSpec } from './list-query.js';

/**
 * A react-admin list route: answers its ListPage as the array with a Content-Range header, and
 * documents the query in OpenAPI from the same whitelist the list is checked against. Only list
 * routes carry the interceptor: every other route skips Nest's interceptor pipeline.
 */
export function ApiListQuery(spec: ListSpec, options: { idNote?: string } = {}): MethodDecorator {
  const filters = Object.entries(spec.filterable).map(([name, f]) => {
    switch (f.kind) {
      case 'enum': return `${name} (${f.values?.join(' | ')})`;
      case 'date_from': return `${name} (YYYY-MM-DD or an ISO instant with a zone, inclusive lower bound)`;
      case 'date_to': return `${name} (YYYY-MM-DD or an ISO instant with a zone, inclusive upper bound)`;
      default: return `${name} (${f.arrayContains ? 'contains' : f.kind})`;
    }
  });
  if (spec.search) filters.unshift(`q (text, searched in ${spec.search.join(', ')})`);
  filters.unshift(`id (${options.idNote ?? 'a UUID or a list of UUIDs'}: getMany)`);
  return applyDecorators(
    UseInterceptors(ListPageInterceptor),
    ApiQuery({ name: 'sort', required: false, description: `["field","ASC"|"DESC"]; fields: ${Object.keys(spec.sortable).join(', ')}. Default ${JSON.stringify(spec.defaultSort)}` }),
    ApiQuery({ name: 'range', required: false, description: `[first,last], at most ${MAX_PAGE_ROWS} rows` }),
    ApiQuery({ name: 'filter', required: false, description: `JSON object; fields: ${filters.join('; ')}. Anything else: 400` }),
    ApiResponse({ status: 200, description: `A JSON array; the Content-Range header reads "${spec.resource} first-last/total"` }),
  );
}
