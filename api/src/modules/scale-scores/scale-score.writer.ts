import type { EntityManager } from 'typeorm';
import { textOrNull } from '../../common/optional-text.js';
import { ScaleScore } from './scale-score.entity.js';

/** A new rating, as any of its three doors gives it: the staff route, the portal, a submitted exercise. */
export interface NewScaleScore {
  practiceId: string;
  caseId: string;
  clientId: string;
  score: number;
  /** When the rating was given; the transaction's clock when the caller has no time of its own. */
  recordedAt: string | Date;
  source: ScaleScore['source'];
  keepsFromLower?: string | null | undefined;
  onePointHigher?: string | null | undefined;
  sessionId?: string | null | undefined;
  /** The exercise whose submission recorded it, if any. */
  assignmentId?: string | null | undefined;
  recordedBy: string;
}

/** The one writer of scale_scores: empty texts are stored as null. The caller has checked access and audits the write. */
export async function writeScaleScore(manager: EntityManager, input: NewScaleScore): Promise<ScaleScore> {
  return manager.getRepository(ScaleScore).save(manager.create(ScaleScore, {
    practiceId: input.practiceId,
    caseId: input.caseId,
    clientId: input.clientId,
    score: input.score,
    recordedAt: new Date(input.recordedAt),
    source: input.source,
    keepsFromLower: textOrNull(input.keepsFromLower),
    onePointHigher: textOrNull(input.onePointHigher),
    sessionId: input.sessionId ?? null,
    assignmentId: input.assignmentId ?? null,
    recordedBy: input.recordedBy,
  }));
}
