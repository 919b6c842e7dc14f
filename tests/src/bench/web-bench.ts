/**
 * The web side of the bench (part of `npm run bench`, or alone with `npm run bench -- --only web`):
 * - what the production build sends: the initial JS (gzip) that reaches the sign-in page (the entry
 *   script and its modulepreloads, parsed from web/dist/index.html) and each lazy chunk;
 * - sign-in to dashboard chart drawn, in headless Chromium, for the practitioner with 150 open cases;
 * - `npm start` cold (a fresh embedded data folder: initdb, migrations, demo data) and warm.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { BENCH_PASSWORD, HEAVY_PRACTITIONER_EMAIL, REPO_ROOT, machineSummary, type BenchArgs } from './bench-config.js';
import { apiNodeFlags, freePort, startNodeServer } from './bench-processes.js';
import { apiDatabaseEnv } from './bench-database.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CHART_SELECTOR = '.recharts-surface .recharts-bar-rectangle, .recharts-surface .recharts-line-curve, .recharts-surface .recharts-sector';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleReport {
  initial: ChunkSize[];
  initialCss: ChunkSize[];
  lazy: ChunkSize[];
}

export interface WebBenchResult {
  started: Date;
  bundle: BundleReport | { problem: string };
  dashboard: { runsMs: number[]; medianMs: number; formMs: number[]; email: string; openCases: number | null } | { problem: string };
  npmStart: { coldMs: number; warmMs: number; serverColdMs: number; serverWarmMs: number } | { problem: string };
}

const gzipSize = (buffer: Buffer) => zlib.gzipSync(buffer, { level: 9 }).length;

/** Parses web/dist/index.html: the module entry and modulepreloads are what the sign-in page loads first. */
export function bundleReport(distDir = path.join(REPO_ROOT, 'web', 'dist')): BundleReport {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!.replace(/^\//, ''));
  const initialFiles = [...new Set([
    ...refs(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ])];
  const cssFiles = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const size = (file: string): ChunkSize => {
    const buffer = fs.readFileSync(path.join(distDir, file));
    return { file, bytes: buffer.length, gzip: gzipSize(buffer) };
  };
  const all = fs.readdirSync(path.join(distDir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  return {
    initial: initialFiles.map(size),
    initialCss: cssFiles.map(size),
    lazy: all.filter((f) => !initialFiles.includes(f)).map(size).sort((a, b) => b.gzip - a.gzip),
  };
}

async function timeDashboard(baseUrl: string, email: string, runs: number): Promise<{ runsMs: number[]; formMs: number[] }> {
  const runsMs: number[] = [];
  const formMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1366, height: 900 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const t0 = performance.now();
      await page.goto(`${baseUrl}/`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 60_000 });
      formMs.push(performance.now() - t0);
      await page.getByLabel('Email').fill(email);
      await page.getByRole('textbox', { name: 'Password' }).fill(BENCH_PASSWORD);
      const t1 = performance.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator(CHART_SELECTOR).first().waitFor({ state: 'attached', timeout: 60_000 });
      runsMs.push(performance.now() - t1);
      if (i === 0) {
        fs.mkdirSync(path.join(REPO_ROOT, 'tests', 'artifacts'), { recursive: true });
        await page.screenshot({ path: path.join(REPO_ROOT, 'tests', 'artifacts', 'bench-dashboard.png'), fullPage: true });
      }
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }
  return { runsMs, formMs };
}

/** `npm start` as a user types it, until the app answers; returns ms to /api/health and to index.html. */
async function timeNpmStart(dataDir: string): Promise<{ totalMs: number; serverMs: number }> {
  const port = await freePort();
  const pgPort = await freePort();
  const t0 = performance.now();
  let output = '';
  let serverStartedAt: number | null = null;
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    detached: true,
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), ATTUNE_DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_OWNER_URL: '', LOG_LEVEL: 'log', NX_DAEMON: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (c: Buffer) => {
    output += c;
    // nx prints the build's summary, then main.js starts: the server's own start begins there.
    if (serverStartedAt === null && /Successfully ran target build|DATABASE_URL is not set/.test(output)) serverStartedAt = performance.now();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      if (child.exitCode !== null) {
        const errors = output.split('\n').filter((l) => /error|failed/i.test(l)).slice(0, 8).join('\n');
        throw new Error(`npm start exited with ${child.exitCode}: ${errors || output.slice(-1000)}`);
      }
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) {
          const page = await fetch(`http://127.0.0.1:${port}/`);
          if (page.ok) break;
        }
      } catch {
        // not yet
      }
      if (Date.now() > deadline) throw new Error(`npm start did not answer within 10 minutes:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const t1 = performance.now();
    return { totalMs: t1 - t0, serverMs: t1 - (serverStartedAt ?? t0) };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Time for `node api/dist/main.js` alone (no build step) on an existing or fresh data folder. */
async function timeServerStart(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const server = await startNodeServer(path.join(REPO_ROOT, 'api', 'dist', 'main.js'), { EMBEDDED_PG_PORT: String(await freePort()), ATTUNE_DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_OWNER_URL: '', LOG_LEVEL: 'warn' }, await freePort(), { nodeFlags: apiNodeFlags() });
  const ms = performance.now() - t0;
  await server.stop();
  return ms;
}

const median = (list: number[]) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function runWebBench(_args: BenchArgs, log: (m: string) => void, db: { url: string; appUrl?: string }): Promise<WebBenchResult> {
  const started = new Date();
  const result: WebBenchResult = { started, bundle: { problem: 'not measured' }, dashboard: { problem: 'not measured' }, npmStart: { problem: 'not measured' } };
  try {
    result.bundle = bundleReport();
    log(`Bundle: initial JS ${(result.bundle.initial.reduce((n, c) => n + c.gzip, 0) / 1024).toFixed(1)} KiB gzip in ${result.bundle.initial.length} files; ${result.bundle.lazy.length} lazy chunks`);
  } catch (error) {
    result.bundle = { problem: `no web build (${error instanceof Error ? error.message : String(error)}): run \`npm run build -w @attune/web\`` };
  }

  if (!fs.existsSync(CHROMIUM_PATH)) {
    result.dashboard = { problem: `no Chromium at ${CHROMIUM_PATH}` };
  } else {
    log('Timing sign-in → dashboard chart in headless Chromium');
    const api = await startNodeServer(path.join(REPO_ROOT, 'api', 'dist', 'main.js'), { ...apiDatabaseEnv(db), LOG_LEVEL: 'warn', SEED_DEMO: '0', LOGIN_THROTTLE_LIMIT: '1000' }, await freePort(), { nodeFlags: apiNodeFlags() });
    try {
      const { withClient } = await import('./bench-database.js');
      const openCases = await withClient(db.url, async (c) => Number((await c.query(
        `SELECT count(*) AS n FROM cases k JOIN users u ON u.id = k.practitioner_id WHERE lower(u.email) = $1 AND k.status = 'open'`, [HEAVY_PRACTITIONER_EMAIL])).rows[0].n));
      const runs = await timeDashboard(api.url, HEAVY_PRACTITIONER_EMAIL, 5);
      result.dashboard = { ...runs, medianMs: median(runs.runsMs), email: HEAVY_PRACTITIONER_EMAIL, openCases };
      log(`Dashboard chart drawn ${median(runs.runsMs).toFixed(0)} ms after Sign in (median of ${runs.runsMs.length}: ${runs.runsMs.map((n) => n.toFixed(0)).join(', ')} ms)`);
    } catch (error) {
      result.dashboard = { problem: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300) };
      log(`Dashboard timing failed: ${result.dashboard.problem}`);
    } finally {
      await api.stop();
    }
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-bench-start-'));
  try {
    log('Timing `npm start` cold (fresh data folder) and warm');
    const cold = await timeNpmStart(dataDir);
    const warm = await timeNpmStart(dataDir);
    const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-bench-server-'));
    let serverColdMs = 0;
    let serverWarmMs = 0;
    try {
      serverColdMs = await timeServerStart(serverDir);
      serverWarmMs = await timeServerStart(serverDir);
    } finally {
      fs.rmSync(serverDir, { recursive: true, force: true });
    }
    result.npmStart = { coldMs: cold.totalMs, warmMs: warm.totalMs, serverColdMs, serverWarmMs };
    log(`npm start: cold ${(cold.totalMs / 1000).toFixed(1)} s, warm ${(warm.totalMs / 1000).toFixed(1)} s; node api/dist/main.js alone: cold ${(serverColdMs / 1000).toFixed(1)} s, warm ${(serverWarmMs / 1000).toFixed(1)} s`);
  } catch (error) {
    result.npmStart = { problem: (error instanceof Error ? error.message : String(error)).slice(0, 300) };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function webMarkdown(r: WebBenchResult): string {
  const lines = [`Measured ${r.started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineSummary()}. Command: \`npm run bench -- --only web\` (after \`npm run bench:data\`).`, ''];
  lines.push('**Production build (web/dist), gzip -9 sizes.**', '');
  if ('problem' in r.bundle) {
    lines.push(`Not measured: ${r.bundle.problem}`);
  } else {
    const b = r.bundle;
    const initialJs = b.initial.reduce((n, c) => n + c.gzip, 0);
    lines.push(`Initial JS reaching the sign-in page (entry + modulepreloads of index.html): **${kib(initialJs)} gzip** (${kib(b.initial.reduce((n, c) => n + c.bytes, 0))} raw) in ${b.initial.length} files` +
      `${b.initialCss.length ? `; CSS ${kib(b.initialCss.reduce((n, c) => n + c.gzip, 0))} gzip` : ''}.`, '');
    lines.push('| initial file | raw | gzip |', '| --- | ---: | ---: |', ...b.initial.map((c) => `| ${c.file} | ${kib(c.bytes)} | ${kib(c.gzip)} |`), '');
    lines.push(`Lazy chunks (${b.lazy.length}, ${kib(b.lazy.reduce((n, c) => n + c.gzip, 0))} gzip in all), loaded when a route or chart needs them:`, '');
    lines.push('| lazy chunk | raw | gzip |', '| --- | ---: | ---: |', ...b.lazy.map((c) => `| ${c.file} | ${kib(c.bytes)} | ${kib(c.gzip)} |`), '');
  }
  lines.push('**Sign-in → dashboard chart drawn** (headless Chromium /usr/bin/chromium via playwright-core, fresh profile each run, ' +
    `\`${CHROMIUM_ARGS.join(' ')}\`; the API on the bench database; from the click on Sign in until the caseload chart's first bar is in the page).`, '');
  if ('problem' in r.dashboard) lines.push(`Not measured: ${r.dashboard.problem}`);
  else lines.push(`${r.dashboard.email} (${r.dashboard.openCases} open cases): median **${r.dashboard.medianMs.toFixed(0)} ms** over ${r.dashboard.runsMs.length} runs ` +
    `(${r.dashboard.runsMs.map((n) => n.toFixed(0)).join(', ')} ms); opening the app to the sign-in form: median ${median(r.dashboard.formMs).toFixed(0)} ms.`);
  lines.push('', '**`npm start`** (until /api/health and / both answer; PORT and EMBEDDED_PG_PORT set to free ports).', '');
  if ('problem' in r.npmStart) lines.push(`Not measured: ${r.npmStart.problem}`);
  else {
    const s = r.npmStart;
    lines.push('| | `npm start` (nx build, cached when nothing changed, then the server) | `node api/dist/main.js` alone |', '| --- | ---: | ---: |',
      `| cold: fresh ATTUNE_DATA_DIR (initdb, migrations, demo data) | ${(s.coldMs / 1000).toFixed(1)} s | ${(s.serverColdMs / 1000).toFixed(1)} s |`,
      `| warm: the same folder again | ${(s.warmMs / 1000).toFixed(1)} s | ${(s.serverWarmMs / 1000).toFixed(1)} s |`);
  }
  return lines.join('\n');
}
