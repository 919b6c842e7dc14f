// First: may re-execute the process with glibc's allocator settings (see the module) before anything loads.
import './runtime/malloc-settings.js';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from './app-factory.js';
import { loadAppConfig } from './config/app-config.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded-database.js';
import { migrate } from './database/migrate.js';
import { syncBuiltInExercises } from './modules/exercises/built-in-exercises.sync.js';
import { DEMO_ACCOUNTS, seedDemoData } from './seed/demo-seed.js';

async function main(): Promise<void> {
  const logger = new Logger('Attune');
  const config = loadAppConfig();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    logger.log(`DATABASE_URL is not set: starting the embedded PostgreSQL (data in ${config.dataDir})`);
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort, log: (m) => logger.log(m) });
    databaseUrl = embedded.url;
  }

  const app = await createApp(config, databaseUrl);
  const dataSource = app.get(DataSource);
  const applied = await migrate(dataSource);
  if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
  await syncBuiltInExercises(dataSource);
  if (config.seedDemo) {
    const seeded = await seedDemoData(dataSource, { password: config.demoPassword });
    logger.log(seeded ? 'Loaded the demo practice (three cases from the seed article)' : 'Demo data already present');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  const lines = [`Attune is running at ${url}  (API ${url}/api, OpenAPI ${url}/api/docs)`];
  if (config.seedDemo && !process.env.HOST) lines.push('Listening on 127.0.0.1 only, as the demo accounts are loaded (set HOST=0.0.0.0 to open it to the network)');
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
