import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { cadenceDueAt, dueTimeIssue, exerciseFitsCase, nextAssignmentStatus, type ExerciseCadence } from '@attune/domain';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { scopeToActor } from '../../common/actor-scope.js';
import { transactionNow } from '../../common/transaction-clock.js';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { applyListQuery, getRawPageAndCount, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import { textOrNull } from '../../common/optional-text.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { HomeworkReminders } from '../notifications/homework-reminders.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Case } from '../cases/case.entity.js';
import { Exercise } from '../exercises/exercise.entity.js';
import { Assignment } from './assignment.entity.js';
import { ASSIGNMENT_DTO_SELECT, ASSIGNMENT_DTO_SELECT_WITH_FIELDS, ASSIGNMENT_LIST, toAssignmentDto, type AssignmentDtoRow, type AssignmentCreate, type AssignmentReview, type AssignmentUpdate } from './assignments.dto.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { AssignmentDto, CorrectionInput } from '@attune/domain';
import { keepRecordCorrection } from '../cases/record-corrections.js';


const ENTITY = 'assignments';

@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly caseAccess: CaseAccessService,
    private readonly idempotency: IdempotencyService,
    private readonly homework: HomeworkReminders,
  ) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<AssignmentDto>> {
    return this.dataSource.transaction(async (manager) => {
      // One statement: the page with its exercises, check-ins, total and now(), as plain rows.
      const qb = this.dtoQuery(applyListQuery(this.visible(manager, actor), ASSIGNMENT_LIST, query), false);
      const [rows, total] = await getRawPageAndCount<AssignmentDtoRow>(qb, query.range);
      await this.audit.recordCaseReads(manager, 'list', ENTITY, rows.map((row) => row.caseId));
      return new ListPage(ENTITY, rows.map((row) => toAssignmentDto(row)), total, query.range);
    });
  }

  async get(actor: Actor, id: string): Promise<AssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.dtoQuery(this.visible(manager, actor).andWhere('a.id = :id', { id }), true).getRawOne<AssignmentDtoRow>();
      if (!row) throw notFound('Assignment');
      await this.audit.record(manager, { action: 'read', entity: ENTITY, entityId: id, caseId: row.caseId });
      return toAssignmentDto(row);
    });
  }

  async create(actor: Actor, input: AssignmentCreate, idempotent?: IdempotentRequest): Promise<AssignmentDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const found = await this.caseAccess.caseForWrite(manager, actor, input.caseId);
      if (found.status !== 'open') throw badRequest({ caseId: 'is closed: homework goes to an open case' });
      await this.caseAccess.assertClientInCase(manager, found.id, input.clientId);
      // Shared lock: the exercise cannot be deleted or reshaped while it is being assigned.
      const exercise = await manager.getRepository(Exercise).createQueryBuilder('e')
        .where('e.id = :id', { id: input.exerciseId })
        .andWhere('(e.practice_id IS NULL OR e.practice_id = :practiceId)', { practiceId: actor.practiceId })
        .setLock('pessimistic_read')
        .getOne();
      if (!exercise) throw badRequest({ exerciseId: 'is not an exercise in your library' });
      if (exercise.retiredAt) throw badRequest({ exerciseId: 'was retired from the library: homework given before keeps it, new homework cannot use it' });
      if (!exerciseFitsCase(exercise.audience, found.kind)) {
        throw badRequest({ exerciseId: 'is an exercise for partners: give it in a couple case' });
      }
      // The homework's cadence (the exercise's unless chosen); a daily or weekly one falls due on its last check-in's day.
      const cadence = input.cadence ?? exercise.cadence;
      const assignedAt = await transactionNow(manager);
      const dueAt = cadenceDueAt(cadence, assignedAt) ?? (input.dueAt === undefined ? undefined : new Date(input.dueAt));
      if (!dueAt) throw badRequest({ dueAt: 'is required for homework done once' });
      if (cadence.kind === 'once') {
        const dueIssue = dueTimeIssue(input.dueAt!, found.openedAt, { pastDueConfirmed: input.pastDueConfirmed });
        if (dueIssue) throw badRequest({ dueAt: dueIssue });
      }
      if (input.bothPartners && found.kind !== 'couple') throw badRequest({ bothPartners: 'is for a couple case; this case is individual' });
      // with both partners: the named client's first, then the partner's, in one transaction
      const clientIds = input.bothPartners
        ? [input.clientId.toLowerCase(), ...(await this.caseAccess.clientIdsOfCase(manager, found.id)).filter((id) => id !== input.clientId.toLowerCase())]
        : [input.clientId];
      const created: string[] = [];
      for (const clientId of clientIds) {
        created.push(await this.insert(manager, actor, found, { exerciseId: exercise.id, clientId, assignedAt, cadence, dueAt, note: input.note }));
      }
      return this.dtoOf(manager, created[0]!);
    }));
  }

  /** One assignment written, audited and announced to its client. */
  private async insert(
    manager: EntityManager, actor: Actor, found: Case,
    given: { exerciseId: string; clientId: string; assignedAt: Date; cadence: ExerciseCadence; dueAt: Date; note: string | null | undefined },
  ): Promise<string> {
    const assignment = await manager.getRepository(Assignment).save(manager.create(Assignment, {
      practiceId: found.practiceId,
      caseId: found.id,
      clientId: given.clientId,
      exerciseId: given.exerciseId,
      assignedBy: actor.userId,
      assignedAt: given.assignedAt,
      cadence: given.cadence,
      dueAt: given.dueAt,
      note: textOrNull(given.note),
      status: 'assigned',
      draft: null,
      draftSavedAt: null,
      response: null,
      submittedAt: null,
      sharedWithPartner: false,
      feedback: null,
      reviewedAt: null,
      reviewedBy: null,
      version: 1,
    }));
    await this.audit.record(manager, { action: 'create', entity: ENTITY, entityId: assignment.id, caseId: assignment.caseId });
    await this.homework.assigned(manager, assignment.id);
    return assignment.id;
  }

  async update(actor: Actor, id: string, input: AssignmentUpdate): Promise<AssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.findVisible(manager, actor, id, true);
      if (assignment.status === 'submitted' || assignment.status === 'reviewed') {
        throw conflict(`This assignment is ${assignment.status}: its due date and note can no longer change`, 'INVALID_STATUS_TRANSITION');
      }
      if (input.version !== undefined && input.version !== assignment.version) {
        throw conflict('Someone changed this assignment meanwhile; reload it and make your change again', 'VERSION_CONFLICT');
      }
      const opened: Array<{ opened_at: Date }> = await manager.query(`SELECT opened_at FROM cases WHERE id = $1`, [assignment.caseId]);
      const dueIssue = input.dueAt === assignment.dueAt.toISOString()
        ? undefined
        : dueTimeIssue(input.dueAt, opened[0]!.opened_at, { pastDueConfirmed: input.pastDueConfirmed });
      if (dueIssue) throw badRequest({ dueAt: dueIssue });
      const dueBefore = assignment.dueAt;
      const redated = new Date(input.dueAt).getTime() !== dueBefore.getTime();
      await keepRecordCorrection(manager, actor, { ...corrected(assignment), kind: redated ? 'redate' : 'edit', reason: input.reason });
      assignment.dueAt = new Date(input.dueAt);
      assignment.note = textOrNull(input.note);
      assignment.version += 1;
      await manager.getRepository(Assignment).save(assignment);
      await this.audit.record(manager, { action: 'update', entity: ENTITY, entityId: id, caseId: assignment.caseId });
      return this.dtoOf(manager, id);
    });
  }

  /** Withdraws homework the client has not sent yet, keeping why with the case; answers the record as it was. */
  async remove(actor: Actor, id: string, input: CorrectionInput): Promise<AssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.findVisible(manager, actor, id, true);
      if (assignment.status === 'submitted' || assignment.status === 'reviewed') {
        throw conflict(`This assignment is ${assignment.status} and belongs to the record: it cannot be deleted`, 'INVALID_STATUS_TRANSITION');
      }
      const dto = await this.dtoOf(manager, id);
      await keepRecordCorrection(manager, actor, { ...corrected(assignment), kind: 'withdraw', reason: input.reason });
      await manager.getRepository(Assignment).delete({ id });
      await this.audit.record(manager, { action: 'delete', entity: ENTITY, entityId: id, caseId: assignment.caseId });
      return dto;
    });
  }

  /** submitted → reviewed with the practitioner's feedback; anything else is a 409. */
  async review(actor: Actor, id: string, input: AssignmentReview): Promise<AssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.findVisible(manager, actor, id);
      const next = nextAssignmentStatus(assignment.status, 'review');
      // Optimistic: only a row that is still submitted moves; a concurrent review or change loses.
      const result = await manager.createQueryBuilder().update(Assignment)
        .set({ status: next, feedback: input.feedback, reviewedAt: () => 'now()', reviewedBy: actor.userId, version: () => 'version + 1' })
        .where('id = :id AND status = :status', { id, status: 'submitted' })
        .execute();
      if (result.affected !== 1) throw conflict('This assignment changed meanwhile and is no longer waiting for review', 'INVALID_STATUS_TRANSITION');
      await this.audit.record(manager, { action: 'review', entity: ENTITY, entityId: id, caseId: assignment.caseId });
      await this.homework.reviewed(manager, id);
      return this.dtoOf(manager, id);
    });
  }

  private visible(manager: EntityManager, actor: Actor) {
    const qb = manager.getRepository(Assignment).createQueryBuilder('a').innerJoin(Case, 'k', 'k.id = a.case_id');
    return scopeToActor(qb, actor, 'a.practice_id', 'k.practitioner_id');
  }

  private async findVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Assignment> {
    const qb = this.visible(manager, actor).andWhere('a.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['a']);
    const assignment = await qb.getOne();
    if (!assignment) throw notFound('Assignment');
    return assignment;
  }

  /** Selects what the staff DTO shows (AssignmentDtoRow) instead of the entity; `fields` for one assignment only. */
  private dtoQuery(qb: SelectQueryBuilder<Assignment>, withFields: boolean): SelectQueryBuilder<Assignment> {
    return qb.innerJoin(Exercise, 'e', 'e.id = a.exercise_id').select(withFields ? ASSIGNMENT_DTO_SELECT_WITH_FIELDS : ASSIGNMENT_DTO_SELECT);
  }

  /** One assignment this request has already reached, as it stands now in the transaction. */
  private async dtoOf(manager: EntityManager, id: string): Promise<AssignmentDto> {
    const qb = manager.getRepository(Assignment).createQueryBuilder('a').where('a.id = :id', { id });
    return toAssignmentDto((await this.dtoQuery(qb, true).getRawOne<AssignmentDtoRow>())!);
  }
}

/** The homework a correction is about, dated by its due time before the change. */
function corrected(assignment: Assignment) {
  return { practiceId: assignment.practiceId, caseId: assignment.caseId, entity: ENTITY, entityId: assignment.id, recordAt: assignment.dueAt } as const;
}
