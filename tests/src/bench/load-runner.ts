/**
 * One load run, in a process of its own so the load generator does not share an event loop with
 * the server it measures: `node load-runner.js <spec.json>` prints one JSON result line.
 * Every response time is kept, so p50/p95/p99 are exact (autocannon's summary has no p95).
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

export interface LoadSpec {
  baseUrl: string;
  method: 'GET' | 'POST';
  /** Paths used in turn, one per request (a single one for a read). */
  paths: string[];
  headers: Record<string, string>;
  /** For a POST: the body of every request. */
  body?: string | undefined;
  /** Sends a distinct Idempotency-Key per request. */
  idempotencyKeys?: boolean | undefined;
  /** Each path serves one request only (a submission consumes its assignment): stop when they run out. */
  consume?: boolean | undefined;
  connections: number;
  duration: number;
  warmup: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  non2xx: number;
  errors: number;
  statusCounts: Record<string, number>;
  /** True when the paths ran out before the duration (each submission needs a fresh assignment). */
  exhausted: boolean;
  /** Requests answered during the warm-up before the measured run. */
  warmupRequests?: number;
  /** Every response time in ms, sorted (for merging runs); dropped from reports. */
  latencies?: number[];
}

/** Merges runs of the same target: requests over total time, percentiles over all response times. */
export function mergeResults(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const statusCounts: Record<string, number> = {};
  for (const r of runs) for (const [s, c] of Object.entries(r.statusCounts)) statusCounts[s] = (statusCounts[s] ?? 0) + c;
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    statusCounts,
    exhausted: runs.some((r) => r.exhausted),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function runOnce(spec: LoadSpec, duration: number, next: { i: number }, record: boolean): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let exhausted = false;
  let errors = 0;
  const started = process.hrtime.bigint();
  let resolveDone!: (r: autocannon.Result) => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => { resolveDone = resolve; rejectDone = reject; });
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    const n = next.i++;
    if (spec.consume && n >= spec.paths.length && !exhausted) {
      exhausted = true;
      setImmediate(() => instance.stop());
    }
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.idempotencyKeys) headers['idempotency-key'] = `bench-${process.pid}-${n}`;
    return { ...req, path: spec.paths[n % spec.paths.length]!, headers, body: spec.body };
  };
  const instance = autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    duration,
    pipelining: 1,
    timeout: 30,
    requests: [{ method: spec.method, headers: spec.headers, setupRequest }],
  }, (error, result) => (error ? rejectDone(error) : resolveDone(result)));
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (!record) return;
    latencies.push(responseTime);
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
  });
  instance.on('reqError', () => { errors++; });
  const result = await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statusCounts).filter(([s]) => !s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    non2xx,
    errors: Math.max(errors, result.errors ?? 0),
    statusCounts,
    exhausted,
    latencies: latencies.map((n) => Math.round(n * 1000) / 1000),
  };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const next = { i: 0 };
  const warm = spec.warmup > 0 ? await runOnce(spec, spec.warmup, next, true) : null;
  return { ...(await runOnce(spec, spec.duration, next, true)), warmupRequests: warm?.requests ?? 0 };
}

if (require.main === module) {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
  runLoad(spec).then(
    (result) => { process.stdout.write(`${JSON.stringify(result)}\n`); },
    (error: unknown) => { console.error(error); process.exit(1); },
  );
}
