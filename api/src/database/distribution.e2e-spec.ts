import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';
import { TABLE_PLACEMENT } from './distribution.js';
import { createTestDatabase } from '../testing/test-database.js';

/**
 * The sharding plan (docs/SCALING.md) holds only while every table is placed and every table to be
 * distributed by practice carries its practice: checked against the schema the migrations build.
 */
describe('the schema is ready to be distributed by practice', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase('distribution');
    drop = database.drop;
    dataSource = new DataSource(dataSourceOptions(database.url, 1, false));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  async function tables(): Promise<Map<string, { practiceId: 'not null' | 'nullable' | 'missing' }>> {
    const rows: Array<{ table_name: string; is_nullable: string | null }> = await dataSource.query(`
      SELECT t.table_name, c.is_nullable
        FROM information_schema.tables t
        LEFT JOIN information_schema.columns c
          ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'practice_id'
       WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'`);
    return new Map(rows.map((r) => [r.table_name, { practiceId: r.is_nullable === null ? 'missing' : r.is_nullable === 'NO' ? 'not null' : 'nullable' }]));
  }

  it('places every table of the schema, and no table that is not there', async () => {
    const inSchema = [...(await tables()).keys()].sort();
    expect(inSchema).toEqual(Object.keys(TABLE_PLACEMENT).sort());
  });

  it('gives every table to be distributed a practice_id column', async () => {
    const schema = await tables();
    const lacking = Object.entries(TABLE_PLACEMENT)
      .filter(([, p]) => p.placement === 'distributed')
      .filter(([name]) => schema.get(name)?.practiceId === 'missing')
      .map(([name]) => name);
    expect(lacking).toEqual([]);
  });

  it('keeps clinical content out of coordinator tables: none holds a case, a note, a score or an answer', async () => {
    const coordinator = Object.entries(TABLE_PLACEMENT).filter(([, p]) => p.placement === 'coordinator').map(([name]) => name);
    const rows: Array<{ table_name: string; column_name: string }> = await dataSource.query(`
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = ANY($1)
         AND column_name IN ('case_id', 'client_id', 'note', 'score', 'context', 'answers', 'response', 'feedback')`, [coordinator]);
    expect(rows).toEqual([]);
  });
});
