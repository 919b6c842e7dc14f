import type { EntityManager } from 'typeorm';
import { badRequest, conflict } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';

/**
 * The one rule of the portal: a client reaches only what belongs to the client records linked to
 * their sign-in (clients.portal_user_id), in their own practice. Nothing here takes an id of
 * another person's record.
 */
export async function myClientIds(manager: EntityManager, actor: Actor): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT id FROM clients WHERE portal_user_id = $1 AND practice_id = $2`,
    [actor.userId, actor.practiceId],
  );
  return rows.map((r) => r.id);
}

export interface MyCase {
  caseId: string;
  clientId: string;
  kind: 'individual' | 'couple';
}

/**
 * The open case a client's own entry goes into: the one they name (it must be theirs), or their
 * only open case. Several open cases and none named: a 400 asking which.
 */
export async function myOpenCaseFor(manager: EntityManager, actor: Actor, caseId: string | undefined): Promise<MyCase> {
  const rows: Array<{ case_id: string; client_id: string; kind: 'individual' | 'couple' }> = await manager.query(
    `SELECT k.id AS case_id, cc.client_id, k.kind
       FROM case_clients cc
       JOIN cases k ON k.id = cc.case_id
       JOIN clients c ON c.id = cc.client_id
      WHERE c.portal_user_id = $1 AND k.practice_id = $2 AND k.status = 'open'
      ORDER BY k.opened_at DESC`,
    [actor.userId, actor.practiceId],
  );
  const cases = rows.map((r) => ({ caseId: r.case_id, clientId: r.client_id, kind: r.kind }));
  if (caseId !== undefined) {
    const named = cases.find((c) => c.caseId === caseId.toLowerCase());
    if (!named) throw badRequest({ caseId: 'is not one of your open cases' });
    return named;
  }
  if (cases.length === 0) throw conflict('You have no open case to add this to. Your practitioner can help.');
  if (cases.length > 1) throw badRequest({ caseId: 'is required: you have more than one open case' });
  return cases[0]!;
}

/** A time a client gives for something that happened must not lie ahead (a few minutes of clock drift allowed). */
export function assertNotInFuture(value: string | undefined, field: string): void {
  if (value === undefined) return;
  if (new Date(value).getTime() > Date.now() + 5 * 60_000) throw badRequest({ [field]: 'must not be in the future' });
}
