import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorCode } from '@attune/domain';

export function notFound(entity: string): DomainError {
  return new DomainError('NOT_FOUND', `${entity} not found`);
}

export function badRequest(fields: Record<string, string>, message?: string): DomainError {
  const first = Object.entries(fields)[0];
  return new DomainError('VALIDATION', message ?? (first ? `${first[0]}: ${first[1]}` : 'Invalid request'), fields);
}

export function conflict(message: string, code: DomainErrorCode = 'CONFLICT'): DomainError {
  return new DomainError(code, message);
}

export { DomainError, HttpException };
