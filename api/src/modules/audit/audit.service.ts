import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestContext, type Actor } from '../../common/request-context.js';

const AUDIT_COLUMNS = ['at', 'practice_id', 'actor_id', 'action', 'entity', 'entity_id', 'case_id', 'ip', 'correlation_id', 'record_count'] as const;

export type AuditAction = 'create' | 'read' | 'list' | 'update' | 'delete' | 'sign' | 'addendum' | 'transition'
  | 'review' | 'submit' | 'save_draft' | 'reassign' | 'login' | 'login_failed' | 'logout' | 'export' | string;

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  caseId?: string | null;
  actor?: Pick<Actor, 'userId' | 'practiceId'> | null;
  /** An export's number of records that left (never set on other events). */
  recordCount?: number | null;
}

/**
 * The audit entries of a read that returned clinical rows of the cases `caseIds` (one per row, in any
 * order, repeats allowed): one entry per distinct case, so the admin's "who opened this case"
 * (`case_id = …`, indexed) finds list reads too; none for a case whose rows were not returned. A read
 * that returned no row is still one entry, tied to no case. With `entityIsCase` (the rows are
 * cases) each entry's record id is its case.
 */
export function caseReadEntries(
  action: AuditAction, entity: string, caseIds: Iterable<string | null | undefined>, options: { entityIsCase?: boolean; entityId?: string | null } = {},
): AuditEntry[] {
  const distinct = new Set<string>();
  for (const caseId of caseIds) if (caseId) distinct.add(caseId);
  if (distinct.size === 0) return [{ action, entity, entityId: options.entityId ?? null, caseId: null }];
  return [...distinct].map((caseId) => ({ action, entity, entityId: options.entityIsCase ? caseId : options.entityId ?? null, caseId }));
}

/**
 * Writes audit events in the caller's transaction, so a change and its audit
 * event commit or roll back together. Entries carry ids only, never clinical text.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  /** A read of clinical rows: see caseReadEntries. One INSERT, however many cases. */
  async recordCaseReads(
    manager: EntityManager, action: AuditAction, entity: string, caseIds: Iterable<string | null | undefined>,
    options: { entityIsCase?: boolean; entityId?: string | null } = {},
  ): Promise<void> {
    await this.recordMany(manager, caseReadEntries(action, entity, caseIds, options));
  }

  async recordMany(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const context = currentRequestContext();
    const at = new Date();
    const params: unknown[] = [];
    const tuples = entries.map((entry) => {
      const actor = entry.actor === undefined ? context?.actor : entry.actor;
      const first = params.length;
      params.push(at, actor?.practiceId ?? null, actor?.userId ?? null, entry.action, entry.entity,
        entry.entityId ?? null, entry.caseId ?? null, context?.ip ?? null, context?.correlationId ?? null, entry.recordCount ?? null);
      return `(${Array.from({ length: AUDIT_COLUMNS.length }, (_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    // A plain INSERT: nothing is read back, every request of every route pays for this one.
    await manager.query(`INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
