import { badRequest } from '../../common/api-errors.js';

/** Region/City names (and UTC); numeric offsets are refused, since PostgreSQL reads "+08:00" as UTC-8. */
const IANA_NAME = /^(UTC|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * The IANA time zone a report reads calendar days and hours in (`?timeZone=Asia/Shanghai`, as the
 * browser reports it); UTC when none is given. Anything else is a 400 naming the parameter.
 */
export function parseTimeZone(value: unknown): string {
  if (value === undefined || value === '') return 'UTC';
  if (typeof value !== 'string' || value.length > 64 || !IANA_NAME.test(value) || !isKnownTimeZone(value)) {
    throw badRequest({ timeZone: 'must be an IANA time zone such as Europe/Berlin or Asia/Shanghai' });
  }
  return value;
}

function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
