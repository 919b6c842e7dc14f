import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print a failed query's parameters, which are the values of the row: a
 * session note, an exception's context. This one logs the statement (parameterised SQL, no
 * values), the number of parameters and the PostgreSQL error's code and the names it carries
 * (constraint, table, column), never a value: not PostgreSQL's `detail` (which quotes the failing
 * row) and not its message either (which quotes a value it could not read, "invalid input syntax
 * for type uuid: …", or whatever a trigger put in it).
 */
export class RedactingQueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // queries are not logged
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    this.logger.error(`query failed (${describeDatabaseError(error)}): ${oneLine(query)} [${parameters?.length ?? 0} parameters withheld]`);
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[]): void {
    this.logger.warn(`slow query (${time} ms): ${oneLine(query)} [${parameters?.length ?? 0} parameters withheld]`);
  }

  logSchemaBuild(): void {
    // schema is built by migrations only
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

function oneLine(sql: unknown): string {
  const flat = (typeof sql === 'string' ? sql : '(no statement)').replace(/\s+/g, ' ').trim();
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat;
}

/** A database error by its code and the names of what it concerns: no message, no detail, no value. */
export function describeDatabaseError(error: unknown): string {
  const pg = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown; driverError?: unknown; name?: unknown;
  };
  const inner = (pg.driverError && typeof pg.driverError === 'object' ? pg.driverError : pg) as typeof pg;
  const parts = [`code ${typeof inner.code === 'string' ? inner.code : 'none'}`];
  for (const key of ['constraint', 'table', 'column', 'routine'] as const) {
    if (typeof inner[key] === 'string') parts.push(`${key} ${inner[key]}`);
  }
  if (typeof inner.code !== 'string' && typeof pg.name === 'string') parts.push(pg.name);
  return parts.join(', ');
}
