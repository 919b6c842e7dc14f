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
