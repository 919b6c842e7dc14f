import { startTestDatabaseServer } from './test-database.js';

export default async function globalSetup(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) throw new Error(`Tests need Node 24 (running ${process.versions.node}); run them with \`npm test\`.`);
  const server = await startTestDatabaseServer();
  (globalThis as { __attuneStopDatabase?: () => Promise<void> }).__attuneStopDatabase = server.stop;
}
