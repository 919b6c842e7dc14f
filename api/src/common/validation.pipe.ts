import { type ArgumentMetadata, BadRequestException, StandardSchemaValidationPipe } from '@nestjs/common';
import { addFieldError } from '@attune/domain';

const NUL = '\u0000';

/**
 * Keys Nest's standard-schema pipe deletes before validating (against prototype pollution): an
 * answer or a field under one of these names would vanish without a word. Refused instead, by name.
 */
const STRIPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first part of a body, query or route that cannot be taken as sent, and why: a text holding
 * a NUL character (PostgreSQL cannot store it in text), or a key Nest would silently strip. Such
 * input is refused here, naming the field, rather than failing in the database or vanishing.
 */
export function findRefusedInput(value: unknown, path: string, depth = 0): { field: string; reason: string } | null {
  if (typeof value === 'string') return value.includes(NUL) ? { field: path, reason: 'must not contain the NUL character' } : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const field = path ? `${path}.${key.replaceAll(NUL, '\\0')}` : key.replaceAll(NUL, '\\0');
    if (key.includes(NUL)) return { field, reason: 'must not contain the NUL character' };
    if (STRIPPED_KEYS.has(key)) return { field, reason: 'is a reserved name, not a field' };
    const found = findRefusedInput(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** The standard-schema pipe, after a check that the body, query or route holds nothing it would lose or PostgreSQL refuse. */
class AttuneValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const refused = findRefusedInput(value, metadata.type === 'param' ? metadata.data ?? 'id' : metadata.type === 'query' && metadata.data ? metadata.data : '');
      if (refused !== null) {
        const key = refused.field || '_root';
        throw new BadRequestException({ statusCode: 400, message: `Invalid input: ${key}: ${refused.reason}`, code: 'VALIDATION', errors: { [key]: refused.reason } });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Validates every @Body/@Query/@Param that declares a zod schema; a 400 names each bad field. */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new AttuneValidationPipe({
    exceptionFactory: (issues) => {
      const errors: Record<string, string> = {};
      for (const issue of issues) {
        const key = (issue.path ?? [])
          .map((p) => (typeof p === 'object' && p !== null && 'key' in p ? String(p.key) : String(p)))
          .join('.') || '_root';
        addFieldError(errors, key, issue.message);
      }
      const summary = Object.entries(errors).map(([field, reason]) => `${field}: ${reason}`).join('; ');
      return new BadRequestException({ statusCode: 400, message: `Invalid input: ${summary}`, code: 'VALIDATION', errors });
    },
  });
}
