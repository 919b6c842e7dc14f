import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { builtInExerciseId, SmtpSink } from '@attune/api/testing';
import { DEMO } from '../security/fixtures.js';
import { freePort, startAppServer, type AppServer } from '../support/app-server.js';
import { startHaproxy, type Haproxy } from '../support/haproxy.js';
import { RestartableDatabase } from '../support/restartable-database.js';

const SUBMISSIONS = 120;
const NOTES = 60;
const READERS = 4;
const LOAD_MS = 12_000;
const KILL_AFTER_MS = 4_000;
const DEADLINE_MS = 60_000;
/** The killed instance's delivery jobs stay taken until they expire; the survivor's outbox sweep (every minute) sends their mails. */
const MAIL_DEADLINE_MS = 240_000;
/** The load comes from these addresses (loopback 127.0.0.0/8), as browsers on other machines reach the proxy. */
const CLIENT_ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${20 + i}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer { status: number; text: string; cookies: string[] }

/** One HTTP request from a chosen client address, without keep-alive (each request is routed afresh). */
function send(port: number, from: string, method: string, url: string, headers: Record<string, string>, body?: object): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: url, method, localAddress: from, agent: false, timeout: 15_000,
      headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, cookies: ([] as string[]).concat(res.headers['set-cookie'] ?? []) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The API's own count of requests answered (its Prometheus histogram), read on loopback. */
async function requestsServed(app: AppServer): Promise<number> {
  const text = await (await fetch(`${app.url}/api/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('attune_http_request_duration_seconds_count')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

interface Outcome { ok: boolean; attempts: number; failures: string[] }

/**
 * Two API processes on one PostgreSQL behind a real HAProxy, under a mixed load (practitioner reads,
 * session notes, homework submissions), and one of them killed (SIGKILL) in the middle: every
 * acknowledged write is stored once, the sessions signed in before the kill keep working on the other
 * instance (they live in PostgreSQL), the queued jobs run once (each submission's notice to the
 * practitioner is written once and its e-mail delivered, to a real SMTP server, once, or twice with
 * the same Message-ID when the kill fell between the server's "250" and the row marked sent), and the
 * audit trail records the clients' own addresses.
 */
describe('two API instances behind HAProxy, one killed under load', () => {
  const smtp = new SmtpSink();
  let db: RestartableDatabase;
  let dataDir: string;
  let first: AppServer | undefined;
  let second: AppServer | undefined;
  let proxy: Haproxy | undefined;
  const assignmentIds: string[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-failover-pg-'));
    db = new RestartableDatabase(dataDir, await freePort(), 'attune_failover');
    await db.start();
    await smtp.start(0);
    const env = {
      DATABASE_URL: db.url, SEED_DEMO: '1', TRUST_PROXY: '1', DB_POOL_SIZE: '10',
      SMTP_URL: smtp.url, PUBLIC_URL: 'https://attune.example.test', MAIL_FROM: 'Attune <no-reply@attune.test>', JOB_POLLING_SECONDS: '0.5', MAIL_RETRY_SECONDS: '1',
    };
    first = await startAppServer(env);
    second = await startAppServer(env);
    proxy = await startHaproxy([Number(new URL(first.url).port), Number(new URL(second.url).port)]);
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    try {
      for (let i = 0; i < SUBMISSIONS; i++) {
        const { rows } = await owner.query(
          `INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, assigned_by, due_at)
           VALUES ($1, $2, $3, $4, $5, now() + interval '7 days') RETURNING id`,
          [DEMO.practiceId, DEMO.chen.caseId, DEMO.chen.clientId, builtInExerciseId('exception-log'), DEMO.users.therapist]);
        assignmentIds.push(rows[0].id);
      }
    } finally {
      await owner.end();
    }
  }, 240_000);

  afterAll(async () => {
    await proxy?.stop();
    await first?.stop();
    await second?.stop();
    await db?.stop();
    await smtp.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged write, duplicates none, keeps sessions, runs queued jobs once and records the real client addresses', async () => {
    const port = proxy!.port;
    const signIn = async (email: string, from: string) => {
      const res = await send(port, from, 'POST', '/api/auth/login', {}, { email, password: 'attune-demo' });
      expect(res.status).toBe(200);
      const cookies = res.cookies.map((c) => c.split(';')[0]!);
      return { Cookie: cookies.join('; '), 'X-XSRF-TOKEN': cookies.find((c) => c.startsWith('XSRF-TOKEN='))!.split('=')[1]! };
    };
    const client = await signIn('chen.jing@attune.test', CLIENT_ADDRESSES[0]!);
    const therapist = await signIn('therapist@attune.test', CLIENT_ADDRESSES[1]!);
    const started = Date.now();
    const deadline = started + DEADLINE_MS;
    const unauthorised: string[] = [];

    /** Until a real answer: network errors and 5xx (a 502/503 from the proxy while it notices the dead instance) are retried as they are. */
    const untilAnswered = async (method: string, url: string, headers: Record<string, string>, body?: object): Promise<Outcome> => {
      const outcome: Outcome = { ok: false, attempts: 0, failures: [] };
      while (Date.now() < deadline) {
        outcome.attempts++;
        const from = CLIENT_ADDRESSES[Math.floor(Math.random() * CLIENT_ADDRESSES.length)]!;
        try {
          const res = await send(port, from, method, url, headers, body);
          if (res.status === 401) unauthorised.push(`${method} ${url}`);
          if (res.status < 500) {
            outcome.ok = res.status >= 200 && res.status < 300;
            if (!outcome.ok) outcome.failures.push(`${res.status} ${res.text.slice(0, 200)}`);
            return outcome;
          }
          outcome.failures.push(String(res.status));
        } catch (error) {
          outcome.failures.push((error as Error).message);
        }
        await sleep(100 + Math.random() * 200);
      }
      return outcome;
    };
    const pace = (count: number, workers: number) => (LOAD_MS * workers) / count;

    let servedByFirstBeforeKill = 0;
    let mailsByTheKill = 0;
    const kill = (async () => {
      await sleep(KILL_AFTER_MS);
      servedByFirstBeforeKill = await requestsServed(first!);
      first!.signal('SIGKILL');
      await first!.exited;
      mailsByTheKill = smtp.received.length;
    })();

    const submissions = assignmentIds.map((id) => ({ id, key: randomUUID() }));
    const submitOutcomes = new Map<string, Outcome>();
    const notes = Array.from({ length: NOTES }, (_, i) => ({ marker: `failover-note-${i}-${randomUUID()}`, key: randomUUID() }));
    const noteOutcomes = new Map<string, Outcome>();
    const reads: Outcome[] = [];
    const work = async <T>(items: T[], workers: number, each: (item: T, index: number) => Promise<void>) => {
      let next = 0;
      await Promise.all(Array.from({ length: workers }, async () => {
        while (next < items.length) {
          const index = next++;
          await each(items[index]!, index);
          await sleep(pace(items.length, workers));
        }
      }));
    };
    await Promise.all([
      work(submissions, 6, async (s) => {
        submitOutcomes.set(s.id, await untilAnswered('POST', `/api/me/assignments/${s.id}/submit`, { ...client, 'Idempotency-Key': s.key }, {
          response: { occurredAt: new Date().toISOString().slice(0, 10), context: 'Failover test', behavior: 'Stayed calm', meaning: `Marker ${s.id}`, tags: [] },
        }));
      }),
      work(notes, 3, async (n, i) => {
        noteOutcomes.set(n.marker, await untilAnswered('POST', '/api/sessions', { ...therapist, 'Idempotency-Key': n.key }, {
          caseId: DEMO.chen.caseId, startsAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(), durationMinutes: 50,
          format: 'individual', attendeeIds: [DEMO.chen.clientId], stage: 6, note: { freeText: n.marker },
        }));
      }),
      work(Array.from({ length: 120 }, (_, i) => i), READERS, async (i) => {
        reads.push(await untilAnswered('GET', i % 2 ? '/api/cases?range=[0,24]' : `/api/cases/${DEMO.chen.caseId}/progress`, therapist));
      }),
    ]);
    await kill;

    // each submission's notice to the practitioner: its e-mail through the queue, from whichever instance survives
    const submitted = new Set(submissions.filter((s) => submitOutcomes.get(s.id)?.ok).map((s) => s.id));
    const watcher = new Client({ connectionString: db.url });
    await watcher.connect();
    const notices = async () => (await watcher.query(
      `SELECT substring(m.dedupe_key from 'homework_submitted:(.*)') AS assignment_id, m.id::text AS message_id, m.state,
              (SELECT count(*)::int FROM notifications n WHERE n.dedupe_key = m.dedupe_key) AS in_app
         FROM outbox_messages m WHERE m.kind = 'homework_submitted' AND m.dedupe_key LIKE 'homework_submitted:%'`)).rows as Array<{
      assignment_id: string; message_id: string; state: string; in_app: number }>;
    const mailsOf = (messageId: string) => smtp.received.filter((m) => m.messageId === `<${messageId}@attune>`).length;
    const firstMailOf = (messageId: string) => smtp.received.findIndex((m) => m.messageId === `<${messageId}@attune>`);
    const mailDeadline = Date.now() + MAIL_DEADLINE_MS;
    for (;;) {
      const found = (await notices()).filter((r) => submitted.has(r.assignment_id));
      if (found.length === submitted.size && found.every((r) => mailsOf(r.message_id) > 0)) break;
      if (Date.now() > mailDeadline) break;
      await sleep(500);
    }
    await sleep(3_000); // a mail sent twice would have arrived by now
    const ours = new Set(assignmentIds);
    const noticeRows = (await notices()).filter((r) => ours.has(r.assignment_id));
    await watcher.end();

    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    try {
      const rows: Array<{ id: string; status: string; meaning: string; exceptions: number }> = (await owner.query(
        `SELECT a.id::text, a.status, a.response->>'meaning' AS meaning,
                (SELECT count(*)::int FROM case_exceptions e WHERE e.assignment_id = a.id) AS exceptions
           FROM assignments a WHERE a.id = ANY ($1::uuid[])`, [assignmentIds])).rows;
      const byId = new Map(rows.map((r) => [r.id, r]));
      const acknowledged = submissions.filter((s) => submitOutcomes.get(s.id)?.ok);
      const lost = acknowledged.filter((s) => byId.get(s.id)?.status !== 'submitted' || byId.get(s.id)?.meaning !== `Marker ${s.id}`);
      const noteRows: Array<{ marker: string; n: number }> = (await owner.query(
        `SELECT note->>'freeText' AS marker, count(*)::int AS n FROM therapy_sessions WHERE note->>'freeText' LIKE 'failover-note-%' GROUP BY 1`)).rows;
      const noteCount = new Map(noteRows.map((r) => [r.marker, r.n]));
      const lostNotes = notes.filter((n) => noteOutcomes.get(n.marker)?.ok && !noteCount.get(n.marker));
      const addresses: string[] = (await owner.query(
        `SELECT DISTINCT ip FROM audit_events WHERE at >= to_timestamp($1 / 1000.0) AND ip IS NOT NULL`, [started])).rows.map((r: { ip: string }) => r.ip);
      const servedBySecond = await requestsServed(second!);
      const all = [...submitOutcomes.values(), ...noteOutcomes.values(), ...reads];
      console.log(`failover: ${JSON.stringify({
        seconds: Math.round((Date.now() - started) / 1000), servedByFirstBeforeKill, servedBySecond,
        submissions: { sent: SUBMISSIONS, acknowledged: acknowledged.length, lost: lost.length },
        notes: { sent: NOTES, acknowledged: [...noteOutcomes.values()].filter((o) => o.ok).length, lost: lostNotes.length, duplicated: noteRows.filter((r) => r.n > 1).length },
        reads: reads.length, retried: all.filter((o) => o.attempts > 1).length, addresses,
        notices: { rows: noticeRows.length, sent: noticeRows.filter((r) => r.state === 'sent').length, mails: smtp.received.length, mailsByTheKill },
      })}`);

      // both instances served, and the first was killed with requests still coming
      expect(servedByFirstBeforeKill).toBeGreaterThan(10);
      expect(servedBySecond).toBeGreaterThan(10);
      expect(await fetch(`${first!.url}/api/health`).then(() => 'answered', () => 'gone')).toBe('gone');
      // every request got a 2xx in the end, with the sessions signed in before the kill
      expect(all.filter((o) => !o.ok).map((o) => o.failures.slice(-3))).toEqual([]);
      expect(unauthorised).toEqual([]);
      expect(lost.map((s) => s.id)).toEqual([]);
      expect(rows.filter((r) => r.exceptions > 1)).toEqual([]);
      expect(rows.filter((r) => (r.status === 'submitted') !== (r.exceptions === 1))).toEqual([]);
      expect(lostNotes.map((n) => n.marker)).toEqual([]);
      expect(noteRows.filter((r) => r.n > 1)).toEqual([]);
      // queued jobs ran once: one notice (in-app and e-mail) per stored submission, none for another, each mail delivered
      const stored = rows.filter((r) => r.status === 'submitted').map((r) => r.id).sort();
      expect(noticeRows.map((r) => r.assignment_id).sort()).toEqual(stored);
      expect(noticeRows.filter((r) => r.in_app !== 1 || r.state !== 'sent' || mailsOf(r.message_id) < 1)).toEqual([]);
      // a mail sent twice is one the killed process had handed to the server when it died: at most one
      // each for its delivery worker and its outbox sweep, the first copy in before it was gone
      const twice = noticeRows.filter((r) => mailsOf(r.message_id) > 1);
      expect(twice.length).toBeLessThanOrEqual(2);
      expect(twice.filter((r) => mailsOf(r.message_id) > 2 || firstMailOf(r.message_id) >= mailsByTheKill)).toEqual([]);
      // the audit trail has the addresses the requests came from, never the proxy's
      expect(addresses.length).toBeGreaterThan(1);
      expect(addresses.filter((a) => !CLIENT_ADDRESSES.includes(a))).toEqual([]);
    } finally {
      await owner.end();
    }
  }, 420_000);
});
