import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DEMO_PASSWORD = 'attune-demo';

export interface AppServer {
  url: string;
  /** The owner's URL of its embedded database (password from `<dataDir>/pg-credentials.json`): for tests' own changes. */
  databaseUrl: string;
  /** The URL of the role the API connects as. */
  appDatabaseUrl: string;
  dataDir: string;
  output(): string;
  /** Sends the process a signal (SIGTERM: what a container runtime or systemd sends on stop). */
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code (or the signal that ended it) once the process is gone. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * The Node flags `npm start` gives the API (root package.json, `scripts.start`: `node <flags> api/dist/main.js`):
 * the test server and the benchmarks start it the same way, so they measure what users run.
 */
export function apiNodeFlags(): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts.start;
  const match = /\bnode((?:\s+--\S+)*)\s+api\/dist\/main\.js\b/.exec(start);
  if (!match) throw new Error(`package.json's start script does not run \`node … api/dist/main.js\`: ${start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

/**
 * Starts the built product exactly as `npm start` runs it: `api/dist/main.js`
 * serving the web build, on a fresh embedded PostgreSQL with the demo data.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const main = path.join(REPO_ROOT, 'api', 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`No API build at ${main}: run \`npm run build\` first (npm test does).`);
  if (!fs.existsSync(path.join(REPO_ROOT, 'web', 'dist', 'index.html'))) throw new Error('No web build: run `npm run build` first.');
  // A data folder of its own, removed on stop; or the caller's (env.ATTUNE_DATA_DIR), kept.
  const ownDataDir = !env.ATTUNE_DATA_DIR;
  const dataDir = env.ATTUNE_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'attune-e2e-'));
  const port = await freePort();
  const pgPort = env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : await freePort();
  let output = '';
  // No DATABASE_URL at all (not an empty one, which the config rejects): the app starts its embedded PostgreSQL.
  const { DATABASE_URL: _outerDatabase, DATABASE_OWNER_URL: _outerOwner, ...outerEnv } = process.env;
  const child: ChildProcess = spawn(process.execPath, [...apiNodeFlags(), main], {
    cwd: REPO_ROOT,
    env: { ...outerEnv, NODE_OPTIONS: '', PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), ATTUNE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Attune exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Attune did not answer /api/health within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // The embedded database's generated passwords; a caller that gave DATABASE_URL knows its own.
  const external = env.DATABASE_URL;
  const credentials = external ? undefined
    : JSON.parse(fs.readFileSync(path.join(dataDir, 'pg-credentials.json'), 'utf8')) as Record<'owner' | 'app', { user: string; password: string }>;
  const databaseUrl = (who: 'owner' | 'app') => (credentials
    ? `postgres://${encodeURIComponent(credentials[who].user)}:${encodeURIComponent(credentials[who].password)}@127.0.0.1:${pgPort}/attune`
    : external!);
  return {
    url,
    databaseUrl: databaseUrl('owner'),
    appDatabaseUrl: databaseUrl('app'),
    dataDir,
    output: () => output,
    signal: (name) => child.kill(name),
    exited,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 15_000); })]);
        clearTimeout(timer); // a pending timer would keep Jest from exiting
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
