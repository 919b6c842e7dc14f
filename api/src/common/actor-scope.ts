import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './request-context.js';

/**
 * Limits a query to what the actor may see: their practice always, and for a
 * practitioner only their own caseload (`ownerColumn` is the practitioner id
 * column of the row or of its case).
 */
export function scopeToActor<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, practiceColumn: string, ownerColumn: string): SelectQueryBuilder<T> {
  qb.andWhere(`${practiceColumn} = :scopePracticeId`, { scopePracticeId: actor.practiceId });
  if (actor.role !== 'admin') qb.andWhere(`${ownerColumn} = :scopeUserId`, { scopeUserId: actor.userId });
  return qb;
}

/** The same rule in plain SQL for the case `caseId` as `k`: the WHERE clause and its parameters ($1…). */
export function visibleCaseScope(actor: Pick<Actor, 'role' | 'practiceId' | 'userId'>, caseId: string): { where: string; params: string[] } {
  return actor.role === 'admin'
    ? { where: 'k.id = $1 AND k.practice_id = $2', params: [caseId, actor.practiceId] }
    : { where: 'k.id = $1 AND k.practice_id = $2 AND k.practitioner_id = $3', params: [caseId, actor.practiceId, actor.userId] };
}
