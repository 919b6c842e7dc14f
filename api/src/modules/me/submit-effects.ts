import { deepDescriptionFromResponse, exceptionFromLogResponse, pickDescribedException, scaleScoreFromPositioningResponse, type ExerciseEffect, type ExerciseResponse } from '@attune/domain';
import type { EntityManager } from 'typeorm';
import type { Assignment } from '../assignments/assignment.entity.js';
import type { AuditEntry } from '../audit/audit.service.js';
import { writeCaseException } from '../exceptions/case-exception.writer.js';
import { writeScaleScore } from '../scale-scores/scale-score.writer.js';

/** A homework response just submitted, checked against its exercise's fields. */
export interface SubmittedHomework {
  assignment: Pick<Assignment, 'id' | 'practiceId' | 'caseId' | 'clientId'>;
  response: ExerciseResponse;
  /** The transaction's now(). */
  submittedAt: Date;
  submittedBy: string;
}

type SubmitEffect = (manager: EntityManager, submitted: SubmittedHomework) => Promise<AuditEntry>;

/**
 * What a submitted response creates besides itself, by its exercise's effect, through the same
 * writers the staff routes and the portal use. A mapped type over ExerciseEffect: a new effect kind
 * does not compile until it has its entry here. Each answers the audit entry of what it wrote.
 */
export const SUBMIT_EFFECTS: { readonly [K in ExerciseEffect]: SubmitEffect } = {
  exception: async (manager, { assignment, response, submittedBy }) => {
    const saved = await writeCaseException(manager, {
      ...exceptionFromLogResponse(response),
      practiceId: assignment.practiceId,
      caseId: assignment.caseId,
      clientId: assignment.clientId,
      source: 'client',
      assignmentId: assignment.id,
      recordedBy: submittedBy,
    });
    return { action: 'create', entity: 'exceptions', entityId: saved.id, caseId: assignment.caseId };
  },
  scale_score: async (manager, { assignment, response, submittedAt, submittedBy }) => {
    const rating = scaleScoreFromPositioningResponse(response);
    const saved = await writeScaleScore(manager, {
      practiceId: assignment.practiceId,
      caseId: assignment.caseId,
      clientId: assignment.clientId,
      score: rating.score,
      recordedAt: submittedAt,
      source: 'client',
      keepsFromLower: rating.keepsFromLower,
      onePointHigher: rating.onePointHigher,
      assignmentId: assignment.id,
      recordedBy: submittedBy,
    });
    return { action: 'create', entity: 'scale-scores', entityId: saved.id, caseId: assignment.caseId };
  },
  /**
   * The stage-4 deep description lands on the exception it describes (the client's own moment of
   * that day, a significant one first); when there is none, it becomes a new significant exception.
   */
  exception_deep: async (manager, { assignment, response, submittedAt, submittedBy }) => {
    const answer = deepDescriptionFromResponse(response, submittedAt);
    const candidates: Array<{ id: string; occurredAt: Date; significant: boolean; hasDeep: boolean }> = answer.day === undefined ? [] : await manager.query(
      `SELECT id, occurred_at AS "occurredAt", significant, deep IS NOT NULL AS "hasDeep" FROM case_exceptions
        WHERE case_id = $1 AND client_id = $2 AND practice_id = $3
          AND occurred_at >= $4::date - interval '14 hours' AND occurred_at < $4::date + interval '36 hours'
        FOR UPDATE`,
      [assignment.caseId, assignment.clientId, assignment.practiceId, answer.day],
    );
    const target = pickDescribedException(answer.day, candidates);
    if (target) {
      await manager.query(`UPDATE case_exceptions SET deep = $2::jsonb, version = version + 1 WHERE id = $1`, [target.id, JSON.stringify(answer.deep)]);
      return { action: 'update', entity: 'exceptions', entityId: target.id, caseId: assignment.caseId };
    }
    const saved = await writeCaseException(manager, {
      practiceId: assignment.practiceId,
      caseId: assignment.caseId,
      clientId: assignment.clientId,
      occurredAt: answer.moment.occurredAt,
      context: answer.moment.context,
      behavior: answer.moment.behavior,
      thoughts: answer.moment.thoughts,
      deep: answer.deep,
      significant: true,
      source: 'client',
      assignmentId: assignment.id,
      recordedBy: submittedBy,
    });
    return { action: 'create', entity: 'exceptions', entityId: saved.id, caseId: assignment.caseId };
  },
};
