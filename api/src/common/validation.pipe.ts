import { type ArgumentMetadata, BadRequestException, StandardSchemaValidationPipe } from '@nestjs/common';

const NUL = '\u0000';

/**
 * The path of the first text holding a NUL character, which PostgreSQL cannot store in text: such
 * input is refused here, naming the field, rather than failing in the database.
 */
export function findNulCharacter(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes(NUL)) return path ? `${path}.${key.replaceAll(NUL, '\\0')}` : key.replaceAll(NUL, '\\0');
    const found = findNulCharacter(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** The standard-schema pipe, after a check that no text of the body, query or route holds a NUL character. */
class AttuneValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const field = findNulCharacter(value, metadata.type === 'param' ? metadata.data ?? 'id' : metadata.type === 'query' && metadata.data ? metadata.data : '');
      if (field !== null) {
        const key = field || '_root';
        throw new BadRequestException({ statusCode: 400, message: `Invalid input: ${key}: must not contain the NUL character`, errors: { [key]: 'must not contain the NUL character' } });
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
        if (!(key in errors)) errors[key] = issue.message;
      }
      const summary = Object.entries(errors).map(([field, reason]) => `${field}: ${reason}`).join('; ');
      return new BadRequestException({ statusCode: 400, message: `Invalid input: ${summary}`, errors });
    },
  });
}
