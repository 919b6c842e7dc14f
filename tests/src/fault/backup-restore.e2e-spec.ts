import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort, REPO_ROOT, startAppServer, type AppServer } from '../support/app-server.js';
import { signInOverHttp } from '../support/api-session.js';

const run = promisify(execFile);
const PRACTITIONERS = ['therapist@attune.test', 'coach@attune.test'];
const BACKUP_CLI = path.join(REPO_ROOT, 'api', 'dist', 'database', 'backup.js');

interface SignedNote { id: string; noteHash: string; integrity: string; addenda: Array<{ integrity: string }> }

/** Every signed note the practitioners read through the API, with the integrity the API computes from its hash chain. */
async function signedNotes(url: string): Promise<SignedNote[]> {
  const notes: SignedNote[] = [];
  for (const email of PRACTITIONERS) {
    const { cookie } = await signInOverHttp(url, email);
    const res = await fetch(`${url}/api/sessions?range=[0,499]`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const sessions = (await res.json()) as Array<SignedNote & { signedAt: string | null }>;
    notes.push(...sessions.filter((s) => s.signedAt !== null));
  }
  return notes.sort((a, b) => a.id.localeCompare(b.id));
}

async function ownerQuery<T>(databaseUrl: string, sql: string): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

/**
 * `npm run db:backup` while the demo practice runs, `npm run db:restore` into a new data folder, and
 * Attune started on it: every signed note still verifies against its hash chain, and the audit
 * trail has every row it had when the backup was taken.
 */
describe('backing up and restoring the embedded database', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-backup-test-'));
  let original: AppServer | undefined;
  let restored: AppServer | undefined;

  afterAll(async () => {
    await original?.stop();
    await restored?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('restores a running practice with its signed notes verified and its audit trail whole', async () => {
    original = await startAppServer();
    const before = await signedNotes(original.url);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((n) => n.integrity === 'verified')).toBe(true);
    // The audit trail as it stands (the reads above included): its rows and a digest of what they say.
    const trail = (url: string, upTo: string) => ownerQuery<{ rows: number; digest: string }>(url,
      `SELECT count(*)::int AS rows, md5(string_agg(id || action || entity || coalesce(entity_id, '') || at::text, ',' ORDER BY id)) AS digest
         FROM audit_events WHERE id <= ${upTo}`);
    const { last } = await ownerQuery<{ last: string }>(original.databaseUrl, 'SELECT max(id)::text AS last FROM audit_events');
    const trailBefore = await trail(original.databaseUrl, last);
    expect(trailBefore.rows).toBeGreaterThan(0);

    const file = path.join(work, 'attune-backup.tar.gz');
    const env = { ...process.env, ATTUNE_DATA_DIR: original.dataDir, DATABASE_URL: '', NODE_OPTIONS: '' };
    await run(process.execPath, [BACKUP_CLI, 'backup', file], { cwd: REPO_ROOT, env });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await original.stop();
    original = undefined;

    const restoredDir = path.join(work, 'restored');
    const restoreEnv = { ...env, ATTUNE_DATA_DIR: restoredDir, EMBEDDED_PG_PORT: String(await freePort()) };
    await run(process.execPath, [BACKUP_CLI, 'restore', file], { cwd: REPO_ROOT, env: restoreEnv });
    // A second restore into the same folder is refused rather than overwriting it.
    await expect(run(process.execPath, [BACKUP_CLI, 'restore', file], { cwd: REPO_ROOT, env: restoreEnv })).rejects.toMatchObject({ stderr: expect.stringContaining('already holds a cluster') });

    restored = await startAppServer({ ATTUNE_DATA_DIR: restoredDir });
    expect(await trail(restored.databaseUrl, last)).toEqual(trailBefore);
    const notes = await signedNotes(restored.url);
    expect(notes.map((n) => [n.id, n.noteHash])).toEqual(before.map((n) => [n.id, n.noteHash]));
    expect(notes.filter((n) => n.integrity !== 'verified' || n.addenda.some((a) => a.integrity !== 'verified'))).toEqual([]);
  });
});
