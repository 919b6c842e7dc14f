import type { ExerciseField, ExerciseResponse } from '@attune/domain';
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

/** A partner's answer the partner shared once sent, as the portal and the client's export read it. */
export interface SharedPartnerAnswerRow {
  id: string;
  case_id: string;
  partner_name: string;
  exercise_key: string | null;
  title: string;
  fields: ExerciseField[];
  response: ExerciseResponse;
  submitted_at: Date | null;
}

/**
 * The one rule for what a client sees of a partner's homework: in their couple cases, only the
 * answers the partner marked shared, once sent. Filtered in SQL, so a private answer is never
 * selected and cannot surface in a body, a count or an error.
 */
export async function sharedPartnerAnswers(
  manager: EntityManager, clientIds: string[], practiceId: string, order: 'oldest first' | 'newest first',
): Promise<SharedPartnerAnswerRow[]> {
  const direction = order === 'newest first' ? 'DESC' : 'ASC';
  return manager.query(
    `SELECT a.id, a.case_id, pc.display_name AS partner_name, CASE WHEN e.built_in THEN e.key END AS exercise_key,
            e.title, e.fields, a.response, a.submitted_at
       FROM case_clients mine
       JOIN cases k ON k.id = mine.case_id AND k.kind = 'couple' AND k.practice_id = $2
       JOIN case_clients partner ON partner.case_id = mine.case_id AND partner.client_id <> ALL($1)
       JOIN clients pc ON pc.id = partner.client_id
       JOIN assignments a ON a.case_id = mine.case_id AND a.client_id = partner.client_id
                         AND a.shared_with_partner AND a.status IN ('submitted', 'reviewed')
       JOIN exercises e ON e.id = a.exercise_id
      WHERE mine.client_id = ANY($1)
      ORDER BY a.submitted_at ${direction}, a.id`,
    [clientIds, practiceId],
  );
}
