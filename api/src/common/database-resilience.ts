import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { describeDatabaseError } from './redacting-query-logger.js';

interface PoolLike {
  on(event: 'connect', listener: (client: ClientLike) => void): unknown;
  _clients?: ClientLike[];
}
interface ClientLike {
  on(event: 'error', listener: (error: unknown) => void): unknown;
  __attuneErrorHandled?: boolean;
}

/**
 * A pg client whose connection PostgreSQL ends (pg_terminate_backend, a restart, a fail-over)
 * emits 'error'. pg-pool listens only while the client is idle and TypeORM only while a query
 * runner holds it; an 'error' outside both (seen in the fault test) has no listener, and Node ends
 * the whole process for it. Every client of the pool gets a permanent listener that logs the code:
 * the broken client is dropped by the pool as usual, the request it served fails with a 5xx the
 * caller retries, and the API keeps running.
 */
export function keepDatabaseErrorsFromEndingTheProcess(dataSource: DataSource): void {
  const logger = new Logger('Database');
  const pool = (dataSource.driver as unknown as { master?: PoolLike }).master;
  if (!pool || typeof pool.on !== 'function') return;
  const guard = (client: ClientLike) => {
    if (client.__attuneErrorHandled) return;
    client.__attuneErrorHandled = true;
    client.on('error', (error) => logger.warn(`a database connection ended (${describeDatabaseError(error)})`));
  };
  for (const client of pool._clients ?? []) guard(client);
  pool.on('connect', guard);
}

/** Node's socket errors and PostgreSQL's SQLSTATEs that mean "no database right now", not "bad request". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '53300', // too_many_connections
]);
/** pg's own messages for a connection that ended or never came (they carry no code). */
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended|connection timeout/i;

/**
 * Whether an error says PostgreSQL is unreachable (refused, terminated, the pool timed out) rather
 * than that the request was wrong: such a request is answered 503 with Retry-After, and a retry will
 * do once the database is back. A TypeORM QueryFailedError is looked into (its driverError).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    const { code, message, driverError, cause } = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    e = driverError ?? cause;
  }
  return false;
}

/** Seconds a client should wait before retrying after a 503 for an unreachable database. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
