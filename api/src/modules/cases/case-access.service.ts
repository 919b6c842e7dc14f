import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badRequest, notFound } from '../../common/api-errors.js';
import { DomainError } from '@attune/domain';
import type { Actor } from '../../common/request-context.js';
import { scopeToActor, visibleCaseScope } from '../../common/actor-scope.js';
import { CASE_ROW_SELECT, type CaseRow } from './case-insights.js';
import { Case } from './case.entity.js';

/**
 * The one rule for reaching a case and everything in it (sessions, scores,
 * exceptions, homework): same practice, and for a practitioner their own
 * caseload. Out of reach answers 404, as if the case did not exist.
 */
@Injectable()
export class CaseAccessService {
  async findVisibleCase(manager: EntityManager, actor: Actor, caseId: string, options: { lock?: boolean } = {}): Promise<Case> {
    const qb = scopeToActor(manager.getRepository(Case).createQueryBuilder('k').where('k.id = :caseId', { caseId }), actor, 'k.practice_id', 'k.practitioner_id');
    if (options.lock) qb.setLock('pessimistic_write');
    const found = await qb.getOne();
    if (!found) throw notFound('Case');
    return found;
  }

  /**
   * The same rule for a read that needs only the case's shown fields: one plain select, no entity.
   * `more` adds columns over `cases k` (e.g. sub-selects of what the read shows), computed only for
   * a case in reach.
   */
  async visibleCaseRow<R extends CaseRow = CaseRow>(manager: EntityManager, actor: Actor, caseId: string, more = ''): Promise<R> {
    const scope = visibleCaseScope(actor, caseId);
    const rows: R[] = await manager.query(`SELECT ${CASE_ROW_SELECT}${more ? `, ${more}` : ''} FROM cases k WHERE ${scope.where}`, scope.params);
    if (!rows[0]) throw notFound('Case');
    return rows[0];
  }

  /** For a create: the case named in a body must be visible; a foreign one is a 400 on the field, not a hint. */
  async caseForWrite(manager: EntityManager, actor: Actor, caseId: string, field = 'caseId'): Promise<Case> {
    try {
      return await this.findVisibleCase(manager, actor, caseId);
    } catch (error) {
      // Only "not found" becomes a field error; a database failure stays a 5xx the client retries.
      if (isNotFound(error)) throw badRequest({ [field]: 'is not a case you can reach' });
      throw error;
    }
  }

  async assertClientInCase(manager: EntityManager, caseId: string, clientId: string, field = 'clientId'): Promise<void> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM case_clients WHERE case_id = $1 AND client_id = $2`, [caseId, clientId]);
    if (rows.length === 0) throw badRequest({ [field]: 'is not a client of this case' });
  }

  async clientIdsOfCase(manager: EntityManager, caseId: string): Promise<string[]> {
    const rows: Array<{ client_id: string }> = await manager.query(
      `SELECT client_id FROM case_clients WHERE case_id = $1 ORDER BY position`, [caseId]);
    return rows.map((r) => r.client_id);
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'NOT_FOUND';
}
