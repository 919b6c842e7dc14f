import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_OWNER_URL: z.string().url().optional(),
  ATTUNE_DATA_DIR: z.string().default('./.attune'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(5488),
  DEMO_PASSWORD: z.string().min(8).default('attune-demo'),
  SEED_DEMO: booleanFlag.optional(),
  COOKIE_SECURE: booleanFlag.optional(),
  TRUST_PROXY: z.string().optional().transform((v, ctx) => {
    const parsed = parseTrustProxy(v ?? '');
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    return typeof parsed === 'string' ? false : parsed;
  }),
  CORS_ORIGIN: z.string().optional(),
  WEB_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  LOGIN_THROTTLE_LIMIT: z.coerce.number().int().min(1).default(10),
  API_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  EXPORT_RATE_LIMIT: z.coerce.number().int().min(0).default(10),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  JOBS: booleanFlag.default(true),
  JOB_POLLING_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  SMTP_URL: z.string().optional().refine((v) => !v || /^smtps?:\/\/[^/]+/.test(v), 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587'),
  MAIL_FROM: z.string().min(3).optional(),
  PUBLIC_URL: z.string().url().optional(),
  MAIL_RETRY_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  PUBLIC_TEST_RATE_LIMIT: z.coerce.number().int().min(0).default(6),
  PUBLIC_TEST_DAILY_INTAKE_LIMIT: z.coerce.number().int().min(0).default(50),
  ENCRYPTION_KEY: z.string().optional().refine((v) => !v || isEncryptionKey(v), 'must be 32 random bytes written as base64 or 64 hex digits'),
});

/** Express's names for address ranges, accepted in a TRUST_PROXY list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: how many proxies in front of the API append to X-Forwarded-For (`1`: one, such as
 * nginx with `$proxy_add_x_forwarded_for`), or the proxies' own addresses (`loopback,10.0.0.0/8`);
 * `0` or unset: none, the socket's address is the client's. Never "trust everything": Express would
 * then take the left-most address, which the client writes itself. A text is the reason it is refused.
 */
export function parseTrustProxy(value: string): TrustProxy | string {
  const v = value.trim();
  if (v === '' || v === '0' || v === 'false' || v === 'no') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 10 ? hops : 'must be the number of proxies in front of the API (at most 10), or their addresses';
  }
  if (v === 'true' || v === 'yes') return 'must be the number of proxies in front of the API (e.g. 1) or their addresses, not true: trusting every proxy lets a client choose its own address';
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.find((entry) => !PROXY_RANGE_NAMES.has(entry) && !isAddressOrRange(entry));
  return bad === undefined ? entries : `"${bad}" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal`;
}

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function isEncryptionKey(text: string): boolean {
  const t = text.trim();
  return /^[0-9a-f]{64}$/i.test(t) || (/^[A-Za-z0-9+/]{43}=?$/.test(t) && Buffer.from(t, 'base64').length === 32);
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** The owner of the tables, for migrations only; the app then connects as DATABASE_URL's (lesser) role. */
  databaseOwnerUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  demoPassword: string;
  seedDemo: boolean;
  cookieSecure: boolean;
  /** Express's `trust proxy`: false (none), a number of hops, or the proxies' addresses and ranges. */
  trustProxy: TrustProxy;
  corsOrigin: string | undefined;
  webDistDir: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  loginThrottleLimit: number;
  /** Requests a minute per signed-in user, per API process (0: no limit); past it 429 with Retry-After. */
  apiRateLimit: number;
  /** Exports (CSV lists, FHIR, report PDFs, a client's own export) a minute per user, per API process (0: no limit); past it 429 with Retry-After. */
  exportRateLimit: number;
  dbPoolSize: number;
  /** Bearer token that lets a scraper off this machine read /api/metrics; unset: loopback only. */
  metricsToken: string | undefined;
  /** Runs the job queue's workers and schedules in this process (`JOBS=0` turns them off). */
  jobs: boolean;
  /** How often an idle worker asks for a job. */
  jobPollingSeconds: number;
  /** Encrypts TOTP secrets at rest; unset: a key file in dataDir (see common/secret-box.ts). */
  encryptionKey: string | undefined;
  /** Where e-mail goes; unset: every message is kept in the outbox for an admin to read (Admin → Outbox). */
  smtpUrl: string | undefined;
  /** The From of every e-mail. */
  mailFrom: string;
  /** The base of every link in an e-mail (the web app's address as people reach it), without a trailing slash. */
  publicUrl: string;
  /** PUBLIC_URL was set: absolute links given to people (a calendar feed's URL) use it, not the request's Host header. */
  publicUrlSet: boolean;
  /** The first retry of a failed e-mail waits this long; each next one twice as long. */
  mailRetrySeconds: number;
  /** Public relationship-test submissions per minute from one address (0: no limit). */
  publicTestRateLimit: number;
  /** Intake requests a practice's public test files in any 24 hours, across all instances (0: no limit). */
  publicTestDailyIntakeLimit: number;
}

export type TrustProxy = false | number | string[];

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Parses the environment once at boot; a bad value stops the process with the variable's name. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`DATABASE_URL=` in an env file) means unset.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.DATABASE_OWNER_URL && !e.DATABASE_URL) {
    throw new Error('Invalid configuration: DATABASE_URL: must be set (the app role\'s URL) when DATABASE_OWNER_URL is');
  }
  // Demo data goes only into the embedded database, or where SEED_DEMO=1 asks for it.
  const seedDemo = e.SEED_DEMO ?? !e.DATABASE_URL;
  if (e.SMTP_URL && !e.PUBLIC_URL) {
    throw new Error('Invalid configuration: PUBLIC_URL: must be set when SMTP_URL is (the address people open the links of the e-mails at, e.g. https://attune.example.org)');
  }
  return {
    port: e.PORT,
    // With the demo accounts (a published password) only this machine may reach the app, unless HOST says otherwise.
    host: e.HOST ?? (seedDemo ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    dataDir: path.resolve(e.ATTUNE_DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    demoPassword: e.DEMO_PASSWORD,
    seedDemo,
    cookieSecure: e.COOKIE_SECURE ?? false,
    trustProxy: e.TRUST_PROXY,
    corsOrigin: e.CORS_ORIGIN,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? path.join(__dirname, '..', '..', '..', 'web', 'dist')),
    logLevel: e.LOG_LEVEL,
    loginThrottleLimit: e.LOGIN_THROTTLE_LIMIT,
    apiRateLimit: e.API_RATE_LIMIT,
    exportRateLimit: e.EXPORT_RATE_LIMIT,
    dbPoolSize: e.DB_POOL_SIZE,
    metricsToken: e.METRICS_TOKEN,
    jobs: e.JOBS,
    jobPollingSeconds: e.JOB_POLLING_SECONDS,
    encryptionKey: e.ENCRYPTION_KEY || undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? 'Attune <no-reply@attune.invalid>',
    mailRetrySeconds: e.MAIL_RETRY_SECONDS,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    publicUrlSet: e.PUBLIC_URL !== undefined,
    publicTestRateLimit: e.PUBLIC_TEST_RATE_LIMIT,
    publicTestDailyIntakeLimit: e.PUBLIC_TEST_DAILY_INTAKE_LIMIT,
  };
}
