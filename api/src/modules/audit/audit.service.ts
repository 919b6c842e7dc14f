import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestContext, type Actor } from '../../common/request-context.js';
import { AuditEvent } from './audit-event.entity.js';

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
    const rows = entries.map((entry) => {
      const actor = entry.actor === undefined ? context?.actor : entry.actor;
      return {
        at: new Date(),
        practiceId: actor?.practiceId ?? null,
        actorId: actor?.userId ?? null,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId ?? null,
        caseId: entry.caseId ?? null,
        ip: context?.ip ?? null,
        correlationId: context?.correlationId ?? null,
      };
    });
    await manager.createQueryBuilder().insert().into(AuditEvent).values(rows).execute();
  }
}
