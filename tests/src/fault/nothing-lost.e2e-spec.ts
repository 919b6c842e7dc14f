import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { builtInExerciseId } from '@attune/api/testing';
import { DEMO } from '../security/fixtures.js';
import { freePort, startDemoApp, type DemoApp } from '../security/harness.js';
import { signInOverHttp } from '../support/api-session.js';
import { RestartableDatabase } from '../support/restartable-database.js';

/**
 * Nothing lost: many homework submissions and session notes (each with an Idempotency-Key) are sent at
 * once while PostgreSQL's connections are killed (pg_terminate_backend) and while PostgreSQL
 * itself is stopped and started again. Clients retry what failed, with the same key. Afterwards
 * every request that got a 2xx is in the database, no retried key made a second record, and the
 * API answers again without having been restarted.
 *
 * About 30-40 s on 2 cores, so it runs with every `npm test` (CI included).
 */

const SUBMISSIONS = 240;
const NOTES = 120;
const SUBMIT_CONCURRENCY = 16;
const NOTE_CONCURRENCY = 6;
const DEADLINE_MS = 90_000;
/** Pauses between one client's requests, so the traffic lasts through the whole ~16 s of trouble. */
const PACE_MS = { submissions: (18_000 * SUBMIT_CONCURRENCY) / SUBMISSIONS, notes: (18_000 * NOTE_CONCURRENCY) / NOTES };

interface Outcome { ok: boolean; attempts: number; status: number | null; failures: string[] }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('nothing lost when PostgreSQL fails under load', () => {
  let db: RestartableDatabase;
  let dataDir: string;
  let t: DemoApp;
  let cookie = '';
  let xsrf = '';
  let therapistCookie = '';
  let therapistXsrf = '';
  const assignmentIds: string[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-fault-pg-'));
    db = new RestartableDatabase(dataDir, await freePort());
    await db.start();
    t = await startDemoApp('fault', { DB_POOL_SIZE: '10' }, db);
    // homework to hand in: exception-log entries, each of which also creates an exception (so a duplicate would show)
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < SUBMISSIONS + 4; i++) {
        const [{ id }] = await m.query(
          `INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, assigned_by, due_at)
           VALUES ($1, $2, $3, $4, $5, now() + interval '7 days') RETURNING id`,
          [DEMO.practiceId, DEMO.chen.caseId, DEMO.chen.clientId, builtInExerciseId('exception-log'), DEMO.users.therapist]);
        assignmentIds.push(id);
      }
    });
    ({ cookie, xsrf } = await signInOverHttp(t.server, 'chen.jing@attune.test'));
    ({ cookie: therapistCookie, xsrf: therapistXsrf } = await signInOverHttp(t.server, 'therapist@attune.test'));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends until a 2xx, a 4xx (a real answer) or the deadline; network errors and 5xx are retried as they are. */
  async function sendWithRetries(url: string, init: RequestInit, deadline: number): Promise<Outcome & { body: unknown }> {
    const outcome: Outcome & { body: unknown } = { ok: false, attempts: 0, status: null, failures: [], body: null };
    while (Date.now() < deadline) {
      outcome.attempts++;
      try {
        const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
        outcome.status = res.status;
        outcome.body = await res.json().catch(() => null);
        if (res.status < 500) {
          outcome.ok = res.status >= 200 && res.status < 300;
          if (!outcome.ok) outcome.failures.push(`${res.status} ${JSON.stringify(outcome.body).slice(0, 200)}`);
          return outcome;
        }
        outcome.failures.push(String(res.status));
      } catch (error) {
        outcome.failures.push((error as Error).message);
      }
      await sleep(100 + Math.random() * 400);
    }
    return outcome;
  }

  async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }));
  }

  it('keeps every acknowledged submission and note through killed connections and PostgreSQL restarts, without duplicates', async () => {
    const started = Date.now();
    const deadline = started + DEADLINE_MS;
    const chaos = { kills: 0, killedBackends: 0, restarts: 0, endedAfterMs: 0, errors: [] as string[] };

    const chaosLoop = (async () => {
      const admin = () => new Client({ connectionString: db.adminUrl });
      // phase 1: kill the API's connections again and again
      while (Date.now() - started < 8_000) {
        const c = admin();
        try {
          await c.connect();
          const rows = await c.query(
            `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = 'attune_fault' AND pid <> pg_backend_pid()`);
          chaos.kills++;
          chaos.killedBackends += rows.rows.filter((r: { killed: boolean }) => r.killed).length;
        } catch (error) {
          chaos.errors.push((error as Error).message);
        } finally {
          await c.end().catch(() => undefined);
        }
        await sleep(250 + Math.random() * 250);
      }
      // phase 2: stop PostgreSQL and start it again, twice, while requests keep coming
      for (let i = 0; i < 2; i++) {
        await db.restart();
        chaos.restarts++;
        await sleep(2_500);
      }
      chaos.endedAfterMs = Date.now() - started;
    })();

    const submissions = assignmentIds.slice(0, SUBMISSIONS).map((id, i) => ({
      id, key: randomUUID(),
      body: {
        response: {
          occurredAt: new Date().toISOString().slice(0, 10),
          context: `Fault test submission ${i}`,
          behavior: 'Stayed calm',
          meaning: `Marker ${id}`,
          tags: ['shared activity'],
        },
      },
    }));
    const submitOutcomes = new Map<string, Outcome>();
    const notes = Array.from({ length: NOTES }, (_, i) => ({ marker: `fault-note-${i}-${randomUUID()}`, key: randomUUID() }));
    const noteOutcomes = new Map<string, Outcome>();

    await Promise.all([
      pool(submissions, SUBMIT_CONCURRENCY, async (s) => {
        const outcome = await sendWithRetries(`${t.server}/api/me/assignments/${s.id}/submit`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-XSRF-TOKEN': xsrf, 'Idempotency-Key': s.key },
          body: JSON.stringify(s.body),
        }, deadline);
        submitOutcomes.set(s.id, outcome);
        await sleep(PACE_MS.submissions);
      }),
      pool(notes, NOTE_CONCURRENCY, async (n, i) => {
        const outcome = await sendWithRetries(`${t.server}/api/sessions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: therapistCookie, 'X-XSRF-TOKEN': therapistXsrf, 'Idempotency-Key': n.key },
          body: JSON.stringify({
            caseId: DEMO.chen.caseId, startsAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(), durationMinutes: 50,
            format: 'individual', attendeeIds: [DEMO.chen.clientId], stage: 6, note: { freeText: n.marker },
          }),
        }, deadline);
        noteOutcomes.set(n.marker, outcome);
        await sleep(PACE_MS.notes);
      }),
    ]);
    await chaosLoop;

    // the API comes back by itself: no restart of the process
    let healthy = false;
    for (let i = 0; i < 100 && !healthy; i++) {
      healthy = await fetch(`${t.server}/api/health`).then((r) => r.ok, () => false);
      if (!healthy) await sleep(200);
    }
    expect(healthy).toBe(true);
    // every pooled connection has a permanent 'error' listener (common/database-resilience.ts), so a
    // connection PostgreSQL ends outside a query cannot end the process
    const pgPool = (t.dataSource.driver as unknown as { master: { _clients: Array<{ __attuneErrorHandled?: boolean }> } }).master;
    expect(pgPool._clients.length).toBeGreaterThan(0);
    expect(pgPool._clients.every((c) => c.__attuneErrorHandled)).toBe(true);

    const check = new Client({ connectionString: db.url });
    await check.connect();
    try {
      const acknowledged = submissions.filter((s) => submitOutcomes.get(s.id)?.ok);
      const rows: Array<{ id: string; status: string; meaning: string; exceptions: number }> = (await check.query(
        `SELECT a.id::text, a.status, a.response->>'meaning' AS meaning,
                (SELECT count(*)::int FROM case_exceptions e WHERE e.assignment_id = a.id) AS exceptions
           FROM assignments a WHERE a.id = ANY ($1::uuid[])`,
        [submissions.map((s) => s.id)])).rows;
      const storedKeys = new Set((await check.query(`SELECT key FROM idempotency_keys WHERE user_id = $1 AND status_code = 200`, [DEMO.users.chen])).rows.map((r: { key: string }) => r.key));
      const keyMissing = acknowledged.filter((s) => !storedKeys.has(s.key));
      const byId = new Map(rows.map((r) => [r.id, r]));
      const lost = acknowledged.filter((s) => byId.get(s.id)?.status !== 'submitted' || byId.get(s.id)?.meaning !== `Marker ${s.id}`);
      const duplicated = rows.filter((r) => r.exceptions > 1);
      const halfDone = rows.filter((r) => (r.status === 'submitted') !== (r.exceptions === 1));

      const noteRows: Array<{ marker: string; n: number }> = (await check.query(
        `SELECT note->>'freeText' AS marker, count(*)::int AS n FROM therapy_sessions WHERE note->>'freeText' LIKE 'fault-note-%' GROUP BY 1`)).rows;
      const noteCount = new Map(noteRows.map((r) => [r.marker, r.n]));
      const acknowledgedNotes = notes.filter((n) => noteOutcomes.get(n.marker)?.ok);
      const lostNotes = acknowledgedNotes.filter((n) => !noteCount.get(n.marker));
      const duplicatedNotes = noteRows.filter((r) => r.n > 1);

      const retried = [...submitOutcomes.values(), ...noteOutcomes.values()].filter((o) => o.attempts > 1).length;
      const summary = {
        seconds: Math.round((Date.now() - started) / 1000),
        chaos: { connectionKillRounds: chaos.kills, backendsKilled: chaos.killedBackends, postgresRestarts: chaos.restarts, chaosSeconds: Math.round(chaos.endedAfterMs / 1000) },
        submissions: { sent: SUBMISSIONS, acknowledged: acknowledged.length, lost: lost.length, duplicated: duplicated.length, halfDone: halfDone.length, keysStored: storedKeys.size },
        notes: {
          sent: NOTES, acknowledged: acknowledgedNotes.length, lost: lostNotes.length, duplicated: duplicatedNotes.length,
          refusedAsBadInputDuringOutage: [...noteOutcomes.values()].filter((o) => o.status === 400).length,
        },
        requestsRetried: retried,
        attempts: [...submitOutcomes.values(), ...noteOutcomes.values()].reduce((sum, o) => sum + o.attempts, 0),
      };
      console.log(`nothing lost: ${JSON.stringify(summary)}`);

      // every request got a real answer before the deadline, and every answer was a 2xx
      expect([...submitOutcomes.values()].filter((o) => !o.ok).map((o) => o.failures.slice(-3))).toEqual([]);
      // A database failure during the case lookup must stay a 5xx the client retries, never a 400.
      const refusedNotes = [...noteOutcomes.values()].filter((o) => !o.ok);
      expect(refusedNotes.map((o) => o.failures.slice(-3))).toEqual([]);
      expect(chaos.kills).toBeGreaterThan(5);
      expect(chaos.killedBackends).toBeGreaterThan(0);
      expect(chaos.restarts).toBe(2);
      expect(retried).toBeGreaterThan(0);
      expect(lost.map((s) => s.id)).toEqual([]);
      expect(duplicated).toEqual([]);
      expect(halfDone).toEqual([]);
      expect(keyMissing.map((s) => s.key)).toEqual([]);
      expect(lostNotes.map((n) => n.marker)).toEqual([]);
      // each note carries an Idempotency-Key: a retry after an answer lost in transit replays the first answer
      expect(duplicatedNotes).toEqual([]);
    } finally {
      await check.end();
    }
  }, 180_000);

  it('answers a retried submission with the first answer and changes nothing', async () => {
    const id = assignmentIds[SUBMISSIONS]!;
    const key = randomUUID();
    const body = { response: { occurredAt: new Date().toISOString().slice(0, 10), context: 'Once', behavior: 'Once', meaning: 'Once', tags: [] } };
    const send = (k: string, b: object) => fetch(`${t.server}/api/me/assignments/${id}/submit`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-XSRF-TOKEN': xsrf, 'Idempotency-Key': k }, body: JSON.stringify(b),
    });
    const answers = await Promise.all([send(key, body), send(key, body), send(key, body)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    const other = await send(key, { response: { ...body.response, meaning: 'Another body' } });
    expect(other.status).toBe(422);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_exceptions WHERE assignment_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('stores a note once when the connection is cut after the server committed and the client retries with the same key', async () => {
    // A proxy in front of the API that passes the request on and cuts both connections as soon as
    // the answer starts: the server has committed the note, the client never hears of it.
    const api = new URL(t.server);
    let cut = 0;
    const proxy = net.createServer((client) => {
      const server = net.connect(Number(api.port), api.hostname);
      client.pipe(server);
      server.once('data', () => {
        cut++;
        client.destroy();
        server.destroy();
      });
      server.on('error', () => client.destroy());
      client.on('error', () => server.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const marker = `cut-note-${randomUUID()}`;
    // a past session since the case opened (a session's time stays within its case)
    const startsAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const send = (base: string) => fetch(`${base}/api/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: therapistCookie, 'X-XSRF-TOKEN': therapistXsrf, 'Idempotency-Key': marker },
      body: JSON.stringify({
        caseId: DEMO.chen.caseId, startsAt, durationMinutes: 50, format: 'individual',
        attendeeIds: [DEMO.chen.clientId], stage: 6, note: { freeText: marker },
      }),
    });
    const stored = async () => (await t.dataSource.query(`SELECT id FROM therapy_sessions WHERE note->>'freeText' = $1`, [marker])) as Array<{ id: string }>;
    try {
      await expect(send(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`)).rejects.toThrow();
    } finally {
      proxy.close();
    }
    expect(cut).toBe(1);
    // the first attempt was stored: the answer was lost, not the note
    expect(await stored()).toHaveLength(1);

    const retry = await send(t.server);
    expect(retry.status).toBe(201);
    const session = await retry.json() as { id: string; note: { freeText: string } };
    expect(session.note.freeText).toBe(marker);
    expect((await stored()).map((r) => r.id)).toEqual([session.id]);
  });

  it('lets only one of two simultaneous submissions of the same homework through: the other gets 409', async () => {
    const id = assignmentIds[SUBMISSIONS + 1]!;
    const body = (m: string) => JSON.stringify({ response: { occurredAt: new Date().toISOString().slice(0, 10), context: m, behavior: m, meaning: m, tags: [] } });
    const answers = await Promise.all(['first', 'second'].map((m) => fetch(`${t.server}/api/me/assignments/${id}/submit`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-XSRF-TOKEN': xsrf, 'Idempotency-Key': randomUUID() }, body: body(m),
    })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_exceptions WHERE assignment_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('gives the second of two simultaneous edits of one note, made from the same version, a 409', async () => {
    const created = await fetch(`${t.server}/api/sessions`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: therapistCookie, 'X-XSRF-TOKEN': therapistXsrf },
      body: JSON.stringify({ caseId: DEMO.chen.caseId, startsAt: new Date(Date.now() - 3_600_000).toISOString(), durationMinutes: 50, format: 'individual', attendeeIds: [DEMO.chen.clientId], stage: 6, note: { freeText: 'v1' } }),
    });
    expect(created.status).toBe(201);
    const session = await created.json() as Record<string, unknown> & { id: string; version: number; note: Record<string, unknown> };
    const edit = (text: string) => fetch(`${t.server}/api/sessions/${session.id}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json', Cookie: therapistCookie, 'X-XSRF-TOKEN': therapistXsrf },
      body: JSON.stringify({ ...session, note: { ...session.note, freeText: text }, version: session.version }),
    });
    const answers = await Promise.all([edit('edit A'), edit('edit B')]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.sort()).toEqual([200, 409]);
    const conflictBody = await answers.find((a) => a.status === 409)!.json();
    expect(conflictBody.code).toBe('VERSION_CONFLICT');
    const [{ version }] = await t.dataSource.query(`SELECT version FROM therapy_sessions WHERE id = $1`, [session.id]);
    expect(version).toBe(session.version + 1);
  });
});
