import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseKind, CaseStatus, ScaleScoreSource, StageNumber } from '@attune/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/request-context.js';
import { AuditService, caseReadEntries } from '../audit/audit.service.js';
import type {
  MyExceptionDto,
  MyExceptionInput,
  MyScaleScoreDto,
  MyScaleScoreInput,
  PartnerAnswerDto,
  PortalProgressCaseDto,
  PortalProgressDto,
} from './me.dto.js';
import { assertRecordedTime } from '../../common/recorded-time.js';
import { myClientIds, myOpenCaseFor, sharedPartnerAnswers } from './my-scope.js';
import { transactionNow } from '../../common/transaction-clock.js';
import { writeScaleScore } from '../scale-scores/scale-score.writer.js';
import { writeCaseException } from '../exceptions/case-exception.writer.js';
import { CaseException } from '../exceptions/case-exception.entity.js';

/**
 * The client's own log entries and self-ratings, their progress, and what a partner chose to
 * share. Reads go through the caller's client records only; a partner's private answers are never
 * selected, so they cannot surface in a body, a count or an error.
 */
@Injectable()
export class MyRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async addException(actor: Actor, input: MyExceptionInput): Promise<MyExceptionDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await myOpenCaseFor(manager, actor, input.caseId);
      assertRecordedTime(input.occurredAt, 'occurredAt', target.openedAt);
      const saved = await writeCaseException(manager, {
        ...input,
        practiceId: actor.practiceId,
        caseId: target.caseId,
        clientId: target.clientId,
        source: 'client',
        recordedBy: actor.userId,
      });
      await this.audit.record(manager, { action: 'create', entity: 'exceptions', entityId: saved.id, caseId: target.caseId });
      return {
        id: saved.id,
        caseId: saved.caseId,
        occurredAt: saved.occurredAt.toISOString(),
        context: saved.context,
        behavior: saved.behavior,
        thoughts: saved.thoughts,
        emotions: saved.emotions,
        meaning: saved.meaning,
        tags: saved.tags,
        createdAt: saved.createdAt.toISOString(),
        deep: saved.deep ?? null,
      };
    });
  }

  async addScaleScore(actor: Actor, input: MyScaleScoreInput): Promise<MyScaleScoreDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await myOpenCaseFor(manager, actor, input.caseId);
      assertRecordedTime(input.recordedAt, 'recordedAt', target.openedAt);
      const saved = await writeScaleScore(manager, {
        practiceId: actor.practiceId,
        caseId: target.caseId,
        clientId: target.clientId,
        score: input.score,
        recordedAt: input.recordedAt ?? await transactionNow(manager),
        source: 'client',
        keepsFromLower: input.keepsFromLower,
        onePointHigher: input.onePointHigher,
        recordedBy: actor.userId,
      });
      await this.audit.record(manager, { action: 'create', entity: 'scale-scores', entityId: saved.id, caseId: target.caseId });
      return {
        id: saved.id,
        caseId: saved.caseId,
        score: Number(saved.score),
        recordedAt: saved.recordedAt.toISOString(),
        keepsFromLower: saved.keepsFromLower,
        onePointHigher: saved.onePointHigher,
      };
    });
  }

  /**
   * The good moments the caller logged themselves (in the portal or through homework), newest
   * first, across their cases: their own words to reread. Entries staff logged are not theirs and
   * are not listed; an entry staff hid stays visible to its author.
   */
  async myExceptions(actor: Actor): Promise<MyExceptionDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const clientIds = await myClientIds(manager, actor);
      if (clientIds.length === 0) return [];
      const rows: CaseException[] = await manager.getRepository(CaseException).createQueryBuilder('x')
        .where('x.client_id = ANY(:clientIds) AND x.practice_id = :practiceId AND x.source = :source', { clientIds, practiceId: actor.practiceId, source: 'client' })
        .orderBy('x.occurred_at', 'DESC').addOrderBy('x.id', 'ASC')
        .limit(500)
        .getMany();
      await this.audit.recordCaseReads(manager, 'list', 'exceptions', rows.map((r) => r.caseId));
      return rows.map((x) => ({
        id: x.id,
        caseId: x.caseId,
        occurredAt: x.occurredAt.toISOString(),
        context: x.context,
        behavior: x.behavior,
        thoughts: x.thoughts,
        emotions: x.emotions,
        meaning: x.meaning,
        tags: x.tags,
        createdAt: x.createdAt.toISOString(),
        deep: x.deep ?? null,
      }));
    });
  }

  /** The caller's own ratings per case (never the partner's) and the feedback on their reviewed homework. */
  async progress(actor: Actor): Promise<PortalProgressDto> {
    return this.dataSource.transaction(async (manager) => {
      const clientIds = await myClientIds(manager, actor);
      if (clientIds.length === 0) return { cases: [], feedback: [] };
      const caseRows: Array<{ id: string; kind: CaseKind; status: CaseStatus; stage: number; opened_at: Date; client_id: string }> = await manager.query(
        `SELECT k.id, k.kind, k.status, k.stage, k.opened_at, cc.client_id
           FROM case_clients cc JOIN cases k ON k.id = cc.case_id
          WHERE cc.client_id = ANY($1) AND k.practice_id = $2
          ORDER BY k.opened_at DESC`,
        [clientIds, actor.practiceId],
      );
      const scoreRows: Array<{ case_id: string; client_id: string; score: string; recorded_at: Date; source: ScaleScoreSource }> = await manager.query(
        `SELECT case_id, client_id, score, recorded_at, source FROM scale_scores
          WHERE client_id = ANY($1) AND practice_id = $2 ORDER BY recorded_at, created_at`,
        [clientIds, actor.practiceId],
      );
      const feedbackRows: Array<{ id: string; case_id: string; exercise_key: string | null; title: string; feedback: string; submitted_at: Date | null; reviewed_at: Date | null }> = await manager.query(
        `SELECT a.id, a.case_id, CASE WHEN e.built_in THEN e.key END AS exercise_key, e.title, a.feedback, a.submitted_at, a.reviewed_at
           FROM assignments a JOIN exercises e ON e.id = a.exercise_id
          WHERE a.client_id = ANY($1) AND a.practice_id = $2 AND a.status = 'reviewed' AND a.feedback IS NOT NULL
          ORDER BY a.reviewed_at DESC`,
        [clientIds, actor.practiceId],
      );
      const cases: PortalProgressCaseDto[] = caseRows.map((k) => ({
        caseId: k.id,
        kind: k.kind,
        status: k.status,
        stage: k.stage as StageNumber,
        openedAt: k.opened_at.toISOString(),
        points: scoreRows
          .filter((s) => s.case_id === k.id && s.client_id === k.client_id)
          .map((s) => ({ recordedAt: s.recorded_at.toISOString(), score: Number(s.score), source: s.source })),
      }));
      await this.audit.recordMany(manager, [
        ...cases.map((k) => ({ action: 'read', entity: 'progress', entityId: k.caseId, caseId: k.caseId })),
        ...(feedbackRows.length > 0 ? caseReadEntries('list', 'feedback', feedbackRows.map((f) => f.case_id)) : []),
      ]);
      return {
        cases,
        feedback: feedbackRows.map((f) => ({
          assignmentId: f.id,
          caseId: f.case_id,
          exerciseKey: f.exercise_key,
          exerciseTitle: f.title,
          feedback: f.feedback,
          submittedAt: f.submitted_at ? f.submitted_at.toISOString() : null,
          reviewedAt: f.reviewed_at ? f.reviewed_at.toISOString() : null,
        })),
      };
    });
  }

  /**
   * In a couple case, the answers the partner marked as shared, once sent (submitted or reviewed):
   * title and answers only. Private ones are filtered out in SQL, so not even their number leaves
   * the database.
   */
  async partnerAnswers(actor: Actor): Promise<PartnerAnswerDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const clientIds = await myClientIds(manager, actor);
      if (clientIds.length === 0) return [];
      const rows = await sharedPartnerAnswers(manager, clientIds, actor.practiceId, 'newest first');
      await this.audit.recordMany(manager, rows.length > 0
        ? rows.map((r) => ({ action: 'read_shared', entity: 'assignments', entityId: r.id, caseId: r.case_id }))
        : [{ action: 'list', entity: 'partner-answers' }]);
      return rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        partnerName: r.partner_name,
        exerciseKey: r.exercise_key,
        exerciseTitle: r.title,
        fields: r.fields,
        response: r.response,
        submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
      }));
    });
  }
}
