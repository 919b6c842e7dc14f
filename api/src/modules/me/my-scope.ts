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
  openedAt: Date;
}

/** 409 CASE_CLOSED: a closed case takes no more homework, self-ratings or logged moments; nothing is written. */
export function caseClosed(): Error {
  return conflict('This case is closed, so nothing more can be added to it or sent in it. Your practitioner can reopen work with you.', 'CASE_CLOSED');
}

/**
 * The open case a client's own entry goes into: the one they name (it must be theirs), or their
 * only open case. A closed case named, or only closed cases: 409 CASE_CLOSED. Several open cases
 * and none named: a 400 asking which.
 */
export async function myOpenCaseFor(manager: EntityManager, actor: Actor, caseId: string | undefined): Promise<MyCase> {
  const rows: Array<{ case_id: string; client_id: string; kind: 'individual' | 'couple'; opened_at: Date; open: boolean }> = await manager.query(
    `SELECT k.id AS case_id, cc.client_id, k.kind, k.opened_at, k.status = 'open' AS open
       FROM case_clients cc
       JOIN cases k ON k.id = cc.case_id
       JOIN clients c ON c.id = cc.client_id
      WHERE c.portal_user_id = $1 AND k.practice_id = $2
      ORDER BY k.opened_at DESC`,
    [actor.userId, actor.practiceId],
  );
  const toCase = (r: (typeof rows)[number]): MyCase => ({ caseId: r.case_id, clientId: r.client_id, kind: r.kind, openedAt: r.opened_at });
  const open = rows.filter((r) => r.open).map(toCase);
  if (caseId !== undefined) {
    const named = rows.find((r) => r.case_id === caseId.toLowerCase());
    if (!named) throw badRequest({ caseId: 'is not one of your open cases' });
    if (!named.open) throw caseClosed();
    return toCase(named);
  }
  if (open.length === 0) {
    if (rows.length > 0) throw caseClosed();
    throw conflict('You have no open case to add this to. Your practitioner can help.');
  }
  if (open.length > 1) throw badRequest({ caseId: 'is required: you have more than one open case' });
  return open[0]!;
}
