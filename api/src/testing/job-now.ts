import { PgBoss } from 'pg-boss';
import { JOB_SCHEMA, type JobQueueName } from '../modules/jobs/job-queue.js';

/**
 * Puts one job on a queue of a running instance's database now, as the queue's cron would at its
 * next tick (a test does not wait a quarter of an hour for the reminders). A worker of the
 * instance takes it like any other job.
 */
export async function sendJobNow(databaseUrl: string, name: JobQueueName, data: object = {}): Promise<void> {
  const boss = new PgBoss({
    connectionString: databaseUrl, schema: JOB_SCHEMA, max: 1, application_name: 'attune-test-job',
    migrate: false, supervise: false, schedule: false, registerInstance: false,
  });
  await boss.start();
  try {
    await boss.send(name, data);
  } finally {
    await boss.stop({ graceful: false });
  }
}
