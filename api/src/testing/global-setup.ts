import Module from 'node:module';
import path from 'node:path';

/**
 * Jest transforms this file but resolves its imports with Node's own resolver,
 * which knows neither the `.js` suffix of our TypeScript imports nor the
 * `@attune/domain` source mapping. Teach it both, then load the database setup.
 */
function resolveTypeScriptSources(): void {
  const moduleWithResolver = Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string };
  const original = moduleWithResolver._resolveFilename;
  const domainEntry = path.resolve(__dirname, '../../../libs/src/index.ts');
  moduleWithResolver._resolveFilename = function (request, parent, ...rest) {
    if (request === '@attune/domain') return domainEntry;
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      if (request.startsWith('.') && request.endsWith('.js') && parent?.filename?.endsWith('.ts')) {
        return original.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
      }
      throw error;
    }
  };
}

export default async function globalSetup(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) throw new Error(`Tests need Node 24 (running ${process.versions.node}); run them with \`npm test\`.`);
  resolveTypeScriptSources();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTestDatabaseServer } = require('./test-database.ts') as typeof import('./test-database.js');
  const server = await startTestDatabaseServer();
  (globalThis as { __attuneStopDatabase?: () => Promise<void> }).__attuneStopDatabase = server.stop;
}
