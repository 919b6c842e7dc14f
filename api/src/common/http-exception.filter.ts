import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { apiErrorCodeForStatus, DOMAIN_ERROR_HTTP_STATUS, DomainError, isApiErrorCode, type ApiErrorBody } from '@attune/domain';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-resilience.js';
import { describeDatabaseError } from './redacting-query-logger.js';
import { RetryLaterException } from './retry-later.js';
import { RefusedAttemptsService, type RefusalKind } from '../modules/audit/refused-attempts.service.js';
import { currentRequestContext, requestContextOf } from './request-context.js';

/** libs' ApiErrorBody: every error carries a code of libs' table (API_ERROR_CODES). */
export type ErrorBody = ApiErrorBody;

/** The refusals the audit trail keeps a (rate-limited) trace of; others (TOTP enrolment due, a login throttle) are not probing. */
function refusalOf(body: ErrorBody): RefusalKind | null {
  switch (body.statusCode) {
    case HttpStatus.UNAUTHORIZED: return 'unauthenticated';
    case HttpStatus.FORBIDDEN: return body.code === XSRF_REJECTED ? 'xsrf_rejected' : body.code === 'TOTP_ENROLMENT_REQUIRED' || body.code === 'PASSWORD_CHANGE_REQUIRED' ? null : 'denied';
    case HttpStatus.NOT_FOUND: return 'not_found';
    case HttpStatus.TOO_MANY_REQUESTS: return body.code === 'RATE_LIMITED' ? 'rate_limited' : null;
    default: return null;
  }
}

/** The `code` of the 403 for a missing or wrong X-XSRF-TOKEN header. */
export const XSRF_REJECTED = 'XSRF_REJECTED';

/**
 * Every error leaves as `{statusCode, message, code, errors?, correlationId}` (the id of its
 * X-Correlation-Id header and its log line); nothing unexpected leaks a stack or a guess.
 * Refused attempts (401, 403, 404, XSRF, rate limit) also leave a trace in the audit trail.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  constructor(private readonly refusals: RefusedAttemptsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const body = withCorrelationId(withCode(this.toBody(exception)), res);
    if (res.headersSent) return;
    // Tell clients when to try again: a refusal says how long (sign-in delays, the rate limit, a busy
    // hash queue); any other 503 is an outage of the database.
    if (exception instanceof RetryLaterException) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.seconds))));
    else if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    const send = () => {
      if (!res.headersSent) res.status(body.statusCode).json(body);
    };
    const kind = refusalOf(body);
    // The first refusal of its kind in a minute waits for its audit row (one INSERT); the rest answer at once.
    const recording = kind ? this.refusals.note(kind, http.getRequest<Request>().originalUrl) : null;
    if (recording) void recording.finally(send);
    else send();
  }

  private toBody(exception: unknown): UncodedErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = DOMAIN_ERROR_HTTP_STATUS[exception.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
      return { statusCode, message: exception.message, code: exception.code, ...(exception.fields ? { errors: exception.fields } : {}), ...(exception.params ? { params: exception.params } : {}) };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'errors' in response) return response as UncodedErrorBody;
      // Nest's own refusals (a guard's 401 and 403, an unknown route's 404) get the status's code below.
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      const given = typeof response === 'object' && response !== null ? (response as { code?: unknown }).code : undefined;
      const code = typeof given === 'string' ? given : statusCode === HttpStatus.SERVICE_UNAVAILABLE ? 'SERVICE_UNAVAILABLE' : undefined;
      return { statusCode, message, ...(code ? { code } : {}) };
    }
    if (isDatabaseUnavailable(exception)) {
      // Logged by code only, once per request; no stack (it names no record and says nothing new).
      this.logger.warn(`database unavailable (${describeDatabaseError(exception)}; correlation id ${currentRequestContext()?.correlationId})`);
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        message: 'Attune cannot reach its database just now; try again in a few seconds.',
        code: 'SERVICE_UNAVAILABLE',
      };
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string; constraint?: string; column?: string; table?: string };
      if (pg.code === '23505') return { statusCode: 409, message: 'A record with the same unique value already exists', code: 'CONFLICT' };
      if (pg.code === '23514' || pg.code === '23503' || pg.code === '23502' || pg.code === '22P02' || pg.code === '22007' || pg.code === '22008'
        || pg.code === '22003' || pg.code === '22001' || pg.code === '22021' || pg.code === '22P05' || pg.code === '54000') {
        const field = fieldOfDatabaseError(pg);
        return {
          statusCode: 400,
          message: `The data breaks a rule of the record (${pg.constraint ?? pg.code})`,
          code: 'VALIDATION',
          errors: { [field]: 'breaks a rule of the record' },
        };
      }
      // two transactions that could not both go on: the other one did; this caller may try again
      if (pg.code === '40001' || pg.code === '40P01') {
        return { statusCode: 409, message: 'Someone else changed this at the same moment; please try again', code: 'CONFLICT' };
      }
      if (pg.code === '23000' && pg.constraint === 'signed_note_locked') {
        return { statusCode: 409, message: 'A signed note cannot be changed; add an addendum instead', code: 'NOTE_SIGNED' };
      }
      if (pg.code === '23000' && pg.constraint === 'client_words_locked') {
        return { statusCode: 409, message: 'What a client wrote stays as they wrote it: add a staff note or hide it with a reason', code: 'CLIENT_AUTHORED' };
      }
    }
    const correlationId = currentRequestContext()?.correlationId;
    // A database error's message may quote a value (the input it could not read, a trigger's text):
    // it is logged by its code and names only. Other errors keep their stack, which names no record.
    this.logger.error(`Unexpected error (correlation id ${correlationId})`, exception instanceof QueryFailedError
      ? `QueryFailedError: ${describeDatabaseError(exception)}`
      : exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: 500, message: `Something went wrong on our side. Reference: ${correlationId}`, code: 'INTERNAL' };
  }
}

/** An error body as raised: its code may be missing or foreign, its correlation id comes with the answer. */
export type UncodedErrorBody = Omit<ErrorBody, 'code' | 'correlationId'> & { code?: unknown };

/** The body with a code of libs' table: the one raised when it is one, else the status's (VALIDATION for a 400, UNAUTHENTICATED for a 401...). */
export function withCode(body: UncodedErrorBody): Omit<ErrorBody, 'correlationId'> {
  return { ...body, code: isApiErrorCode(body.code) ? body.code : apiErrorCodeForStatus(body.statusCode) };
}

/** The body with the correlation id of the request it answers (its X-Correlation-Id header and log line). */
export function withCorrelationId(body: Omit<ErrorBody, 'correlationId'>, res: object): ErrorBody {
  return { ...body, correlationId: requestContextOf(res)?.correlationId ?? currentRequestContext()?.correlationId ?? '' };
}

/**
 * The field a database error is about, as the API names it: the column of a not-null violation,
 * or the column a check constraint is named after (`<table>_<column>_check`), in camelCase; else
 * `_root`. Only names, never values (PostgreSQL's `detail` quotes the row and stays out).
 */
export function fieldOfDatabaseError(pg: { column?: string; constraint?: string; table?: string }): string {
  let column = pg.column;
  if (!column && pg.constraint && pg.table && pg.constraint.startsWith(`${pg.table}_`) && /_(check|fkey)$/.test(pg.constraint)) {
    column = pg.constraint.slice(pg.table.length + 1).replace(/_(check|fkey)$/, '');
  }
  if (!column || !/^[a-z_][a-z0-9_]*$/.test(column)) return '_root';
  return column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
