import { HttpException } from '@nestjs/common';

/**
 * A refusal to try again later (429 or 503): the error filter answers it with a Retry-After header
 * of `seconds`, wherever it was thrown (a guard, a service, a controller).
 */
export class RetryLaterException extends HttpException {
  constructor(status: 429 | 503, message: string, code: string, readonly seconds: number) {
    super({ statusCode: status, message, code }, status);
  }
}
