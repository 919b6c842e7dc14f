import { ApiQuery } from '@nestjs/swagger';
import { badRequest } from '../../common/api-errors.js';

/**
 * The zones PostgreSQL is asked to read calendar days and hours in: the runtime's canonical IANA
 * names (what a browser reports), and UTC. A test checks every one against pg_timezone_names.
 */
export const KNOWN_TIME_ZONES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** The regions of the canonical names (Europe, Asia, …): a newer alias there (Asia/Kolkata) is read as its zone. */
const REGIONS = new Set([...KNOWN_TIME_ZONES].map((name) => name.split('/')[0]!).filter((region) => region !== 'UTC'));

const NAME = /^[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+){1,2}$/;

/** A `timeZone` query value as OpenAPI says it: UTC or an IANA name, what parseTimeZone takes. */
const TIME_ZONE_SCHEMA = {
  type: 'string',
  maxLength: 64,
  pattern: `^(UTC|${NAME.source.slice(1, -1).replaceAll('\\/', '/')})$`,
  examples: ['Asia/Shanghai', 'Europe/Berlin'],
} as const;

/** Documents a route's optional `timeZone` query (an IANA name; see parseTimeZone). */
export function ApiTimeZoneQuery(description: string): MethodDecorator {
  return ApiQuery({ name: 'timeZone', required: false, description, schema: TIME_ZONE_SCHEMA });
}

/**
 * The IANA time zone a report reads calendar days and hours in (`?timeZone=Asia/Shanghai`, as the
 * browser reports it); UTC when none is given. A canonical name is taken as is; an alias within a
 * region (Asia/Kolkata, Europe/Kyiv, as some browsers name them) becomes the canonical zone it
 * links to. Anything else (an offset, a retired name such as US/Pacific-New that the runtime still
 * resolves but PostgreSQL no longer knows, EST5EDT) is a 400 naming the parameter.
 */
export function parseTimeZone(value: unknown): string {
  if (value === undefined || value === '') return 'UTC';
  if (typeof value === 'string' && KNOWN_TIME_ZONES.has(value)) return value;
  const canonical = typeof value === 'string' && value.length <= 64 && NAME.test(value) && REGIONS.has(value.split('/')[0]!)
    ? canonicalZone(value) : null;
  if (canonical === null || !KNOWN_TIME_ZONES.has(canonical)) {
    throw badRequest({ timeZone: 'is not a known time zone: use an IANA name such as Europe/Berlin or Asia/Shanghai' });
  }
  return canonical;
}

function canonicalZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
