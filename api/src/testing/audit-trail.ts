import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { ownerOf } from './test-app.js';

export interface AuditRow {
  action: string;
  entity: string;
  entityId: string | null;
  caseId: string | null;
  actorId: string | null;
}

/** The audit events one HTTP request wrote, found by the X-Correlation-Id it answered with. */
export async function auditEventsOf(dataSource: DataSource, res: Response): Promise<AuditRow[]> {
  const correlationId = res.headers['x-correlation-id'];
  if (typeof correlationId !== 'string') throw new Error('the response has no X-Correlation-Id');
  return dataSource.query(
    `SELECT action, entity, entity_id AS "entityId", case_id AS "caseId", actor_id AS "actorId"
       FROM audit_events WHERE correlation_id = $1 ORDER BY id`,
    [correlationId],
  );
}

/**
 * Makes the database refuse the audit event of one action on one resource, so a test can check that
 * the change it belongs to is rolled back with it. Returns the undo. The trigger is made by the
 * owner of the tables (given a test app's `dataSource`, its owner connection): the app role may not.
 */
export async function failAuditOf(appDataSource: DataSource, entity: string, action: string): Promise<() => Promise<void>> {
  const dataSource = ownerOf(appDataSource);
  const name = `fail_audit_${entity.replace(/[^a-z]/g, '_')}_${action}`;
  await dataSource.query(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.entity = '${entity}' AND NEW.action = '${action}' THEN
        RAISE EXCEPTION 'audit refused for the test';
      END IF;
      RETURN NEW;
    END $$`);
  await dataSource.query(`CREATE TRIGGER ${name} BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => {
    await dataSource.query(`DROP TRIGGER ${name} ON audit_events`);
    await dataSource.query(`DROP FUNCTION ${name}()`);
  };
}
