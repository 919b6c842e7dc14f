import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { ListPageInterceptor } from './list-page.interceptor.js';
import { MAX_PAGE_ROWS, type ListFilterSpec, type ListSpec } from './list-query.js';

export type JsonSchema = Record<string, unknown>;

const UUID: JsonSchema = { type: 'string', format: 'uuid' };
const DAY_OR_INSTANT: JsonSchema = { type: 'string', description: 'YYYY-MM-DD or an ISO 8601 instant with a zone' };

/** One value, or a list of 1-100 values (any of them), of a filterable field. */
function oneOrMany(value: JsonSchema, most = 100): JsonSchema {
  return { oneOf: [value, { type: 'array', items: value, minItems: 1, maxItems: most }] };
}

function filterValueSchema(filter: ListFilterSpec): JsonSchema {
  switch (filter.kind) {
    case 'uuid': return oneOrMany(UUID);
    case 'text': return oneOrMany({ type: 'string', maxLength: 200 });
    case 'int': return oneOrMany({ type: 'integer' });
    case 'number': return oneOrMany({ type: 'number' });
    case 'boolean': return oneOrMany({ type: 'boolean' });
    case 'enum': return oneOrMany({ type: 'string', enum: [...(filter.values ?? [])] });
    case 'date_from': return { ...DAY_OR_INSTANT, description: 'Inclusive lower bound: YYYY-MM-DD or an ISO 8601 instant with a zone' };
    case 'date_to': return { ...DAY_OR_INSTANT, description: 'Inclusive upper bound: YYYY-MM-DD or an ISO 8601 instant with a zone' };
  }
}

/**
 * The JSON Schemas of a list's `sort`, `range` and `filter` query values (each JSON-encoded, as
 * react-admin's simple REST sends them), from the same whitelist the list is checked against.
 */
export function listQuerySchemas(spec: ListSpec, id: JsonSchema = UUID): { sort: JsonSchema; range: JsonSchema; filter: JsonSchema } {
  const filterProperties: Record<string, JsonSchema> = {
    id: { ...oneOrMany(id, MAX_PAGE_ROWS), description: `getMany: one id or a list of at most ${MAX_PAGE_ROWS}` },
  };
  if (spec.search) filterProperties['q'] = { type: 'string', maxLength: 200, description: 'Full text, case-insensitive' };
  for (const [name, filter] of Object.entries(spec.filterable)) filterProperties[name] = filterValueSchema(filter);
  return {
    sort: {
      type: 'array',
      prefixItems: [{ type: 'string', enum: Object.keys(spec.sortable) }, { type: 'string', enum: ['ASC', 'DESC'] }],
      minItems: 2,
      maxItems: 2,
      default: spec.defaultSort,
    },
    range: {
      type: 'array',
      prefixItems: [{ type: 'integer', minimum: 0 }, { type: 'integer', minimum: 0 }],
      minItems: 2,
      maxItems: 2,
      description: `[first, last], 0-based and inclusive; at most ${MAX_PAGE_ROWS} rows`,
      default: [0, 24],
    },
    filter: { type: 'object', properties: filterProperties, additionalProperties: false },
  };
}

/**
 * A react-admin list route: answers its ListPage as the array with a Content-Range header, and
 * documents the query in OpenAPI from the same whitelist the list is checked against. Only list
 * routes carry the interceptor: every other route skips Nest's interceptor pipeline.
 */
export function ApiListQuery(spec: ListSpec, options: { id?: JsonSchema } = {}): MethodDecorator {
  const schemas = listQuerySchemas(spec, options.id);
  const { sort, filter } = sortAndFilterQueries(spec, options);
  return applyDecorators(
    UseInterceptors(ListPageInterceptor),
    sort,
    ApiQuery({ name: 'range', required: false, description: `[first,last], JSON-encoded; at most ${MAX_PAGE_ROWS} rows`, schema: schemas.range }),
    filter,
  );
}

/** Documents a list's `sort` and `filter` query values (on a list route, or its CSV export that reads them the same way). */
export function sortAndFilterQueries(spec: ListSpec, options: { id?: JsonSchema } = {}): { sort: MethodDecorator; filter: MethodDecorator } {
  const schemas = listQuerySchemas(spec, options.id);
  return {
    sort: ApiQuery({ name: 'sort', required: false, description: `["field","ASC"|"DESC"], JSON-encoded. Default ${JSON.stringify(spec.defaultSort)}`, schema: schemas.sort }),
    filter: ApiQuery({ name: 'filter', required: false, description: 'A JSON object of the fields below; any other field: 400', schema: schemas.filter }),
  };
}
