/**
 * `@attune/api/testing`: the one door through which code outside the API (tests/, the bench)
 * reaches into it. App factory, configuration, the embedded database, migrations, the seed and
 * its fixed ids, and the route metadata keys the authorization matrix reads. Anything else in
 * api/dist is the API's own business: import it here first, with a reason.
 */
export { createApp } from './app-factory.js';
export { loadAppConfig, type AppConfig } from './config/app-config.js';
export { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded-database.js';
export { migrate } from './database/migrate.js';
export { dataSourceOptions } from './database/data-source.js';
export { syncBuiltInExercises, builtInExerciseId } from './modules/exercises/built-in-exercises.sync.js';
export { DEMO_ACCOUNTS, DEMO_PRACTICE_ID, demoCaseId, demoClientId, demoUserId, seedDemoData } from './seed/demo-seed.js';
export { stableId } from './common/stable-id.js';
export { hashPassword } from './modules/auth/passwords.js';
export { PUBLIC_ROUTE, ROUTE_PERMISSION, SIGNED_IN_ROUTE, WITHOUT_TOTP_ROUTE, type RoutePermission } from './common/access.decorators.js';
export { SmtpSink, tokenOf, type ReceivedMail } from './testing/smtp-sink.js';
export { JOB_QUEUES } from './modules/jobs/job-queue.js';
export { sendJobNow } from './testing/job-now.js';
