import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { SmtpSink } from '@attune/api/testing';
import { signInOverHttp } from '../support/api-session.js';
import { freePort, startAppServer, type AppServer } from '../support/app-server.js';
import { RestartableDatabase } from '../support/restartable-database.js';

const MAILS = 30;
const PUBLIC_URL = 'https://attune.example.test';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/**
 * The API process killed (SIGKILL: no shutdown hook runs) while its job queue is delivering
 * e-mails to a slow SMTP server; another instance started on the same database. Every message
 * arrives, each exactly once: the delivery of the one in flight died before the server's "250",
 * so its row was never marked sent and the new instance delivers it; the others are not sent again.
 */
describe('the API killed while its jobs deliver e-mail', () => {
  const smtp = new SmtpSink();
  let db: RestartableDatabase;
  let dataDir: string;
  let first: AppServer | undefined;
  let second: AppServer | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    await smtp.start(0);
    // slow enough that the kill lands in the middle of the deliveries
    smtp.answerDelayMs = 250;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-jobs-killed-pg-'));
    db = new RestartableDatabase(dataDir, await freePort(), 'attune_jobs_killed');
    await db.start();
    env = {
      DATABASE_URL: db.url, SEED_DEMO: '1', SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Attune <no-reply@attune.test>',
      JOB_POLLING_SECONDS: '0.5', MAIL_RETRY_SECONDS: '1',
    };
    first = await startAppServer(env);
  }, 180_000);

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await db.stop();
    await smtp.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every queued message exactly once to the SMTP server', async () => {
    const headers = { 'content-type': 'application/json', ...(await signInOverHttp(first!.url, 'admin@attune.test')).headers };
    // thirty invitations: each an outbox row and a delivery job, written with the account
    const recipients = Array.from({ length: MAILS }, (_, i) => `invitee.${i + 1}@attune.test`);
    for (const [i, email] of recipients.entries()) {
      const res = await fetch(`${first!.url}/api/users`, { method: 'POST', headers, body: JSON.stringify({ email, displayName: `Invitee ${i + 1}`, role: 'practitioner' }) });
      expect(res.status).toBe(201);
    }
    const invited = () => smtp.received.filter((m) => recipients.some((r) => m.to.includes(r)));

    await until(() => invited().length >= 3, 60_000, 'the first invitations');
    first!.signal('SIGKILL');
    expect(await first!.exited).toBe('SIGKILL');
    const deliveredBeforeKill = invited().length;
    expect(deliveredBeforeKill).toBeLessThan(MAILS);

    second = await startAppServer(env);
    // the killed worker's jobs stay taken until they expire; the new instance's outbox sweep (every minute) delivers their messages
    await until(() => new Set(invited().map((m) => m.to)).size === MAILS, 150_000, 'every invitation');
    await sleep(3_000); // anything sent twice would have arrived by now

    // Every message reaches its recipient, with one Message-ID per message. A kill that lands after
    // the SMTP server's 250 and before the row is marked sent leaves that one message to be sent
    // again (the outbox says so): at most the messages in flight at the kill arrive twice, each
    // copy with the same Message-ID, and none three times.
    const perMessageId = new Map<string, Set<string>>();
    for (const m of invited()) perMessageId.set(m.messageId, (perMessageId.get(m.messageId) ?? new Set()).add(m.to));
    expect(perMessageId.size).toBe(MAILS);
    expect([...perMessageId.values()].every((to) => to.size === 1)).toBe(true);
    const perRecipient = recipients.map((r) => smtp.received.filter((m) => m.to.includes(r)).length);
    expect(perRecipient.every((n) => n === 1 || n === 2)).toBe(true);
    expect(perRecipient.filter((n) => n === 2).length).toBeLessThanOrEqual(2);

    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        `SELECT state, count(*)::int AS n FROM outbox_messages WHERE kind = 'invitation' AND to_address = ANY($1) GROUP BY state`, [recipients]);
      expect(rows).toEqual([{ state: 'sent', n: MAILS }]);
    } finally {
      await owner.end();
    }
  }, 300_000);
});
