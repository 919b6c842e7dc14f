import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PgBoss, type ConstructorOptions, type Db, type Job } from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ApiMetrics } from '../metrics/request-metrics.js';
import { jobMetrics, type JobMetrics } from './job-metrics.js';
import { cleanUp } from './clean-up.job.js';

/** pg-boss keeps its tables in a schema of their own, installed by `migrate()`. */
export const JOB_SCHEMA = 'pgboss';

/** Every queue, created by `migrate()` (the owner's connection) so the running app needs no DDL. */
export const JOB_QUEUES = {
  cleanUp: 'clean-up',
  /** One e-mail of the outbox: `{ messageId }`. */
  deliverMessage: 'deliver-message',
  /** Every minute: e-mails due that no job carries (written by an instance without workers, or past a crash). */
  outboxSweep: 'outbox-sweep',
  /** Homework due tomorrow and overdue: the clients' reminders. */
  homeworkReminders: 'homework-reminders',
  /** The practitioners' morning digest of what needs attention. */
  practitionerDigest: 'practitioner-digest',
  appointmentReminders: 'appointment-reminders',
  /** Measures: occurrences that fall due, and the reminder a day before an open one closes. */
  measureReminders: 'measure-reminders',
} as const;
export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];

/** Every hour, on the hour (UTC). */
export const CLEAN_UP_CRON = '0 * * * *';

/** Every five minutes: an appointment is reminded of at most five minutes after it falls due. */
export const APPOINTMENT_REMINDERS_CRON = '*/5 * * * *';

/** Every fifteen minutes: a measure opens, and is reminded of before it closes, at most fifteen minutes late. */
export const MEASURE_REMINDERS_CRON = '*/15 * * * *';

/** The cron schedules, installed by `migrate()` (UTC); each fires once however many instances run. */
export const JOB_SCHEDULES: ReadonlyArray<{ name: JobQueueName; cron: string }> = [
  { name: JOB_QUEUES.cleanUp, cron: CLEAN_UP_CRON },
  { name: JOB_QUEUES.outboxSweep, cron: '* * * * *' },
  { name: JOB_QUEUES.homeworkReminders, cron: '*/15 * * * *' },
  // hourly: each practitioner's digest goes in the hour their own morning starts
  { name: JOB_QUEUES.practitionerDigest, cron: '5 * * * *' },
  { name: JOB_QUEUES.appointmentReminders, cron: APPOINTMENT_REMINDERS_CRON },
  { name: JOB_QUEUES.measureReminders, cron: MEASURE_REMINDERS_CRON },
];

/** What a queue's worker does with one job's data; what it returns is kept as the job's output. */
export type JobHandler = (data: unknown) => Promise<unknown>;

const QUEUE_OPTIONS = { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 } as const;

function connectionOf(dataSource: DataSource): Pick<ConstructorOptions, 'connectionString'> {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error('The job queue needs the database URL the app was given');
  return { connectionString: url };
}

/**
 * Installs or upgrades the pg-boss schema and creates the queues and schedules, on the connection
 * of whoever runs the migrations (the owner). pg-boss takes an advisory lock while it migrates, so
 * instances starting together do it once.
 */
export async function installJobQueue(dataSource: DataSource): Promise<void> {
  const boss = new PgBoss({
    ...connectionOf(dataSource), schema: JOB_SCHEMA, max: 2, application_name: 'attune-migrate-jobs',
    migrate: true, supervise: false, schedule: false, registerInstance: false,
  });
  const failures: unknown[] = [];
  boss.on('error', (error) => failures.push(error));
  await boss.start();
  try {
    for (const name of Object.values(JOB_QUEUES)) await boss.createQueue(name, QUEUE_OPTIONS);
    for (const { name, cron } of JOB_SCHEDULES) await boss.schedule(name, cron, null, { tz: 'UTC' });
  } finally {
    await boss.stop({ graceful: false });
  }
  if (failures.length > 0) throw failures[0];
}

/**
 * The job queue (pg-boss on the app's own database). `start()` connects as the app (with no DDL:
 * `migrate()` installed the schema), works every queue and runs the cron schedules: each scheduled
 * job is created once however many instances run, and each job is taken by one worker (SKIP
 * LOCKED). Jobs sent inside a transaction with `send(…, manager)` exist only if it commits.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private boss: PgBoss | undefined;
  private readonly handlers = new Map<JobQueueName, JobHandler>();
  private readonly metrics: JobMetrics;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: ApiMetrics,
  ) {
    this.metrics = jobMetrics(metrics.registry, dataSource, Object.values(JOB_QUEUES), JOB_SCHEMA);
  }

  get started(): boolean {
    return this.boss !== undefined;
  }

  /** A module's worker for one of the queues (from its onModuleInit); the clean-up is the queue's own. */
  async register(name: JobQueueName, handler: JobHandler): Promise<void> {
    this.handlers.set(name, handler);
    // registered after start(): worked from now on
    if (this.boss) await this.work(this.boss, name, handler);
  }

  private async work(boss: PgBoss, name: JobQueueName, handler: JobHandler): Promise<void> {
    await boss.work(name, { pollingIntervalSeconds: this.config.jobPollingSeconds }, async (jobs: Job[]) => {
      const outputs: unknown[] = [];
      for (const job of jobs) outputs.push(await this.counted(name, handler, job.data));
      return outputs.length === 1 ? outputs[0] : outputs;
    });
  }

  /** Runs one job's try; a try that throws is counted, then handed back to pg-boss to retry or fail. */
  private async counted(name: JobQueueName, handler: JobHandler, data: unknown): Promise<unknown> {
    try {
      return await handler(data);
    } catch (error) {
      this.metrics.failures.inc({ queue: name });
      throw error;
    }
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const boss = new PgBoss({
      ...connectionOf(this.dataSource), schema: JOB_SCHEMA, max: 3, application_name: 'attune-jobs',
      // the schema and queues come from migrate(); REINDEX needs the owner too
      migrate: false, createSchema: false, reindex: false,
      supervise: true, schedule: true,
    });
    boss.on('error', (error: Error) => {
      this.metrics.queueErrors.inc();
      this.logger.error(`Job queue: ${error.message}`);
    });
    await boss.start();
    try {
      await this.work(boss, JOB_QUEUES.cleanUp, async () => {
        const removed = await this.dataSource.transaction((manager) => cleanUp(manager));
        this.logger.log(`Clean-up: ${removed.idempotencyKeys} expired idempotency keys, ${removed.loginSessions} ended sign-in sessions, ${removed.accountTokens} spent account links deleted`);
        return removed;
      });
      for (const [name, handler] of this.handlers) await this.work(boss, name, handler);
    } catch (error) {
      await boss.stop({ graceful: false }).catch(() => undefined);
      throw error;
    }
    this.boss = boss;
  }

  /** Enqueues a job; with `manager`, inside that transaction (it is sent only if the transaction commits). */
  async send(name: JobQueueName, data: object | null = null, manager?: EntityManager, options: { startAfter?: Date } = {}): Promise<string> {
    const id = await this.running().send(name, data, { ...options, ...(manager ? { db: transactionDb(manager) } : {}) });
    if (id === null) throw new Error(`The job queue did not take a job for ${name}`);
    return id;
  }

  /** A job's state, for tests and operators. */
  async stateOf(name: JobQueueName, id: string): Promise<string | null> {
    const job = await this.running().getJobById(name, id);
    return job?.state ?? null;
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    await boss?.stop({ graceful: true, timeout: 10_000 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private running(): PgBoss {
    if (!this.boss) throw new Error('The job queue is not started (JOBS=0, or start() was not called)');
    return this.boss;
  }
}

/** pg-boss's database interface over the connection of a TypeORM transaction. */
function transactionDb(manager: EntityManager): Db {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('send(…, manager) needs a manager inside a transaction');
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await runner.query(text, values, true);
      return { rows: result.records };
    },
  };
}
