import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { INTAKE_STATUSES, type IntakeAccept, type IntakeRequestDto } from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { applyListQuery, ListPage, type ListSpec, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CASE_OPENED_REASON } from '../cases/cases.dto.js';
import { IntakeRequest } from '../measures/intake-request.entity.js';

const ENTITY = 'intake-requests';

export const INTAKE_REQUEST_LIST: ListSpec = {
  resource: ENTITY,
  idColumn: 'i.id',
  defaultSort: ['createdAt', 'DESC'],
  sortable: { id: 'i.id', createdAt: 'i.created_at', status: 'i.status', name: 'i.name' },
  filterable: { status: { column: 'i.status', kind: 'enum', values: INTAKE_STATUSES } },
  search: ['i.name'],
};

/** Admins read intake requests from the public test and accept each into a client and case, or decline it. */
@Injectable()
export class IntakeRequestsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<IntakeRequestDto>> {
    return this.dataSource.transaction(async (manager) => {
      const qb = manager.getRepository(IntakeRequest).createQueryBuilder('i').where('i.practice_id = :p', { p: actor.practiceId });
      const [rows, total] = await applyListQuery(qb, INTAKE_REQUEST_LIST, query).getManyAndCount();
      await this.audit.record(manager, { action: 'list', entity: ENTITY, entityId: null, caseId: null });
      return new ListPage(ENTITY, rows.map(toIntakeRequestDto), total, query.range);
    });
  }

  async get(actor: Actor, id: string): Promise<IntakeRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.find(manager, actor, id);
      await this.audit.record(manager, { action: 'read', entity: ENTITY, entityId: id, caseId: found.caseId });
      return toIntakeRequestDto(found);
    });
  }

  /** Opens a client and an individual case with the chosen practitioner; the request keeps the links. */
  async accept(actor: Actor, id: string, input: IntakeAccept): Promise<IntakeRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.find(manager, actor, id, true);
      if (found.status !== 'new') throw conflict('This request has already been decided.');
      const practitioner: unknown[] = await manager.query(
        `SELECT 1 FROM users WHERE id = $1 AND practice_id = $2 AND role = 'practitioner' AND active`, [input.practitionerId, actor.practiceId]);
      if (practitioner.length === 0) throw badRequest({ practitionerId: 'is not an active practitioner of this practice' });
      const [client]: Array<{ id: string }> = await manager.query(
        `INSERT INTO clients (practice_id, practitioner_id, display_name, email, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [actor.practiceId, input.practitionerId, input.displayName ?? found.name, found.email, found.phone]);
      const [k]: Array<{ id: string }> = await manager.query(
        `INSERT INTO cases (practice_id, practitioner_id, title, kind, presenting_concern) VALUES ($1, $2, $3, 'individual', $4) RETURNING id`,
        [actor.practiceId, input.practitionerId, input.caseTitle ?? `${input.displayName ?? found.name}: relationship test`, found.message]);
      await manager.query(`INSERT INTO case_clients (case_id, client_id, practice_id, position) VALUES ($1, $2, $3, 1)`, [k!.id, client!.id, actor.practiceId]);
      await manager.query(
        `INSERT INTO stage_transitions (practice_id, case_id, from_stage, to_stage, from_cycle, to_cycle, kind, reason, actor_id, at)
         SELECT practice_id, id, NULL, 1, NULL, 1, 'start', $2, $3, opened_at FROM cases WHERE id = $1`, [k!.id, CASE_OPENED_REASON, actor.userId]);
      await manager.query(
        `UPDATE intake_requests SET status = 'accepted', decided_at = now(), decided_by = $2, client_id = $3, case_id = $4 WHERE id = $1`,
        [id, actor.userId, client!.id, k!.id]);
      await this.audit.record(manager, { action: 'create', entity: 'clients', entityId: client!.id, caseId: null });
      await this.audit.record(manager, { action: 'create', entity: 'cases', entityId: k!.id, caseId: k!.id });
      await this.audit.record(manager, { action: 'accept', entity: ENTITY, entityId: id, caseId: k!.id });
      return toIntakeRequestDto(await this.find(manager, actor, id));
    });
  }

  async decline(actor: Actor, id: string): Promise<IntakeRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.find(manager, actor, id, true);
      if (found.status !== 'new') throw conflict('This request has already been decided.');
      await manager.query(`UPDATE intake_requests SET status = 'declined', decided_at = now(), decided_by = $2 WHERE id = $1`, [id, actor.userId]);
      await this.audit.record(manager, { action: 'decline', entity: ENTITY, entityId: id, caseId: null });
      return toIntakeRequestDto(await this.find(manager, actor, id));
    });
  }

  private async find(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<IntakeRequest> {
    const found = await manager.getRepository(IntakeRequest).findOne({ where: { id, practiceId: actor.practiceId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!found) throw notFound('Intake request');
    return found;
  }
}

export function toIntakeRequestDto(i: IntakeRequest): IntakeRequestDto {
  return {
    id: i.id, status: i.status, name: i.name, email: i.email, phone: i.phone, message: i.message, locale: i.locale,
    profile: i.profile, safetyConcern: i.safetyConcern, playbook: i.playbook,
    createdAt: i.createdAt.toISOString(), decidedAt: i.decidedAt?.toISOString() ?? null, clientId: i.clientId, caseId: i.caseId,
  };
}
