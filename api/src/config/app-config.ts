import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  ATTUNE_DATA_DIR: z.string().default('./.attune'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(5488),
  DEMO_PASSWORD: z.string().min(8).default('attune-demo'),
  SEED_DEMO: booleanFlag.optional(),
  COOKIE_SECURE: booleanFlag.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  CORS_ORIGIN: z.string().optional(),
  WEB_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  LOGIN_THROTTLE_LIMIT: z.coerce.number().int().min(1).default(10),
  API_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  ENCRYPTION_KEY: z.string().optional().refine((v) => !v || isEncryptionKey(v), 'must be 32 random bytes written as base64 or 64 hex digits'),
});

function isEncryptionKey(text: string): boolean {
  const t = text.trim();
  return /^[0-9a-f]{64}$/i.test(t) || (/^[A-Za-z0-9+/]{43}=?$/.test(t) && Buffer.from(t, 'base64').length === 32);
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  demoPassword: string;
  seedDemo: boolean;
  cookieSecure: boolean;
  trustProxy: boolean;
  corsOrigin: string | undefined;
  webDistDir: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  loginThrottleLimit: number;
  /** Requests a minute per signed-in user, per API process (0: no limit); past it 429 with Retry-After. */
  apiRateLimit: number;
  dbPoolSize: number;
  /** Encrypts TOTP secrets at rest; unset: a key file in dataDir (see common/secret-box.ts). */
  encryptionKey: string | undefined;
}

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
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.ATTUNE_DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    demoPassword: e.DEMO_PASSWORD,
    // Demo data goes only into the embedded database, or where SEED_DEMO=1 asks for it.
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    cookieSecure: e.COOKIE_SECURE ?? false,
    trustProxy: e.TRUST_PROXY,
    corsOrigin: e.CORS_ORIGIN,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? path.join(__dirname, '..', '..', '..', 'web', 'dist')),
    logLevel: e.LOG_LEVEL,
    loginThrottleLimit: e.LOGIN_THROTTLE_LIMIT,
    apiRateLimit: e.API_RATE_LIMIT,
    dbPoolSize: e.DB_POOL_SIZE,
    encryptionKey: e.ENCRYPTION_KEY || undefined,
  };
}
