import { DomainError } from '@attune/domain';

export function forbidden(message: string): DomainError {
  return new DomainError('FORBIDDEN', message);
}
