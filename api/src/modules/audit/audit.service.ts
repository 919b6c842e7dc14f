import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestContext, type Actor } from '../../common/request-context.js';

const AUDIT_COLUMNS = ['at', 'practice_id', 'actor_id', 'action', 'entity', 'entity_id', 'case_id', 'ip', 'correlation_id'] as const;

export type AuditAction = 'create' | 'read' | 'list' | 'update' | 'delete' | 'sign' | 'addendum' | 'transition'
  | 'review' | 'submit' | 'save_draft' | 'reassign' | 'login' | 'login_failed' | 'logout' | 'export' | string;

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  caseId?: string | null;
  actor?: Pick<Actor, 'userId' | 'practiceId'> | null;
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

  async recordMany(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const context = currentRequestContext();
    const at = new Date();
    const params: unknown[] = [];
    const tuples = entries.map((entry) => {
      const actor = entry.actor === undefined ? context?.actor : entry.actor;
      const first = params.length;
      params.push(at, actor?.practiceId ?? null, actor?.userId ?? null, entry.action, entry.entity,
        entry.entityId ?? null, entry.caseId ?? null, context?.ip ?? null, context?.correlationId ?? null);
      return `(${Array.from({ length: AUDIT_COLUMNS.length }, (_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    // A plain INSERT: nothing is read back, every request of every route pays for this one.
    await manager.query(`INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
