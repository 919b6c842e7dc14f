import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DOMAIN_ERROR_HTTP_STATUS, DomainError } from '@attune/domain';
import { QueryFailedError } from 'typeorm';
import { describeDatabaseError } from './redacting-query-logger.js';
import { currentRequestContext } from './request-context.js';

export interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: Record<string, string>;
  code?: string;
  correlationId?: string;
}

/** Every error leaves as `{statusCode, message, errors?}`; nothing unexpected leaks a stack or a guess. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = DOMAIN_ERROR_HTTP_STATUS[exception.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
      return { statusCode, message: exception.message, code: exception.code, ...(exception.fields ? { errors: exception.fields } : {}) };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'errors' in response) return response as ErrorBody;
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      const code = typeof response === 'object' && response !== null ? (response as { code?: unknown }).code : undefined;
      return { statusCode, message, ...(typeof code === 'string' ? { code } : {}) };
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
    return { statusCode: 500, message: `Something went wrong on our side. Reference: ${correlationId}`, correlationId };
  }
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
