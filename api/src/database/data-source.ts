import { DataSource, type DataSourceOptions } from 'typeorm';
import { RedactingQueryLogger } from '../common/redacting-query-logger.js';
import { ENTITIES, MIGRATIONS } from './entities.js';

export function dataSourceOptions(url: string, poolSize = 20, logErrors = true): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: logErrors ? ['error', 'warn'] : false,
    // never TypeORM's own loggers: they print a failed query's values (clinical text)
    logger: new RedactingQueryLogger(),
    extra: { max: poolSize, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 },
  };
}

/**
 * For the TypeORM CLI: `npm run migration:run -w @attune/api` with DATABASE_OWNER_URL (or DATABASE_URL) set.
 * It does not grant the app role: the API's start (or `npm run db:roles`) does that after migrating.
 */
export default new DataSource(dataSourceOptions(process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL || 'postgres://localhost/attune'));
