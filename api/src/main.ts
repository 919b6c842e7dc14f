// First: may re-execute the process with glibc's allocator settings (see the module) before anything loads.
import './runtime/malloc-settings.js';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from './app-factory.js';
import { loadAppConfig } from './config/app-config.js';
import { prepareDatabase } from './database/database-setup.js';
import { JobQueue } from './modules/jobs/job-queue.js';
import { syncBuiltInExercises } from './modules/exercises/built-in-exercises.sync.js';
import { seedDemoAppointments } from './seed/demo-appointments.js';
import { DEMO_ACCOUNTS, seedDemoData } from './seed/demo-seed.js';

/** How long a stop may take before the process ends regardless (requests in flight, the pool). */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const logger = new Logger('Attune');
  const config = loadAppConfig();
  // Migrated as the owner (the job queue's schema too); the app connects as a role that may only read and write rows.
  const database = await prepareDatabase(config, { log: (m) => logger.log(m), warn: (m) => logger.warn(m) });
  if (database.applied.length > 0) logger.log(`Applied migrations: ${database.applied.join(', ')}`);

  const app = await createApp(config, database.appUrl);
  const dataSource = app.get(DataSource);
  await syncBuiltInExercises(dataSource);
  if (config.seedDemo) {
    const seeded = await seedDemoData(dataSource, { password: config.demoPassword });
    logger.log(seeded ? 'Loaded the demo practice (three cases from the seed article)' : 'Demo data already present');
    if (await seedDemoAppointments(dataSource)) logger.log('Loaded the demo calendar (the three cases\' next appointments)');
  }
  // After the migrations, which install its schema, and after the modules registered their workers
  // (onModuleInit, run by init()); stopped by app.close().
  await app.init();
  if (config.jobs) await app.get(JobQueue).start();

  // SIGTERM (a container runtime, systemd) or Ctrl-C: stop taking connections, let the requests in
  // flight finish, close the pool and the queue, then the embedded PostgreSQL. Bounded: past the
  // grace period the process stops anyway (exit 1), so a hung request or an unreachable database
  // cannot keep it up.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing the requests in flight, then stopping`);
    const forced = setTimeout(() => {
      logger.warn(`Still stopping after ${SHUTDOWN_GRACE_MS / 1000} s: stopping now`);
      void database.stop().catch(() => undefined).finally(() => process.exit(1));
    }, SHUTDOWN_GRACE_MS);
    await app.close().catch((error: unknown) => logger.warn(`while closing: ${error instanceof Error ? error.message : String(error)}`));
    await database.stop().catch(() => undefined);
    clearTimeout(forced);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  const lines = [`Attune is running at ${url}  (API ${url}/api, OpenAPI ${url}/api/docs)`];
  if (config.seedDemo && !process.env.HOST) lines.push('Listening on 127.0.0.1 only, as the demo accounts are loaded (set HOST=0.0.0.0 to open it to the network)');
  lines.push(config.smtpUrl
    ? `E-mail goes out through ${new URL(config.smtpUrl).host}; links in it point at ${config.publicUrl}`
    : `E-mail: no SMTP_URL set, so messages are kept, not sent: sign in as an admin and open Admin → Outbox (${url}/#/outbox)`);
  if (config.seedDemo) {
    lines.push(`Demo sign-ins (password: ${config.demoPassword === 'attune-demo' ? 'attune-demo' : 'the DEMO_PASSWORD you set'}):`);
    for (const account of DEMO_ACCOUNTS) lines.push(`  ${account.role.padEnd(12)} ${account.email}`);
  }
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
