import { Counter, Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** pg-boss's live states: what its partial index job_i14 covers, so counting them reads that index only. */
const LIVE_JOB_STATES = ['created', 'retry', 'active', 'failed'] as const;

export interface JobMetrics {
  /** A job's try that threw in a worker of this process (pg-boss then retries it or fails it). */
  failures: Counter<'queue'>;
  /** The queue's own errors (its connection, supervision, schedules), as pg-boss reports them. */
  queueErrors: Counter;
}

/**
 * The job queue's metrics in the app's registry: the jobs of every queue by live state, counted in
 * PostgreSQL at each scrape (so every instance reports the whole queue, workers or not), and this
 * process's failed tries and queue errors. Every queue and state has a series from the start, at 0.
 */
export function jobMetrics(registry: Registry, dataSource: DataSource, queues: readonly string[], schema: string): JobMetrics {
  new Gauge({
    name: 'attune_jobs',
    help: 'Jobs waiting, running, waiting for a retry or failed, by queue (all instances, read at the scrape)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const rows = await dataSource.query<Array<{ queue: string; state: string; n: number }>>(
        `SELECT name AS queue, state::text AS state, count(*)::int AS n FROM ${schema}.job
          WHERE state IN (${LIVE_JOB_STATES.map((s) => `'${s}'`).join(', ')}) GROUP BY name, state`,
      // the database away: the pool and readiness say so; the scrape still answers
      ).catch((): [] => []);
      this.reset();
      for (const queue of queues) for (const state of LIVE_JOB_STATES) this.set({ queue, state }, 0);
      for (const { queue, state, n } of rows) this.set({ queue, state }, n);
    },
  });
  const failures = new Counter({
    name: 'attune_job_failures_total',
    help: 'Tries of a job that failed in a worker of this process, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
  });
  for (const queue of queues) failures.inc({ queue }, 0);
  const queueErrors = new Counter({
    name: 'attune_job_queue_errors_total',
    help: 'Errors the job queue reported in this process (connection, supervision, schedules)',
    registers: [registry],
  });
  return { failures, queueErrors };
}
