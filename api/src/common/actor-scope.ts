import { caseScopeParams, caseScopeSql } from '@attune/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './request-context.js';

/**
 * Limits a query to what the actor may see (libs' case visibility, `canSeeCase`): their practice
 * always, and for a practitioner only their own caseload (`ownerColumn` is the practitioner id
 * column of the row or of its case).
 */
export function scopeToActor<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, practiceColumn: string, ownerColumn: string): SelectQueryBuilder<T> {
  const [scopePracticeId, scopeUserId] = caseScopeParams(actor);
  return qb.andWhere(caseScopeSql({ practice: practiceColumn, practitioner: ownerColumn }, [':scopePracticeId', ':scopeUserId']), { scopePracticeId, scopeUserId });
}

/** The same rule in plain SQL for the case `caseId` as `k`: the WHERE clause and its parameters ($1…). */
export function visibleCaseScope(actor: Pick<Actor, 'role' | 'practiceId' | 'userId'>, caseId: string): { where: string; params: Array<string | null> } {
  return { where: `k.id = $1 AND ${caseScopeSql({ practice: 'k.practice_id', practitioner: 'k.practitioner_id' }, ['$2', '$3'])}`, params: [caseId, ...caseScopeParams(actor)] };
}
