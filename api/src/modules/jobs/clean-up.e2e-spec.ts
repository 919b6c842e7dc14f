import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PgBoss } from 'pg-boss';
import { createApp } from '../../app-factory.js';
import { buildPractice, buildUser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { APPOINTMENT_REMINDERS_CRON, MEASURE_REMINDERS_CRON, CLEAN_UP_CRON, JOB_QUEUES, JOB_SCHEMA, JobQueue } from './job-queue.js';

/** Sends a job through the queue and waits until a worker has finished it. */
async function runThroughQueue(jobs: JobQueue, timeoutMs = 30_000): Promise<string> {
  const id = await jobs.send(JOB_QUEUES.cleanUp);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await jobs.stateOf(JOB_QUEUES.cleanUp, id);
    if (state === 'completed' || state === 'failed') return state;
    if (Date.now() > deadline) throw new Error(`clean-up job ${id} still ${state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the job queue and its hourly clean-up', () => {
  let t: TestApp;
  let jobs: JobQueue;
  let userId: string;

  beforeAll(async () => {
    t = await createTestApp('jobs', { JOB_POLLING_SECONDS: '0.5' });
    const practiceId = await buildPractice(t.dataSource);
    userId = await buildUser(t.dataSource, practiceId, 'practitioner', 'jobs@attune.test');
    jobs = t.app.get(JobQueue);
  });
  afterAll(() => t.close());

  const keys = async () => ((await t.dataSource.query(`SELECT key FROM idempotency_keys WHERE user_id = $1 ORDER BY key`, [userId])) as Array<{ key: string }>).map((r) => r.key);
  const sessions = async () => ((await t.dataSource.query(`SELECT id FROM login_sessions WHERE user_id = $1 ORDER BY id`, [userId])) as Array<{ id: string }>).map((r) => r.id);

  it('is off in a test app until asked for, and installed by migrate(): schema, queue and hourly schedule', async () => {
    expect(jobs.started).toBe(false);
    const [queue] = await t.dataSource.query(`SELECT name, policy FROM ${JOB_SCHEMA}.queue WHERE name = $1`, [JOB_QUEUES.cleanUp]);
    expect(queue).toEqual({ name: 'clean-up', policy: 'standard' });
    const schedules = await t.dataSource.query(`SELECT name, cron, timezone FROM ${JOB_SCHEMA}.schedule ORDER BY name`);
    expect(schedules).toEqual([
      { name: 'appointment-reminders', cron: APPOINTMENT_REMINDERS_CRON, timezone: 'UTC' },
      { name: 'clean-up', cron: CLEAN_UP_CRON, timezone: 'UTC' },
      // the notifications' schedules
      { name: 'homework-reminders', cron: '*/15 * * * *', timezone: 'UTC' },
      { name: 'measure-reminders', cron: MEASURE_REMINDERS_CRON, timezone: 'UTC' },
      { name: 'outbox-sweep', cron: '* * * * *', timezone: 'UTC' },
      { name: 'practitioner-digest', cron: '5 * * * *', timezone: 'UTC' },
    ]);
  });

  it('deletes idempotency keys older than 24 hours and ended sign-in sessions, and keeps the fresh ones, when the job runs through the queue', async () => {
    const key = (name: string, age: string) => t.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, practice_id, key, route, request_hash, status_code, response, created_at)
       VALUES ($1, (SELECT practice_id FROM users WHERE id = $1), $2, 'POST /api/clients', 'h', 201, '{}', now() - $3::interval)`, [userId, name, age]);
    await key('fresh', '23 hours 59 minutes');
    await key('expired', '24 hours 1 minute');
    const session = (id: string, lastSeen: string, idleMinutes: number, expiresIn: string) => t.dataSource.query(
      `INSERT INTO login_sessions (id, user_id, xsrf_token, created_at, last_seen_at, idle_timeout_minutes, expires_at)
       VALUES ($1, $2, 'x', now() - interval '2 hours', now() - $3::interval, $4, now() + $5::interval)`, [id, userId, lastSeen, idleMinutes, expiresIn]);
    await session('live', '5 minutes', 30, '10 hours');
    await session('idle-but-within', '29 minutes', 30, '10 hours');
    await session('idle-too-long', '31 minutes', 30, '10 hours');
    await session('past-expiry', '1 minute', 30, '-1 minute');

    await jobs.start();
    expect(await runThroughQueue(jobs)).toBe('completed');
    expect(await keys()).toEqual(['fresh']);
    expect(await sessions()).toEqual(['idle-but-within', 'live']);
  });

  it('deletes invitation and reset links that were used, revoked or expired, and keeps the live one', async () => {
    const link = (hash: string, expiresIn: string, extra = '') => t.dataSource.query(
      `INSERT INTO account_tokens (practice_id, user_id, purpose, token_hash, expires_at${extra ? `, ${extra}` : ''})
       VALUES ((SELECT practice_id FROM users WHERE id = $1), $1, 'invitation', $2, now() + $3::interval${extra ? ', now()' : ''})`, [userId, hash, expiresIn]);
    await link('live', '70 hours');
    await link('expired', '-1 minute');
    await link('used', '70 hours', 'used_at');
    await link('revoked', '70 hours', 'revoked_at');
    await jobs.start();
    expect(await runThroughQueue(jobs)).toBe('completed');
    const left = await t.dataSource.query(`SELECT token_hash FROM account_tokens WHERE user_id = $1`, [userId]);
    expect(left).toEqual([{ token_hash: 'live' }]);
  });

  it('takes a job sent inside a transaction only if that transaction commits', async () => {
    const before: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1`, [JOB_QUEUES.cleanUp]);
    await expect(t.dataSource.transaction(async (manager) => {
      await jobs.send(JOB_QUEUES.cleanUp, { marker: 'rolled back' }, manager);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    const id = await t.dataSource.transaction((manager) => jobs.send(JOB_QUEUES.cleanUp, { marker: 'committed' }, manager));
    const after: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1`, [JOB_QUEUES.cleanUp]);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    const [job] = await t.dataSource.query(`SELECT data FROM ${JOB_SCHEMA}.job WHERE id = $1`, [id]);
    expect(job.data).toEqual({ marker: 'committed' });
  });

  it('runs as a role with only DML rights: another instance on the same queue, with no DDL at run time, shares the work', async () => {
    const role = `attune_jobs_probe_${process.pid}`;
    const password = randomUUID();
    await t.owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE`);
    for (const schema of ['public', JOB_SCHEMA]) {
      await t.owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await t.owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
      await t.owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
    }
    const url = new URL((t.dataSource.options as { url: string }).url);
    url.username = role;
    url.password = password;
    let second: NestExpressApplication | undefined;
    try {
      second = await createApp(t.config, url.toString(), { logger: false });
      await second.init();
      const other = second.get(JobQueue);
      await other.start();
      const errors: string[] = [];
      const boss = (other as unknown as { boss: PgBoss }).boss;
      boss.on('error', (error: Error) => errors.push(error.message));
      const [{ owner }] = await t.dataSource.query(`SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = $1`, [JOB_SCHEMA]);
      expect(owner).not.toBe(role);
      // a job sent by either instance is done once, by one of them
      const states = await Promise.all([runThroughQueue(other), runThroughQueue(jobs), runThroughQueue(other)]);
      expect(states).toEqual(['completed', 'completed', 'completed']);
      // and one maintenance pass (supervise) of the DML-only instance succeeds
      await boss.supervise();
      expect(errors).toEqual([]);
    } finally {
      await second?.close();
      for (const schema of ['public', JOB_SCHEMA]) {
        await t.owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`);
        await t.owner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${role}`);
        await t.owner.query(`REVOKE ALL ON SCHEMA ${schema} FROM ${role}`);
      }
      await t.owner.query(`DROP ROLE ${role}`);
    }
  });

  it('stops with the app, and start() after stop() starts again', async () => {
    await jobs.stop();
    expect(jobs.started).toBe(false);
    await expect(jobs.send(JOB_QUEUES.cleanUp)).rejects.toThrow(/not started/);
    await jobs.start();
    expect(await runThroughQueue(jobs)).toBe('completed');
  });
});
