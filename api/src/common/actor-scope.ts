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

/**
 * Clients follow their cases: a practitioner sees a client whose record they hold
 * (`clients.practitioner_id`) or who is in any case of theirs, so a client with cases of two
 * practitioners is visible to both. Reassigning a case hands the record over when the old
 * practitioner keeps no case of the client (CasesService.reassign): they then lose access.
 * `clientAlias` is the alias of the clients table in the query.
 */
export function scopeClientsToActor<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, clientAlias: string): SelectQueryBuilder<T> {
  qb.andWhere(`${clientAlias}.practice_id = :scopePracticeId`, { scopePracticeId: actor.practiceId });
  if (actor.role !== 'admin') {
    qb.andWhere(`(${clientAlias}.practitioner_id = :scopeUserId OR ${clientInCaseOf(`${clientAlias}.id`, ':scopeUserId')})`, { scopeUserId: actor.userId });
  }
  return qb;
}

/** SQL: the client `clientIdSql` is in a case of the practitioner `practitionerSql`. */
export function clientInCaseOf(clientIdSql: string, practitionerSql: string): string {
  return `EXISTS (SELECT 1 FROM case_clients vcc JOIN cases vk ON vk.id = vcc.case_id WHERE vcc.client_id = ${clientIdSql} AND vk.practitioner_id = ${practitionerSql})`;
}
