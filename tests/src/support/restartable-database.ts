import { startEmbeddedDatabase, type EmbeddedDatabase } from '@attune/api/testing';
import type { TestDatabase } from '../security/harness.js';

/** PostgreSQL on a data folder and port of this test's own, which it can stop and start at will. */
export class RestartableDatabase implements TestDatabase {
  url = '';
  adminUrl = '';
  private server: EmbeddedDatabase | undefined;
  constructor(private readonly dataDir: string, private readonly port: number, private readonly database = 'attune_fault') {}

  async start(): Promise<void> {
    this.server = await startEmbeddedDatabase({ dataDir: this.dataDir, port: this.port, database: this.database, persistent: true });
    this.url = this.server.url;
    const admin = new URL(this.server.url);
    admin.pathname = '/postgres';
    this.adminUrl = admin.toString();
  }

  async restart(): Promise<void> {
    await this.server?.stop();
    await new Promise((r) => setTimeout(r, 300));
    await this.start();
  }

  async stop(): Promise<void> {
    await this.server?.stop().catch(() => undefined);
    this.server = undefined;
  }
}

