import type { CorrectedRecord, RecordCorrectionDto, RecordCorrectionKind } from '@attune/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/request-context.js';

/** A correction about to be kept: which record of which case, what was done, when the record was dated, and why. */
export interface RecordCorrection {
  practiceId: string;
  caseId: string;
  entity: CorrectedRecord;
  entityId: string;
  kind: RecordCorrectionKind;
  recordAt: Date;
  reason: string;
}

/**
 * Keeps the reason of a correction in the caller's transaction, so the change and its why commit
 * or roll back together. The reason is clinical: it goes here, never into the audit trail.
 */
export async function keepRecordCorrection(manager: EntityManager, actor: Actor, correction: RecordCorrection): Promise<string> {
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO record_corrections (practice_id, case_id, entity, entity_id, kind, record_at, reason, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [correction.practiceId, correction.caseId, correction.entity, correction.entityId, correction.kind, correction.recordAt, correction.reason, actor.userId],
  );
  return rows[0]!.id;
}

/** Every correction of the case's records with its reason and who made it, oldest first. */
export async function recordCorrectionsOfCase(manager: EntityManager, caseId: string): Promise<RecordCorrectionDto[]> {
  const rows: Array<{ id: string; entity: CorrectedRecord; entity_id: string; kind: RecordCorrectionKind; record_at: Date; reason: string; actor_id: string | null; actor_name: string | null; at: Date }> =
    await manager.query(
      `SELECT c.id, c.entity, c.entity_id, c.kind, c.record_at, c.reason, c.actor_id, u.display_name AS actor_name, c.at
         FROM record_corrections c LEFT JOIN users u ON u.id = c.actor_id
        WHERE c.case_id = $1 ORDER BY c.at, c.id`,
      [caseId],
    );
  return rows.map((r) => ({
    id: r.id, caseId, entity: r.entity, entityId: r.entity_id, kind: r.kind, recordAt: r.record_at.toISOString(),
    reason: r.reason, actorId: r.actor_id, actorName: r.actor_name, at: r.at.toISOString(),
  }));
}
