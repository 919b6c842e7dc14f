import type { EntityManager } from 'typeorm';
import { textOrNull } from '../../common/optional-text.js';
import { CaseException } from './case-exception.entity.js';
import { deepOrNull, type CaseExceptionWrite } from './exceptions.dto.js';

/** A new exception, as any of its three doors gives it: the staff route, the portal, a submitted exercise. */
export interface NewCaseException {
  practiceId: string;
  caseId: string;
  clientId: string;
  occurredAt: string | Date;
  context: string;
  behavior?: string | null | undefined;
  thoughts?: string | null | undefined;
  emotions?: string | null | undefined;
  meaning?: string | null | undefined;
  tags?: string[] | undefined;
  deep?: CaseExceptionWrite['deep'] | null;
  significant?: boolean | undefined;
  source: CaseException['source'];
  /** The exercise whose submission logged it, if any. */
  assignmentId?: string | null | undefined;
  recordedBy: string;
}

/**
 * The one writer of case_exceptions: empty texts are stored as null, an absent deep description
 * as null, no tags as an empty list. The caller has checked access and audits the write.
 */
export async function writeCaseException(manager: EntityManager, input: NewCaseException): Promise<CaseException> {
  return manager.getRepository(CaseException).save(manager.create(CaseException, {
    practiceId: input.practiceId,
    caseId: input.caseId,
    clientId: input.clientId,
    occurredAt: new Date(input.occurredAt),
    context: input.context,
    behavior: textOrNull(input.behavior),
    thoughts: textOrNull(input.thoughts),
    emotions: textOrNull(input.emotions),
    meaning: textOrNull(input.meaning),
    tags: input.tags ?? [],
    deep: deepOrNull(input.deep ?? undefined),
    significant: input.significant ?? false,
    source: input.source,
    assignmentId: input.assignmentId ?? null,
    recordedBy: input.recordedBy,
  }));
}
