import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Every benchmark account signs in with this password (hashed once with the API's own argon2 settings). */
export const BENCH_PASSWORD = 'attune-bench-password';
export const BENCH_EMAIL_DOMAIN = 'bench.attune.test';
/** The practitioner whose caseload holds exactly 150 open cases (at scale ≥ 0.01). */
export const HEAVY_PRACTITIONER_EMAIL = `practitioner0@${BENCH_EMAIL_DOMAIN}`;
/** A practitioner with an ordinary caseload. */
export const TYPICAL_PRACTITIONER_EMAIL = `practitioner1@${BENCH_EMAIL_DOMAIN}`;
export const BENCH_ADMIN_EMAIL = `admin0@${BENCH_EMAIL_DOMAIN}`;

/** Default folder of the embedded benchmark database (under .attune/, which git ignores). */
export const DEFAULT_BENCH_DATA_DIR = path.join(REPO_ROOT, '.attune', 'bench');
export const DEFAULT_BENCH_PG_PORT = 5489;

export interface BenchArgs {
  scale: number;
  duration: number;
  warmup: number;
  connections: number;
  only: 'all' | 'api' | 'web';
  endpoints: string[] | null;
  dataDir: string;
  pgPort: number;
  databaseUrl: string | undefined;
  output: string | null;
  force: boolean;
  quiet: boolean;
}

/** `--scale 0.1 --duration 20 --connections 32 --only api --endpoints caseload,progress --data-dir D --pg-port P --out FILE`. */
export function parseBenchArgs(argv: string[], defaults: Partial<BenchArgs> = {}): BenchArgs {
  const args: BenchArgs = {
    scale: 1,
    duration: 20,
    warmup: 3,
    connections: 32,
    only: 'all',
    endpoints: null,
    dataDir: process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : DEFAULT_BENCH_DATA_DIR,
    pgPort: Number(process.env.BENCH_PG_PORT ?? DEFAULT_BENCH_PG_PORT),
    databaseUrl: process.env.DATABASE_URL || undefined,
    output: path.join(REPO_ROOT, 'docs', 'PERFORMANCE.md'),
    force: false,
    quiet: !process.stdout.isTTY,
    ...defaults,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = (min: number, max: number): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${flag} must be a number from ${min} to ${max}`);
      return n;
    };
    switch (flag) {
      case '--scale': args.scale = num(0.0001, 10); break;
      case '--duration': args.duration = num(1, 600); break;
      case '--warmup': args.warmup = num(0, 60); break;
      case '--connections': args.connections = Math.round(num(1, 1000)); break;
      case '--only': {
        const v = value();
        if (v !== 'all' && v !== 'api' && v !== 'web') throw new Error('--only must be all, api or web');
        args.only = v;
        break;
      }
      case '--endpoints': args.endpoints = value().split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--data-dir': args.dataDir = path.resolve(value()); break;
      case '--pg-port': args.pgPort = Math.round(num(1024, 65535)); break;
      case '--database-url': args.databaseUrl = value(); break;
      case '--out': { const v = value(); args.output = v === '-' ? null : path.resolve(v); break; }
      case '--force': args.force = true; break;
      case '--quiet': args.quiet = true; break;
      default: throw new Error(`Unknown option ${flag}`);
    }
  }
  return args;
}

export function machineSummary(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() ?? 'unknown CPU';
  return `${cpus.length} cores (${model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/**
 * Runs a benchmark's `main` when its file is the command node was given (not when a test imports
 * it): a failure prints its stack and exits 1, so a broken bench never reads as a finished one.
 */
export function runAsCommand(module: NodeJS.Module, main: () => Promise<void>): void {
  if (require.main !== module) return;
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  });
}
