import type { DataSource } from 'typeorm';
import { installJobQueue } from '../modules/jobs/job-queue.js';

/**
 * Applies pending migrations, each in its own transaction, then installs or upgrades the job
 * queue's schema (pg-boss, schema `pgboss`) with its queues and schedules. Run it as the owner of
 * the schema: the app itself then needs no DDL.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await installJobQueue(dataSource);
  return applied.map((m) => m.name);
}
