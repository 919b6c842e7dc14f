import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { nextAssignmentStatus } from '@attune/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { scopeToActor } from '../../common/actor-scope.js';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { singleCaseIdOf, widenDateOnlyBounds } from '../../common/list-date-range.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import { textOrNull } from '../../common/optional-text.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Case } from '../cases/case.entity.js';
import { Exercise } from '../exercises/exercise.entity.js';
import { Assignment } from './assignment.entity.js';
import {
  ASSIGNMENT_LIST,
  toAssignmentDto,
  type AssignmentCreate,
  type AssignmentReview,
  type AssignmentUpdate,
  type StaffAssignmentDto,
} from './assignments.dto.js';

const ENTITY = 'assignments';

@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly caseAccess: CaseAccessService,
  ) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<StaffAssignmentDto>> {
    return this.dataSource.transaction(async (manager) => {
      const qb = applyListQuery(this.visible(manager, actor), ASSIGNMENT_LIST, widenDateOnlyBounds(ASSIGNMENT_LIST, query));
      const [rows, total] = await qb.getManyAndCount();
      const dtos = await this.toDtos(manager, rows, false);
      await this.audit.record(manager, { action: 'list', entity: ENTITY, caseId: singleCaseIdOf(query) });
      return new ListPage(ENTITY, dtos, total, query.range);
    });
  }

  async get(actor: Actor, id: string): Promise<StaffAssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.findVisible(manager, actor, id);
      await this.audit.record(manager, { action: 'read', entity: ENTITY, entityId: id, caseId: assignment.caseId });
      return (await this.toDtos(manager, [assignment], true))[0]!;
    });
  }

  async create(actor: Actor, input: AssignmentCreate): Promise<StaffAssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
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
      const assignment = await manager.getRepository(Assignment).save(manager.create(Assignment, {
        practiceId: found.practiceId,
        caseId: found.id,
        clientId: input.clientId,
        exerciseId: exercise.id,
        assignedBy: actor.userId,
        assignedAt: await databaseNow(manager),
        dueAt: new Date(input.dueAt),
        note: textOrNull(input.note),
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
      return (await this.toDtos(manager, [assignment], true))[0]!;
    });
  }

  async update(actor: Actor, id: string, input: AssignmentUpdate): Promise<StaffAssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.findVisible(manager, actor, id, true);
      if (assignment.status === 'submitted' || assignment.status === 'reviewed') {
        throw conflict(`This assignment is ${assignment.status}: its due date and note can no longer change`, 'INVALID_STATUS_TRANSITION');
      }
      if (input.version !== undefined && input.version !== assignment.version) {
        throw conflict('Someone changed this assignment meanwhile; reload it and make your change again', 'VERSION_CONFLICT');
      }
      assignment.dueAt = new Date(input.dueAt);
      assignment.note = textOrNull(input.note);
      assignment.version += 1;
      const saved = await manager.getRepository(Assignment).save(assignment);
      await this.audit.record(manager, { action: 'update', entity: ENTITY, entityId: id, caseId: assignment.caseId });
      return (await this.toDtos(manager, [saved], true))[0]!;
    });
  }

  /** Withdraws homework the client has not sent yet; answers the record as it was. */
  async remove(actor: Actor, id: string): Promise<StaffAssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.findVisible(manager, actor, id, true);
      if (assignment.status === 'submitted' || assignment.status === 'reviewed') {
        throw conflict(`This assignment is ${assignment.status} and belongs to the record: it cannot be deleted`, 'INVALID_STATUS_TRANSITION');
      }
      const dto = (await this.toDtos(manager, [assignment], true))[0]!;
      await manager.getRepository(Assignment).delete({ id });
      await this.audit.record(manager, { action: 'delete', entity: ENTITY, entityId: id, caseId: assignment.caseId });
      return dto;
    });
  }

  /** submitted → reviewed with the practitioner's feedback; anything else is a 409. */
  async review(actor: Actor, id: string, input: AssignmentReview): Promise<StaffAssignmentDto> {
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
      const reviewed = await manager.getRepository(Assignment).findOneByOrFail({ id });
      return (await this.toDtos(manager, [reviewed], true))[0]!;
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

  /** Maps rows with their exercises and check-ins, fetched in one query each. */
  private async toDtos(manager: EntityManager, rows: Assignment[], withFields: boolean): Promise<StaffAssignmentDto[]> {
    if (rows.length === 0) return [];
    const now = await databaseNow(manager);
    const exerciseIds = [...new Set(rows.map((a) => a.exerciseId))];
    const exercises = new Map((await manager.getRepository(Exercise).findBy({ id: In(exerciseIds) })).map((e) => [e.id, e]));
    const repeating = rows.filter((a) => exercises.get(a.exerciseId)?.cadence.kind !== 'once').map((a) => a.id);
    const checkIns = new Map<string, string[]>();
    if (repeating.length > 0) {
      const found: Array<{ assignment_id: string; period_start: string }> = await manager.query(
        `SELECT assignment_id, period_start::text AS period_start FROM assignment_check_ins WHERE assignment_id = ANY($1::uuid[])`,
        [repeating],
      );
      for (const row of found) checkIns.set(row.assignment_id, [...(checkIns.get(row.assignment_id) ?? []), row.period_start]);
    }
    return rows.map((a) => toAssignmentDto(a, {
      now,
      exercise: exercises.get(a.exerciseId)!,
      activity: [...(checkIns.get(a.id) ?? []), ...(a.draftSavedAt ? [a.draftSavedAt] : []), ...(a.submittedAt ? [a.submittedAt] : [])],
      withFields,
    }));
  }
}

/** The transaction's now(): the instant every derived value of one answer is computed at. */
async function databaseNow(manager: EntityManager): Promise<Date> {
  const rows: Array<{ now: Date }> = await manager.query(`SELECT now() AS now`);
  return new Date(rows[0]!.now);
}
