import type { EntityManager } from 'typeorm';

/**
 * The transaction's now(): the one clock of a request. Every SQL rule (`overdueSql`, check-in days)
 * compares with it, so a value computed in Node from this instant agrees with the database's.
 */
export async function transactionNow(manager: EntityManager): Promise<Date> {
  const rows: Array<{ now: Date }> = await manager.query(`SELECT now() AS now`);
  return new Date(rows[0]!.now);
}
