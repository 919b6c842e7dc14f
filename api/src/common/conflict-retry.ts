import { QueryFailedError } from 'typeorm';
import { conflict } from './api-errors.js';

/** PostgreSQL's answers to two transactions that cannot both go on: a serialisation failure, a deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableConflict(error: unknown): boolean {
  return error instanceof QueryFailedError && RETRYABLE.has((error.driverError as { code?: string }).code ?? '');
}

/**
 * Runs a transaction again when PostgreSQL ended it for a serialisation failure or a deadlock (the
 * other transaction went through; this one, started afresh, sees its result). After `attempts`
 * tries the caller gets a 409 with code CONFLICT, never a 500.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (attempt >= attempts) throw conflict('Someone else changed this at the same moment; please try again');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
