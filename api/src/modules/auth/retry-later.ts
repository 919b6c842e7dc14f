import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable } from 'rxjs';

/** A refusal to try again later (429 or 503): the answer carries a Retry-After header of `seconds`. */
export class RetryLaterException extends HttpException {
  constructor(status: 429 | 503, message: string, code: string, readonly seconds: number) {
    super({ statusCode: status, message, code }, status);
  }
}

/** Sets Retry-After on the answer of a RetryLaterException thrown by a handler (the filter writes the body). */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => {
      if (error instanceof RetryLaterException) {
        const res = context.switchToHttp().getResponse<Response>();
        if (!res.headersSent) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.seconds))));
      }
      throw error;
    }));
  }
}
