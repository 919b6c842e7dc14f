/**
 * `npm run bench:calendar [-- --scale 0.1 --duration 200]`: the calendar's week views on the bench
 * data (bench-data.ts gives every practitioner a full next week, 40 appointments): a practitioner's
 * week (practitioner0) and the admin's practice week (admin0, every practitioner of practice 0).
 * Sends `--duration` requests of each one after another to the built API, and reports the latency
 * (p50, p95, mean), the rows answered, and from pg_stat_statements the statements per request that
 * read therapy_sessions (the week itself must be one) and all statements the API sent (sign-in session,
 * transaction, the week, its audit row), FK checks inside PostgreSQL not counted.
 * Prints a Markdown table (for docs/PERFORMANCE.md; it writes nothing itself).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_ADMIN_EMAIL, BENCH_PASSWORD, HEAVY_PRACTITIONER_EMAIL, REPO_ROOT, machineSummary, parseBenchArgs, runAsCommand } from './bench-config.js';
import { apiDatabaseEnv, openBenchDatabase, withClient } from './bench-database.js';
import { ensureBenchData } from './bench-data.js';
import { apiNodeFlags, freePort, startNodeServer } from './bench-processes.js';
import { signInOverHttp } from '../support/api-session.js';

interface WeekResult { label: string; rows: number; p50: number; p95: number; mean: number; sessionStatements: number; allStatements: number }

function nextWeek(now = new Date()): { from: string; to: string } {
  const day = (now.getUTCDay() + 6) % 7; // Monday 0
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day + 7);
  return { from: new Date(monday).toISOString(), to: new Date(monday + 7 * 86_400_000).toISOString() };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), { duration: 200 });
  const requests = Math.max(20, Math.round(args.duration));
  const db = await openBenchDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir, port: args.pgPort, log: (m) => console.log(m) });
  try {
    await ensureBenchData(db.url, args.scale, { force: args.force, progress: !args.quiet });
    const api = await startNodeServer(path.join(REPO_ROOT, 'api', 'dist', 'main.js'), {
      ...apiDatabaseEnv(db), LOG_LEVEL: 'warn', SEED_DEMO: '0', LOGIN_THROTTLE_LIMIT: '1000', JOBS: '0', API_RATE_LIMIT: '1000000000',
    }, await freePort(), { nodeFlags: apiNodeFlags() });
    try {
      const week = nextWeek();
      const results: WeekResult[] = [];
      for (const [label, email, withPractitioner] of [
        ["practitioner's week (practitioner0)", HEAVY_PRACTITIONER_EMAIL, true],
        ["admin's practice week (admin0, practice 0)", BENCH_ADMIN_EMAIL, false],
      ] as const) {
        const who = await signInOverHttp(api.url, email, BENCH_PASSWORD);
        const me = await (await fetch(`${api.url}/api/auth/me`, { headers: { cookie: who.cookie } })).json() as { id: string };
        const filter = { startsFrom: week.from, startsTo: week.to, ...(withPractitioner ? { practitionerId: me.id } : {}) };
        const url = `${api.url}/api/sessions?${new URLSearchParams({ filter: JSON.stringify(filter), sort: '["startsAt","ASC"]', range: '[0,499]' })}`;
        const get = async () => {
          const res = await fetch(url, { headers: { cookie: who.cookie } });
          if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status} ${await res.text()}`);
          return (await res.json() as unknown[]).length;
        };
        let rows = 0;
        for (let i = 0; i < 10; i++) rows = await get(); // warm-up
        await withClient(db.url, (c) => c.query(`SELECT pg_stat_statements_reset()`));
        const times: number[] = [];
        for (let i = 0; i < requests; i++) {
          const t0 = performance.now();
          await get();
          times.push(performance.now() - t0);
        }
        const stats = (await withClient(db.url, (c) => c.query<{ sessions: string | null; all: string | null }>(
          `SELECT sum(calls) FILTER (WHERE query ILIKE '%FROM "therapy_sessions"%' OR query ILIKE '%FROM therapy_sessions%') AS sessions, sum(calls) AS all
             FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'
              -- foreign-key checks run inside PostgreSQL (the audit rows' references), not sent by the API
              AND query NOT LIKE 'SELECT 1 FROM ONLY %'`))).rows[0]!;
        const top = (await withClient(db.url, (c) => c.query<{ calls: string; query: string }>(
          `SELECT calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query FROM pg_stat_statements
            WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 5`))).rows;
        console.log(`${label}: the most frequent statements over ${requests} requests`);
        for (const t of top) console.log(`  ${(Number(t.calls) / requests).toFixed(2)} / request  ${t.query}`);
        times.sort((a, b) => a - b);
        results.push({
          label, rows, p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!,
          mean: times.reduce((a, b) => a + b, 0) / times.length,
          sessionStatements: Number(stats.sessions ?? 0) / requests, allStatements: Number(stats.all ?? 0) / requests,
        });
      }
      console.log(`\nCalendar week views, scale ${args.scale}, ${requests} sequential requests each; ${machineSummary()}\n`);
      console.log('| view | appointments answered | p50 ms | p95 ms | mean ms | statements reading therapy_sessions / request | statements sent / request (FK checks not counted) |');
      console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const r of results) {
        console.log(`| ${r.label} | ${r.rows} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.mean.toFixed(1)} | ${r.sessionStatements.toFixed(2)} | ${r.allStatements.toFixed(2)} |`);
      }
    } finally {
      await api.stop();
    }
  } finally {
    await db.stop();
  }
}

runAsCommand(module, main);
