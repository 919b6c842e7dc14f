import process from 'node:process';
import { Client } from 'pg';
import { DEFAULT_APP_ROLE, ensureAppRole, generateDatabasePassword, userOfUrl, withCredentials } from './database-roles.js';
import { migrateAsOwner } from './database-setup.js';

export interface AppRoleSetup {
  /** The DATABASE_URL the app should use: the app role on the owner's server and database. */
  url: string;
  role: string;
  created: boolean;
  /** The migrations applied on the way. */
  applied: string[];
}

/**
 * What `npm run db:roles` does on an external PostgreSQL: creates the app role (or updates its
 * attributes and password), applies the migrations as the owner, and grants the role the app's
 * privileges. Without a password, a new one is generated (so a second run rotates it).
 */
export async function setUpAppRole(options: { ownerUrl: string; role?: string | undefined; password?: string | undefined }): Promise<AppRoleSetup> {
  const role = options.role ?? DEFAULT_APP_ROLE;
  if (role === userOfUrl(options.ownerUrl)) throw new Error(`The app role must differ from the owner (${role})`);
  const password = options.password || generateDatabasePassword();
  const admin = new Client({ connectionString: options.ownerUrl });
  await admin.connect();
  let created: boolean;
  try {
    ({ created } = await ensureAppRole(admin, role, password));
  } finally {
    await admin.end();
  }
  const applied = await migrateAsOwner(options.ownerUrl, role);
  return { url: withCredentials(options.ownerUrl, role, password), role, created, applied };
}

const USAGE = `Usage: DATABASE_OWNER_URL=postgres://owner:…@host/db npm run db:roles [-- --role attune_app]
Creates or updates the app's database role, migrates and grants it the app's privileges, and prints
the DATABASE_URL the app should use. ATTUNE_APP_PASSWORD sets the role's password; unset, a new one
is generated (each run then replaces the role's password).`;

async function main(argv: string[]): Promise<void> {
  let role: string | undefined;
  let ownerUrl = process.env.DATABASE_OWNER_URL || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--role') role = argv[++i];
    else if (arg === '--owner-url') ownerUrl = argv[++i];
    else if (arg === '--help' || arg === '-h') { console.log(USAGE); return; }
    else throw new Error(`Unknown argument ${arg}\n${USAGE}`);
  }
  if (!ownerUrl) throw new Error(`DATABASE_OWNER_URL is not set\n${USAGE}`);
  const setup = await setUpAppRole({ ownerUrl, role, password: process.env.ATTUNE_APP_PASSWORD || undefined });
  console.error(`${setup.created ? 'Created' : 'Updated'} the role ${setup.role}` +
    (setup.applied.length ? `; applied migrations: ${setup.applied.join(', ')}` : '; the schema was up to date') +
    '. Start the app with the DATABASE_URL below, and with DATABASE_OWNER_URL set to the owner\'s URL given here ' +
    '(it only migrates; leave it unset if you run `npm run db:roles` after each upgrade instead):');
  console.log(`DATABASE_URL=${setup.url}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
