import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ScaleScoreDto } from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeToActor } from '../../common/actor-scope.js';
import { DomainError } from '@attune/domain';
import { badRequest, notFound } from '../../common/api-errors.js';
import { annotationAuditAction, assertStaffMayRemove, assertStaffMayRewrite, staleVersion, writeStaffAnnotation } from '../../common/client-words.js';
import { assertRecordedTime } from '../../common/recorded-time.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import { textOrNull } from '../../common/optional-text.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Case } from '../cases/case.entity.js';
import { ScaleScore } from './scale-score.entity.js';
import { SCALE_SCORE_LIST, toScaleScoreDto, type ScaleScoreCreate, type ScaleScoreUpdate } from './scale-scores.dto.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { CorrectionInput, StaffAnnotationInput } from '@attune/domain';
import { keepRecordCorrection } from '../cases/record-corrections.js';
import { transactionNow } from '../../common/transaction-clock.js';
import { writeScaleScore } from './scale-score.writer.js';

const ENTITY = 'scale-scores';

@Injectable()
export class ScaleScoresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly caseAccess: CaseAccessService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<ScaleScoreDto>> {
    return this.dataSource.transaction(async (manager) => {
      const [rows, total] = await applyListQuery(this.visible(manager, actor), SCALE_SCORE_LIST, query).getManyAndCount();
      await this.audit.recordCaseReads(manager, 'list', ENTITY, rows.map((s) => s.caseId));
      return new ListPage(ENTITY, rows.map(toScaleScoreDto), total, query.range);
    });
  }

  async get(actor: Actor, id: string): Promise<ScaleScoreDto> {
    return this.dataSource.transaction(async (manager) => {
      const score = await this.findVisible(manager, actor, id);
      await this.audit.record(manager, { action: 'read', entity: ENTITY, entityId: id, caseId: score.caseId });
      return toScaleScoreDto(score);
    });
  }

  async create(actor: Actor, input: ScaleScoreCreate, idempotent?: IdempotentRequest): Promise<ScaleScoreDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const found = await this.caseAccess.caseForWrite(manager, actor, input.caseId);
      await this.caseAccess.assertClientInCase(manager, found.id, input.clientId);
      assertRecordedTime(input.recordedAt, 'recordedAt', found.openedAt);
      if (input.sessionId) await assertSessionOfCase(manager, found.id, input.sessionId);
      const score = await writeScaleScore(manager, {
        practiceId: found.practiceId,
        caseId: found.id,
        clientId: input.clientId,
        score: input.score,
        recordedAt: input.recordedAt ?? await transactionNow(manager),
        source: 'practitioner',
        keepsFromLower: input.keepsFromLower,
        onePointHigher: input.onePointHigher,
        sessionId: input.sessionId,
        recordedBy: actor.userId,
      });
      await this.audit.record(manager, { action: 'create', entity: ENTITY, entityId: score.id, caseId: score.caseId });
      return toScaleScoreDto(score);
    }));
  }

  /**
   * Corrects a rating staff entered, only from the version it was read at (409 VERSION_CONFLICT
   * otherwise, in one conditional UPDATE); a client's self-rating is theirs (409 CLIENT_AUTHORED).
   */
  async update(actor: Actor, id: string, input: ScaleScoreUpdate): Promise<ScaleScoreDto> {
    return this.dataSource.transaction(async (manager) => {
      const score = await this.findVisible(manager, actor, id);
      assertStaffMayRewrite(score.source, 'rating');
      const [, updated] = await manager.query(
        `UPDATE scale_scores SET score = $2, keeps_from_lower = $3, one_point_higher = $4, version = version + 1
          WHERE id = $1 AND version = $5 AND source = 'practitioner'
          RETURNING id`,
        [id, input.score, textOrNull(input.keepsFromLower), textOrNull(input.onePointHigher), input.version],
      ) as [unknown[], number];
      if (updated !== 1) throw staleVersion('rating');
      await keepRecordCorrection(manager, actor, { ...this.corrected(score), kind: 'edit', reason: input.reason });
      await this.audit.record(manager, { action: 'update', entity: ENTITY, entityId: id, caseId: score.caseId });
      return toScaleScoreDto(await manager.getRepository(ScaleScore).findOneByOrFail({ id }));
    });
  }

  /** Sets the staff note beside a rating and whether it is hidden from charts and alerts (with a reason). */
  async annotate(actor: Actor, id: string, input: StaffAnnotationInput): Promise<ScaleScoreDto> {
    return this.dataSource.transaction(async (manager) => {
      const score = await this.findVisible(manager, actor, id);
      if (!await writeStaffAnnotation(manager, 'scale_scores', id, input)) throw staleVersion('rating');
      await this.audit.record(manager, { action: annotationAuditAction(score.hidden, input), entity: ENTITY, entityId: id, caseId: score.caseId });
      return toScaleScoreDto(await manager.getRepository(ScaleScore).findOneByOrFail({ id }));
    });
  }

  /**
   * Removes a mistaken entry; answers the record as it was (react-admin expects it). A practitioner
   * takes back only a rating they entered themselves; an admin any staff-entered one; nobody a
   * client's self-rating (409 CLIENT_AUTHORED: hide it with a reason instead). The reason is kept
   * with the case.
   */
  async remove(actor: Actor, id: string, input: CorrectionInput): Promise<ScaleScoreDto> {
    return this.dataSource.transaction(async (manager) => {
      const score = await this.findVisible(manager, actor, id, true);
      assertStaffMayRemove(actor, score, 'rating');
      const dto = toScaleScoreDto(score);
      await keepRecordCorrection(manager, actor, { ...this.corrected(score), kind: 'delete', reason: input.reason });
      await manager.getRepository(ScaleScore).delete({ id });
      await this.audit.record(manager, { action: 'delete', entity: ENTITY, entityId: id, caseId: score.caseId });
      return dto;
    });
  }

  /** The rating a correction is about, as it was dated before the change. */
  private corrected(score: ScaleScore) {
    return { practiceId: score.practiceId, caseId: score.caseId, entity: ENTITY, entityId: score.id, recordAt: score.recordedAt } as const;
  }

  /** Scores of the cases the actor may reach: their practice, and for a practitioner their own caseload. */
  private visible(manager: EntityManager, actor: Actor) {
    const qb = manager.getRepository(ScaleScore).createQueryBuilder('s').innerJoin(Case, 'k', 'k.id = s.case_id');
    return scopeToActor(qb, actor, 's.practice_id', 'k.practitioner_id');
  }

  private async findVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<ScaleScore> {
    const qb = this.visible(manager, actor).andWhere('s.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['s']);
    const score = await qb.getOne();
    if (!score) throw notFound('Scale score');
    return score;
  }
}

/** A rating recorded in a session belongs to a session of the same case. */
export async function assertSessionOfCase(manager: EntityManager, caseId: string, sessionId: string): Promise<void> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM therapy_sessions WHERE id = $1 AND case_id = $2`, [sessionId, caseId]);
  if (rows.length === 0) throw badRequest({ sessionId: 'is not a session of this case' });
}
