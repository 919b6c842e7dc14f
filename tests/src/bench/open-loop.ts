/**
 * `npm run bench:open-loop`: a mixed practice load at a fixed arrival rate (open loop: requests are
 * sent on a timer whether or not earlier ones were answered, so a slow server faces a growing queue
 * instead of a politely waiting client), stepped up until p95 passes 100 ms or requests fail; for one
 * API instance and for two behind HAProxy. The load generator is loadtest's requestsPerSecond mode.
 *
 *   npm run bench:open-loop -- [--rates 25,50,75,…] [--seconds 15] [--instances 1,2] [--out docs/PERFORMANCE.md]
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BUILT_IN_EXERCISES } from '@attune/domain';
import * as loadtest from 'loadtest';
import { BENCH_PASSWORD, HEAVY_PRACTITIONER_EMAIL, REPO_ROOT, TYPICAL_PRACTITIONER_EMAIL, machineSummary, parseBenchArgs, runAsCommand } from './bench-config.js';
import { apiDatabaseEnv, openBenchDatabase, withClient } from './bench-database.js';
import { ensureBenchData, knownUsers } from './bench-data.js';
import { apiNodeFlags, freePort, startNodeServer, type StartedProcess } from './bench-processes.js';
import { signInOverHttp } from '../support/api-session.js';
import { sampleResponse } from './bench-fixtures.js';
import { writeSection } from './bench.js';
import { startHaproxy, type Haproxy } from '../support/haproxy.js';

/** Shares of the mix, in a practice's working day: mostly reading, some writing. */
export const MIX = [
  { kind: 'case-page', share: 0.35 },
  { kind: 'dashboard', share: 0.2 },
  { kind: 'caseload', share: 0.15 },
  { kind: 'note-save', share: 0.15 },
  { kind: 'submit', share: 0.15 },
] as const;
type Kind = (typeof MIX)[number]['kind'];
const P95_GOAL_MS = 100;
/** loadtest 8 answers with a promise when given no callback; its bundled types still describe only the callback form. */
const loadTest = loadtest.loadTest as unknown as (options: loadtest.LoadTestOptions) => Promise<loadtest.LoadTestResult>;
const OPEN_LOOP_NOTE = 'open-loop bench';

interface Step { rate: number; sent: number; rps: number; p50: number; p95: number; p99: number; errors: number; pass: boolean }

/** The kind of the n-th request: a fixed interleaving of the shares (every 20 requests hold the mix exactly). */
export function kindOf(n: number): Kind {
  const slot = (n % 20) / 20;
  let edge = 0;
  for (const m of MIX) {
    edge += m.share;
    if (slot < edge - 1e-9) return m.kind;
  }
  return MIX[MIX.length - 1]!.kind;
}

interface Actors {
  practitioners: Array<{ cookie: string; xsrf: string; openCases: string[]; caseClients: Map<string, string> }>;
  client: { cookie: string; xsrf: string };
  assignments: string[];
}

async function prepare(dbUrl: string, baseUrl: string, submits: number): Promise<Actors> {
  const users = await knownUsers(dbUrl);
  const clientEmail = users.find((u) => u.role === 'client')?.email;
  if (!clientEmail) throw new Error('The bench data has no client with a portal account');
  const practitioners = [];
  for (const email of [HEAVY_PRACTITIONER_EMAIL, TYPICAL_PRACTITIONER_EMAIL]) {
    const session = await signInOverHttp(baseUrl, email, BENCH_PASSWORD);
    const rows = await withClient(dbUrl, async (c) => (await c.query<{ id: string; client_id: string }>(
      `SELECT k.id, (SELECT cc.client_id FROM case_clients cc WHERE cc.case_id = k.id LIMIT 1) AS client_id
         FROM cases k JOIN users u ON u.id = k.practitioner_id WHERE lower(u.email) = $1 AND k.status = 'open' ORDER BY k.opened_at`, [email])).rows);
    practitioners.push({ ...session, openCases: rows.map((r) => r.id), caseClients: new Map(rows.map((r) => [r.id, r.client_id])) });
  }
  const client = await signInOverHttp(baseUrl, clientEmail, BENCH_PASSWORD);
  const assignments = await withClient(dbUrl, async (c) => {
    const home = (await c.query<{ case_id: string; client_id: string; practice_id: string; practitioner_id: string }>(
      `SELECT cc.case_id, cc.client_id, k.practice_id, k.practitioner_id FROM clients cl JOIN users u ON u.id = cl.portal_user_id
         JOIN case_clients cc ON cc.client_id = cl.id JOIN cases k ON k.id = cc.case_id
        WHERE lower(u.email) = $1 AND k.status = 'open' LIMIT 1`, [clientEmail])).rows[0];
    if (!home) throw new Error(`${clientEmail} has no open case`);
    return (await c.query<{ id: string }>(
      `INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, assigned_by, assigned_at, due_at, note, status)
       SELECT $1, $2, $3, (SELECT id FROM exercises WHERE built_in AND key = 'hope-questions'), $4, now(), now() + interval '7 days', $5, 'assigned'
         FROM generate_series(1, $6) RETURNING id`,
      [home.practice_id, home.case_id, home.client_id, home.practitioner_id, OPEN_LOOP_NOTE, submits])).rows.map((r) => r.id);
  });
  return { practitioners, client, assignments };
}

async function cleanUp(dbUrl: string): Promise<void> {
  await withClient(dbUrl, async (c) => {
    await c.query(`DELETE FROM case_exceptions WHERE assignment_id IN (SELECT id FROM assignments WHERE note = $1)`, [OPEN_LOOP_NOTE]).catch(() => undefined);
    await c.query(`DELETE FROM assignments WHERE note = $1`, [OPEN_LOOP_NOTE]);
    await c.query(`DELETE FROM therapy_sessions WHERE note->>'freeText' = $1`, [OPEN_LOOP_NOTE]);
  });
}

const SUBMIT_BODY = JSON.stringify({ response: sampleResponse(BUILT_IN_EXERCISES.find((e) => e.key === 'hope-questions')!.fields, 1) });

/** One step: `rate` requests a second for `seconds`, the mix interleaved, each request built when its time comes. */
async function runStep(baseUrl: string, actors: Actors, rate: number, seconds: number): Promise<Step> {
  let n = 0;
  let submitIndex = 0;
  const url = new URL(baseUrl);
  const result = await loadTest({
    url: baseUrl,
    requestsPerSecond: rate,
    maxSeconds: seconds,
    concurrency: 1,
    timeout: 10_000,
    quiet: true,
    requestGenerator: (params: Record<string, unknown>, options: { headers: Record<string, string> } & Record<string, unknown>, client: (o: unknown, cb: unknown) => { write(b: string): void; end(): void }, callback: unknown) => {
      const kind = kindOf(n++);
      const practitioner = actors.practitioners[n % actors.practitioners.length]!;
      const caseId = practitioner.openCases[n % practitioner.openCases.length]!;
      let method = 'GET';
      let pathName = '/api/dashboard';
      let body: string | undefined;
      let who = practitioner;
      if (kind === 'case-page') pathName = `/api/cases/${caseId}/progress`;
      else if (kind === 'caseload') pathName = `/api/cases?sort=${encodeURIComponent('["openedAt","DESC"]')}&filter=${encodeURIComponent('{"status":"open"}')}&range=${encodeURIComponent('[0,24]')}`;
      else if (kind === 'note-save') {
        method = 'POST';
        pathName = '/api/sessions';
        body = JSON.stringify({ caseId, startsAt: new Date(Date.now() - 3_600_000).toISOString(), durationMinutes: 50, format: 'individual', attendeeIds: [practitioner.caseClients.get(caseId)], stage: 1, note: { freeText: OPEN_LOOP_NOTE } });
      } else if (kind === 'submit') {
        method = 'POST';
        pathName = `/api/me/assignments/${actors.assignments[submitIndex++ % actors.assignments.length]}/submit`;
        body = SUBMIT_BODY;
        who = { ...practitioner, cookie: actors.client.cookie, xsrf: actors.client.xsrf };
      }
      const headers: Record<string, string> = { ...options.headers, host: url.host, cookie: who.cookie, 'x-xsrf-token': who.xsrf };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'idempotency-key': `open-loop-${randomUUID()}` });
      const request = client({ ...params, ...options, method, path: pathName, headers }, callback);
      if (body !== undefined) request.write(body);
      request.end();
      return request;
    },
  });
  const errors = result.totalErrors;
  const p95 = result.percentiles['95'] ?? Infinity;
  return {
    rate, sent: result.totalRequests, rps: result.rps, p50: result.percentiles['50'] ?? NaN, p95, p99: result.percentiles['99'] ?? NaN,
    errors, pass: p95 < P95_GOAL_MS && errors <= result.totalRequests * 0.001,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const take = (flag: string, fallback: string) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const value = argv[i + 1]!;
    argv.splice(i, 2);
    return value;
  };
  const rates = take('--rates', '25,50,75,100,125,150,200,250,300').split(',').map(Number);
  const seconds = Number(take('--seconds', '15'));
  const instanceCounts = take('--instances', '1,2').split(',').map(Number);
  const args = parseBenchArgs(argv);
  const log = (m: string) => console.log(m);
  const db = await openBenchDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir, port: args.pgPort, log });
  const results: Array<{ instances: number; steps: Step[] }> = [];
  try {
    await ensureBenchData(db.url, args.scale, { force: args.force, progress: !args.quiet, log });
    for (const instances of instanceCounts) {
      const apis: StartedProcess[] = [];
      let proxy: Haproxy | undefined;
      try {
        for (let i = 0; i < instances; i++) {
          apis.push(await startNodeServer(path.join(REPO_ROOT, 'api', 'dist', 'main.js'), {
            ...apiDatabaseEnv(db), LOG_LEVEL: 'warn', SEED_DEMO: '0', DB_POOL_SIZE: String(Math.max(5, Math.floor(20 / instances))),
            LOGIN_THROTTLE_LIMIT: '1000', API_RATE_LIMIT: '1000000000', TRUST_PROXY: instances > 1 ? '1' : '0',
          }, await freePort(), { nodeFlags: apiNodeFlags() }));
        }
        if (instances > 1) proxy = await startHaproxy(apis.map((a) => Number(new URL(a.url).port)));
        const baseUrl = proxy?.url ?? apis[0]!.url;
        const steps: Step[] = [];
        for (const rate of rates) {
          await cleanUp(db.url);
          const actors = await prepare(db.url, baseUrl, Math.ceil(rate * seconds * 0.16) + 10);
          const step = await runStep(baseUrl, actors, rate, seconds);
          steps.push(step);
          log(`${instances} instance(s), ${rate}/s: ${step.rps.toFixed(0)} answered/s, p50 ${step.p50} ms, p95 ${step.p95} ms, p99 ${step.p99} ms, ${step.errors} errors${step.pass ? '' : ' (misses the goal)'}`);
          if (!step.pass) break;
        }
        results.push({ instances, steps });
      } finally {
        await proxy?.stop();
        for (const api of apis) await api.stop();
        await cleanUp(db.url);
      }
    }
  } finally {
    await db.stop();
  }
  const lines = [
    `Open-loop mixed load (\`npm run bench:open-loop\`, ${new Date().toISOString().slice(0, 10)}, ${machineSummary()}): scale ${args.scale} bench data,`,
    `arrival rate fixed for ${seconds} s a step (loadtest's requestsPerSecond), the mix ${MIX.map((m) => `${Math.round(m.share * 100)}% ${m.kind}`).join(', ')};`,
    `goal p95 < ${P95_GOAL_MS} ms with at most 0.1% errors. Two instances run behind HAProxy on the same two cores.`,
    '',
    '| instances | highest rate held | p50 / p95 / p99 at it (ms) | first rate missed (p95, errors) |',
    '|---|---|---|---|',
    ...results.map(({ instances, steps }) => {
      const held = steps.filter((s) => s.pass).pop();
      const missed = steps.find((s) => !s.pass);
      return `| ${instances} | ${held ? `${held.rate}/s` : 'none'} | ${held ? `${held.p50} / ${held.p95} / ${held.p99}` : '–'} | ${missed ? `${missed.rate}/s (${missed.p95} ms, ${missed.errors})` : 'none in the ladder'} |`;
    }),
  ];
  console.log(`\n${lines.join('\n')}\n`);
  if (args.output) writeSection(args.output, 'open-loop-bench', lines.join('\n'));
}

runAsCommand(module, main);
