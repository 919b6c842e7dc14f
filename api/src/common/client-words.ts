import { staffMayRewrite, type EntryAuthor, type StaffAnnotationInput } from '@attune/domain';
import type { EntityManager } from 'typeorm';
import { conflict, DomainError } from './api-errors.js';
import type { Actor } from './request-context.js';

/** 409 VERSION_CONFLICT: the record changed since the caller read it; their edit is not applied. */
export function staleVersion(record: string): DomainError {
  return conflict(`Someone else changed this ${record} since you opened it; reload it to see their change, then make yours again`, 'VERSION_CONFLICT');
}

/**
 * 409 CLIENT_AUTHORED unless staff may rewrite the entry: a client's self-rating or logged moment
 * is theirs, so staff annotate it or hide it with a reason instead (the database refuses the edit too).
 */
export function assertStaffMayRewrite(source: EntryAuthor, record: string): void {
  if (!staffMayRewrite(source)) {
    throw conflict(`This ${record} is the client's own words: it cannot be changed or removed by staff. Add a staff note, or hide it with a reason.`, 'CLIENT_AUTHORED');
  }
}

/**
 * Who may remove a mistaken rating or exception: never a client's own (409 CLIENT_AUTHORED); an
 * admin any other; a practitioner only one they entered themselves (403).
 */
export function assertStaffMayRemove(actor: Actor, entry: { source: EntryAuthor; recordedBy: string | null }, record: string): void {
  assertStaffMayRewrite(entry.source, record);
  if (actor.role !== 'admin' && entry.recordedBy !== actor.userId) {
    throw new DomainError('FORBIDDEN', `You can remove only a ${record} you entered yourself`);
  }
}

/**
 * Sets the staff annotation and the hidden flag of one entry, only if it is still at the version
 * the caller read; false when it is not (the caller answers 409). The entry's own words are untouched.
 */
export async function writeStaffAnnotation(
  manager: EntityManager,
  table: 'scale_scores' | 'case_exceptions',
  id: string,
  input: StaffAnnotationInput,
): Promise<boolean> {
  const [, updated] = await manager.query(
    `UPDATE ${table}
        SET staff_annotation = $2, hidden = $3, hidden_reason = $4, version = version + 1
      WHERE id = $1 AND version = $5
      RETURNING id`,
    [id, input.staffAnnotation || null, input.hidden, input.hidden ? input.hiddenReason ?? null : null, input.version],
  ) as [unknown[], number];
  return updated === 1;
}

/** The audit action of an annotation: hiding and showing again are named, a note alone is 'annotate'. */
export function annotationAuditAction(wasHidden: boolean, input: StaffAnnotationInput): 'annotate' | 'hide' | 'unhide' {
  if (input.hidden === wasHidden) return 'annotate';
  return input.hidden ? 'hide' : 'unhide';
}
