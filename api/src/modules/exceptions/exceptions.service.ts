import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CorrectionInput, StaffAnnotationInput } from '@attune/domain';
import { keepRecordCorrection } from '../cases/record-corrections.js';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeToActor } from '../../common/actor-scope.js';
import { notFound } from '../../common/api-errors.js';
import { annotationAuditAction, assertStaffMayRemove, assertStaffMayRewrite, staleVersion, writeStaffAnnotation } from '../../common/client-words.js';
import { assertRecordedTime } from '../../common/recorded-time.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import { textOrNull } from '../../common/optional-text.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Case } from '../cases/case.entity.js';
import { CaseException } from './case-exception.entity.js';
import { deepOrNull, EXCEPTION_LIST, toCaseExceptionDto, type CaseExceptionUpdate, type CaseExceptionWrite } from './exceptions.dto.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { CaseExceptionDto } from '@attune/domain';

import { writeCaseException } from './case-exception.writer.js';

const ENTITY = 'exceptions';

@Injectable()
export class ExceptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly caseAccess: CaseAccessService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<CaseExceptionDto>> {
    return this.dataSource.transaction(async (manager) => {
      // Tags are stored trimmed and lower-cased; a filter finds them whatever case it is typed in.
      const tags = query.filter['tags'];
      const checked = tags === undefined ? query
        : { ...query, filter: { ...query.filter, tags: (Array.isArray(tags) ? tags : [tags]).map((tag) => String(tag).trim().toLowerCase()) } };
      const [rows, total] = await applyListQuery(this.visible(manager, actor), EXCEPTION_LIST, checked).getManyAndCount();
      await this.audit.recordCaseReads(manager, 'list', ENTITY, rows.map((e) => e.caseId));
      return new ListPage(ENTITY, rows.map(toCaseExceptionDto), total, query.range);
    });
  }

  async get(actor: Actor, id: string): Promise<CaseExceptionDto> {
    return this.dataSource.transaction(async (manager) => {
      const exception = await this.findVisible(manager, actor, id);
      await this.audit.record(manager, { action: 'read', entity: ENTITY, entityId: id, caseId: exception.caseId });
      return toCaseExceptionDto(exception);
    });
  }

  async create(actor: Actor, input: CaseExceptionWrite, idempotent?: IdempotentRequest): Promise<CaseExceptionDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const found = await this.caseAccess.caseForWrite(manager, actor, input.caseId);
      await this.caseAccess.assertClientInCase(manager, found.id, input.clientId);
      assertRecordedTime(input.occurredAt, 'occurredAt', found.openedAt);
      const saved = await writeCaseException(manager, {
        ...input,
        practiceId: found.practiceId,
        caseId: found.id,
        source: 'practitioner',
        recordedBy: actor.userId,
      });
      await this.audit.record(manager, { action: 'create', entity: ENTITY, entityId: saved.id, caseId: saved.caseId });
      return toCaseExceptionDto(saved);
    }));
  }

  /**
   * Edits an entry staff logged, only from the version it was read at (409 VERSION_CONFLICT
   * otherwise, in one conditional UPDATE); a client's own logged moment is theirs (409 CLIENT_AUTHORED).
   */
  async update(actor: Actor, id: string, input: CaseExceptionUpdate): Promise<CaseExceptionDto> {
    return this.dataSource.transaction(async (manager) => {
      const exception = await this.findVisible(manager, actor, id);
      assertStaffMayRewrite(exception.source, 'logged moment');
      const found = await this.caseAccess.findVisibleCase(manager, actor, exception.caseId);
      assertRecordedTime(input.occurredAt, 'occurredAt', found.openedAt);
      // The case is read-only; an entry put down for the wrong partner may move to the other one.
      if (input.clientId !== exception.clientId) await this.caseAccess.assertClientInCase(manager, exception.caseId, input.clientId);
      const [, updated] = await manager.query(
        `UPDATE case_exceptions
            SET client_id = $2, occurred_at = $3, context = $4, behavior = $5, thoughts = $6, emotions = $7, meaning = $8,
                tags = $9, deep = $10, significant = COALESCE($11, significant), version = version + 1
          WHERE id = $1 AND version = $12 AND source = 'practitioner'
          RETURNING id`,
        [id, input.clientId, new Date(input.occurredAt), input.context, textOrNull(input.behavior), textOrNull(input.thoughts),
          textOrNull(input.emotions), textOrNull(input.meaning), input.tags, jsonOrNull(deepOrNull(input.deep)),
          input.significant ?? null, input.version],
      ) as [unknown[], number];
      if (updated !== 1) throw staleVersion('logged moment');
      await keepRecordCorrection(manager, actor, { ...corrected(exception), kind: 'edit', reason: input.reason });
      await this.audit.record(manager, { action: 'update', entity: ENTITY, entityId: id, caseId: exception.caseId });
      return toCaseExceptionDto(await manager.getRepository(CaseException).findOneByOrFail({ id }));
    });
  }

  /** Sets the staff note beside an entry and whether it is hidden from the pattern view (with a reason). */
  async annotate(actor: Actor, id: string, input: StaffAnnotationInput): Promise<CaseExceptionDto> {
    return this.dataSource.transaction(async (manager) => {
      const exception = await this.findVisible(manager, actor, id);
      if (!await writeStaffAnnotation(manager, 'case_exceptions', id, input)) throw staleVersion('logged moment');
      await this.audit.record(manager, { action: annotationAuditAction(exception.hidden, input), entity: ENTITY, entityId: id, caseId: exception.caseId });
      return toCaseExceptionDto(await manager.getRepository(CaseException).findOneByOrFail({ id }));
    });
  }

  /** Removes an entry staff logged by mistake; the reason is kept with the case. Answers the record as it was. */
  async remove(actor: Actor, id: string, input: CorrectionInput): Promise<CaseExceptionDto> {
    return this.dataSource.transaction(async (manager) => {
      const exception = await this.findVisible(manager, actor, id, true);
      assertStaffMayRemove(actor, exception, 'logged moment');
      const dto = toCaseExceptionDto(exception);
      await keepRecordCorrection(manager, actor, { ...corrected(exception), kind: 'delete', reason: input.reason });
      await manager.getRepository(CaseException).delete({ id });
      await this.audit.record(manager, { action: 'delete', entity: ENTITY, entityId: id, caseId: exception.caseId });
      return dto;
    });
  }

  private visible(manager: EntityManager, actor: Actor) {
    const qb = manager.getRepository(CaseException).createQueryBuilder('e').innerJoin(Case, 'k', 'k.id = e.case_id');
    return scopeToActor(qb, actor, 'e.practice_id', 'k.practitioner_id');
  }

  private async findVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<CaseException> {
    const qb = this.visible(manager, actor).andWhere('e.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['e']);
    const exception = await qb.getOne();
    if (!exception) throw notFound('Exception');
    return exception;
  }
}

/** The entry a correction is about, as it was dated before the change. */
function corrected(exception: CaseException) {
  return { practiceId: exception.practiceId, caseId: exception.caseId, entity: ENTITY, entityId: exception.id, recordAt: exception.occurredAt } as const;
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

