import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DOMAIN_ERROR_HTTP_STATUS, DomainError } from '@attune/domain';
import { QueryFailedError } from 'typeorm';
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
      return { statusCode, message };
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string; constraint?: string };
      if (pg.code === '23505') return { statusCode: 409, message: 'A record with the same unique value already exists', code: 'CONFLICT' };
      if (pg.code === '23514' || pg.code === '23503' || pg.code === '22P02' || pg.code === '22007' || pg.code === '22008') {
        return { statusCode: 400, message: `The data breaks a rule of the record (${pg.constraint ?? pg.code})`, code: 'VALIDATION' };
      }
      if (pg.code === '23000' && pg.constraint === 'signed_note_locked') {
        return { statusCode: 409, message: 'A signed note cannot be changed; add an addendum instead', code: 'NOTE_SIGNED' };
      }
    }
    const correlationId = currentRequestContext()?.correlationId;
    this.logger.error(`Unexpected error (correlation id ${correlationId})`, exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: 500, message: `Something went wrong on our side. Reference: ${correlationId}`, correlationId };
  }
}
