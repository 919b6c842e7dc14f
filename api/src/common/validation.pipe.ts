import { BadRequestException, StandardSchemaValidationPipe } from '@nestjs/common';

/** Validates every @Body/@Query/@Param that declares a zod schema; a 400 names each bad field. */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
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
