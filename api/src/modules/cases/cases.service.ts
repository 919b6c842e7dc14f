import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { classifyTransition, DomainError, type AlertKind, type CaseReassignment, type CaseStatus, type CaseStatusChangeDto, type CaseStatusChangeInput, type TransitionInput } from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { clientInCaseOf, scopeToActor } from '../../common/actor-scope.js';
import { badRequest, conflict } from '../../common/api-errors.js';
import { applyListQuery, getRawPageAndCount, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService } from './case-access.service.js';
import { alertsOfCase, CASE_ROW_SELECT, loadCaseFacts, toCaseResponse, type CaseFacts, type CaseRow } from './case-insights.js';
import { Case } from './case.entity.js';
import { CASE_LIST, CASE_OPENED_REASON, toStageTransitionDto, type CaseCreate, type CaseUpdate } from './cases.dto.js';
import { StageTransition } from './stage-transition.entity.js';
import { joined, namesById, type ListExport } from '../exports/list-export.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { CaseDto, RecordCorrectionDto, StageTransitionDto } from '@attune/domain';
import { recordCorrectionsOfCase } from './record-corrections.js';


@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<CaseDto>> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const { qb, query: plain, known } = await this.listed(manager, actor, query, now);
      // The page and its total in one statement, as plain rows (no entities built).
      const [rows, total] = await getRawPageAndCount<CaseRow>(applyListQuery(qb, CASE_LIST, plain).select(CASE_ROW_SELECT), query.range);
      const facts = known ?? await loadCaseFacts(manager, rows.map((k) => k.id));
      await this.audit.recordCaseReads(manager, 'list', 'cases', rows.map((k) => k.id), { entityIsCase: true });
      return new ListPage('cases', rows.map((k) => toCaseResponse(k, facts.get(k.id)!, now)), total, query.range);
    });
  }

  /** The case list as CSV rows: the same scope and filters (alerts included) as the list. */
  exportSource(actor: Actor): ListExport<CaseDto & { practitioner: string }> {
    return {
      resource: 'cases',
      spec: CASE_LIST,
      scoped: async (manager, query) => this.listed(manager, actor, query, new Date()),
      load: async (manager, ids) => {
        const now = new Date();
        const rows = await manager.getRepository(Case).createQueryBuilder('k').select(CASE_ROW_SELECT)
          .where('k.id = ANY(:ids)', { ids }).getRawMany<CaseRow>();
        const facts = await loadCaseFacts(manager, ids);
        const names = await namesById(manager, 'users', rows.map((k) => k.practitionerId));
        return rows.map((k) => ({ ...toCaseResponse(k, facts.get(k.id)!, now), practitioner: names.get(k.practitionerId) ?? '' }));
      },
      id: (k) => k.id,
      caseIds: (k) => [k.id],
      columns: [
        ['id', (k) => k.id], ['title', (k) => k.title], ['kind', (k) => k.kind], ['clients', (k) => joined(k.clients.map((c) => c.displayName))],
        ['practitioner', (k) => k.practitioner], ['stage', (k) => k.stage], ['cycle', (k) => k.cycle], ['day', (k) => k.day],
        ['scheduleStatus', (k) => k.scheduleStatus], ['daysBehind', (k) => k.daysBehind], ['status', (k) => k.status],
        ['openedAt', (k) => k.openedAt], ['closedAt', (k) => k.closedAt], ['presentingConcern', (k) => k.presentingConcern], ['problemName', (k) => k.problemName],
        ['alerts', (k) => joined(k.alerts.map((a) => a.kind))],
      ],
    };
  }

  /**
   * The actor's cases with the list's filters; alerts come from libs' rules, not from SQL: they are
   * evaluated over every open case that passes the other filters (in a constant number of
   * queries), and the matching ids become a filter.
   */
  private async listed(manager: EntityManager, actor: Actor, query: ParsedListQuery, now: Date) {
    const { alert, ...filter } = query.filter;
    const plain: ParsedListQuery = { ...query, filter };
    const scoped = () => scopeToActor(manager.getRepository(Case).createQueryBuilder('k'), actor, 'k.practice_id', 'k.practitioner_id');
    const qb = scoped();
    let known: Map<string, CaseFacts> | undefined;
    if (alert !== undefined) {
      const kinds = new Set((Array.isArray(alert) ? alert : [alert]) as AlertKind[]);
      const candidates = await applyListQuery(scoped(), CASE_LIST, plain)
        .andWhere(`k.status = 'open'`).orderBy().offset(undefined).limit(undefined).getMany();
      known = await loadCaseFacts(manager, candidates.map((k) => k.id));
      const matching = candidates
        .filter((k) => alertsOfCase(k, known!.get(k.id)!, now).some((a) => kinds.has(a.kind)))
        .map((k) => k.id);
      qb.andWhere('k.id = ANY(:alertCaseIds)', { alertCaseIds: matching });
    }
    return { qb, query: plain, known };
  }

  async get(actor: Actor, id: string): Promise<CaseDto> {
    return this.dataSource.transaction(async (manager) => {
      const k = await this.access.visibleCaseRow(manager, actor, id);
      await this.audit.record(manager, { action: 'read', entity: 'cases', entityId: id, caseId: id });
      return this.respond(manager, k);
    });
  }

  /** Opens a case: the case, its one or two clients and its 'start' transition, all or nothing. */
  async create(actor: Actor, input: CaseCreate, idempotent?: IdempotentRequest): Promise<CaseDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const practitionerId = actor.role === 'admin'
        ? await this.activePractitioner(manager, actor, input.practitionerId, 'is required when an admin opens a case')
        : actor.userId;
      const openedAt = input.openedAt ? new Date(input.openedAt) : null;
      const [created]: Array<{ id: string }> = await manager.query(
        `INSERT INTO cases (practice_id, practitioner_id, title, kind, stage, cycle, status, opened_at, presenting_concern,
                            stage_entered_at, cycle_started_at, problem_name)
         VALUES ($1, $2, $3, $4, 1, 1, 'open', COALESCE($5::timestamptz, now()), $6, COALESCE($5::timestamptz, now()), COALESCE($5::timestamptz, now()), $7)
         RETURNING id`,
        [actor.practiceId, practitionerId, input.title, input.kind, openedAt, input.presentingConcern || null, input.problemName || null],
      );
      const caseId = created!.id;

      // Only clients the actor can reach join the case: their practice, and a practitioner's own.
      const joined: Array<{ client_id: string }> = await manager.query(
        `INSERT INTO case_clients (case_id, client_id, practice_id, position)
         SELECT $1, c.id, c.practice_id, array_position($2::uuid[], c.id)
           FROM clients c
          WHERE c.id = ANY($2::uuid[]) AND c.practice_id = $3 AND ($4::uuid IS NULL OR c.practitioner_id = $4 OR ${clientInCaseOf('c.id', '$4')})
         RETURNING client_id`,
        [caseId, input.clientIds, actor.practiceId, actor.role === 'admin' ? null : actor.userId],
      );
      if (joined.length !== input.clientIds.length) {
        const found = new Set(joined.map((r) => r.client_id.toLowerCase()));
        const missing = input.clientIds.findIndex((id) => !found.has(id.toLowerCase()));
        throw badRequest({ clientIds: `client ${missing + 1} is not a client you can reach` });
      }

      await manager.query(
        `INSERT INTO stage_transitions (practice_id, case_id, from_stage, to_stage, from_cycle, to_cycle, kind, reason, actor_id, at)
         SELECT practice_id, id, NULL, 1, NULL, 1, 'start', $2, $3, opened_at FROM cases WHERE id = $1`,
        [caseId, CASE_OPENED_REASON, actor.userId],
      );
      await this.audit.record(manager, { action: 'create', entity: 'cases', entityId: caseId, caseId });
      return this.respond(manager, await this.access.findVisibleCase(manager, actor, caseId));
    }));
  }

  /**
   * Edits title, presenting concern, the problem's name and status (closing stamps closed_at, reopening clears it); an
   * admin may also reassign the case to another practitioner. Kind, clients and stage never change here.
   */
  async update(actor: Actor, id: string, input: CaseUpdate): Promise<CaseDto> {
    return this.dataSource.transaction(async (manager) => {
      const k = await this.access.findVisibleCase(manager, actor, id, { lock: true });
      if (input.version !== undefined && input.version !== k.version) {
        throw conflict('The case was changed by someone else since you opened it; reload it and try again', 'VERSION_CONFLICT');
      }
      // The practitioner changes only through a reassignment, which carries a reason and hands the clients over.
      if (actor.role === 'admin' && input.practitionerId !== undefined && input.practitionerId.toLowerCase() !== k.practitionerId) {
        throw badRequest({ practitionerId: 'changes through POST /api/cases/:id/reassignment, with a reason' });
      }
      const status = input.status ?? k.status;
      await manager.query(
        `UPDATE cases
            SET title = $2,
                presenting_concern = $3,
                status = $4,
                problem_name = $5,
                closed_at = CASE WHEN $4 = 'open' THEN NULL
                                 WHEN status = 'closed' THEN closed_at
                                 ELSE GREATEST(now(), opened_at) END,
                version = version + 1,
                updated_at = now()
          WHERE id = $1`,
        [id, input.title ?? k.title, input.presentingConcern === undefined ? k.presentingConcern : input.presentingConcern || null, status,
         input.problemName === undefined ? k.problemName : input.problemName || null],
      );
      await this.audit.record(manager, { action: 'update', entity: 'cases', entityId: id, caseId: id });
      const updated = await manager.getRepository(Case).findOneByOrFail({ id });
      return this.respond(manager, updated);
    });
  }

  /**
   * An admin hands the case to another active practitioner, with a reason (kept in
   * case_reassignments; the audit event names only the ids). The clients follow the case: a client
   * whose record the old practitioner held, and who has no other case of theirs, is handed over
   * too, so the old practitioner loses access to them; a client still in another case of theirs
   * stays visible to both (see scopeClientsToActor).
   */
  async reassign(actor: Actor, id: string, input: CaseReassignment): Promise<CaseDto> {
    if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an admin reassigns a case');
    return this.dataSource.transaction(async (manager) => {
      const k = await this.access.findVisibleCase(manager, actor, id, { lock: true });
      const to = await this.activePractitioner(manager, actor, input.practitionerId, 'is required');
      if (to === k.practitionerId) throw badRequest({ practitionerId: 'already holds this case' });
      const [moved]: Array<{ id: string }> = await manager.query(
        `INSERT INTO case_reassignments (practice_id, case_id, from_practitioner_id, to_practitioner_id, reason, actor_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [k.practiceId, id, k.practitionerId, to, input.reason, actor.userId],
      );
      await manager.query(`UPDATE cases SET practitioner_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, to]);
      await manager.query(
        `UPDATE clients c SET practitioner_id = $3, version = version + 1, updated_at = now()
           FROM case_clients cc
          WHERE cc.case_id = $1 AND c.id = cc.client_id AND c.practitioner_id = $2
            AND NOT ${clientInCaseOf('c.id', '$2')}`,
        [id, k.practitionerId, to],
      );
      await this.audit.record(manager, { action: 'reassign', entity: 'cases', entityId: moved!.id, caseId: id });
      return this.respond(manager, await manager.getRepository(Case).findOneByOrFail({ id }));
    });
  }

  /** Moves the case to a stage (forward, back, or a new cycle from stage 6) and records why. */
  async transition(actor: Actor, caseId: string, input: TransitionInput): Promise<StageTransitionDto> {
    return this.dataSource.transaction(async (manager) => {
      const k = await this.access.findVisibleCase(manager, actor, caseId, { lock: true });
      if (k.status !== 'open') throw conflict('A closed case does not change stage; reopen it first');
      const kind = classifyTransition(k.stage, input.toStage, input.newCycle ?? false);
      const toCycle = kind === 'new_cycle' ? k.cycle + 1 : k.cycle;
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO stage_transitions (practice_id, case_id, from_stage, to_stage, from_cycle, to_cycle, kind, reason, actor_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
         RETURNING id`,
        [k.practiceId, caseId, k.stage, input.toStage, k.cycle, toCycle, kind, input.reason, actor.userId],
      );
      await manager.query(
        `UPDATE cases
            SET stage = $2, cycle = $3, stage_entered_at = now(),
                cycle_started_at = CASE WHEN $4 THEN now() ELSE cycle_started_at END,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [caseId, input.toStage, toCycle, kind === 'new_cycle'],
      );
      await this.audit.record(manager, { action: 'transition', entity: 'cases', entityId: caseId, caseId });
      return toStageTransitionDto(await manager.getRepository(StageTransition).findOneByOrFail({ id: row!.id }));
    });
  }

  /**
   * Closes (`toStatus` closed) or reopens a case with the practitioner's reason, kept in
   * case_status_changes (the audit event names only the action). Closing a closed case or reopening
   * an open one: 409, nothing written.
   */
  async changeStatus(actor: Actor, caseId: string, toStatus: CaseStatus, input: CaseStatusChangeInput): Promise<CaseDto> {
    return this.dataSource.transaction(async (manager) => {
      const k = await this.access.findVisibleCase(manager, actor, caseId, { lock: true });
      if (k.status === toStatus) {
        throw conflict(toStatus === 'closed' ? 'This case is already closed' : 'This case is already open', 'INVALID_STATUS_TRANSITION');
      }
      await manager.query(
        `UPDATE cases
            SET status = $2,
                closed_at = CASE WHEN $2 = 'open' THEN NULL ELSE GREATEST(now(), opened_at) END,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [caseId, toStatus],
      );
      await manager.query(
        `INSERT INTO case_status_changes (practice_id, case_id, to_status, reason, actor_id) VALUES ($1, $2, $3, $4, $5)`,
        [k.practiceId, caseId, toStatus, input.reason, actor.userId],
      );
      await this.audit.record(manager, { action: toStatus === 'closed' ? 'close' : 'reopen', entity: 'cases', entityId: caseId, caseId });
      return this.respond(manager, await manager.getRepository(Case).findOneByOrFail({ id: caseId }));
    });
  }

  /** Every close and reopen of the case with its reason, oldest first; the read is audited. */
  async statusChanges(actor: Actor, caseId: string): Promise<CaseStatusChangeDto[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.findVisibleCase(manager, actor, caseId);
      const rows: Array<{ id: string; to_status: CaseStatus; reason: string; actor_id: string | null; at: Date }> = await manager.query(
        `SELECT id, to_status, reason, actor_id, at FROM case_status_changes WHERE case_id = $1 ORDER BY at, id`, [caseId]);
      await this.audit.record(manager, { action: 'read', entity: 'case-status-changes', entityId: caseId, caseId });
      return rows.map((r) => ({ id: r.id, caseId, toStatus: r.to_status, reason: r.reason, actorId: r.actor_id, at: r.at.toISOString() }));
    });
  }

  /**
   * Every correction of the case's ratings, exceptions and homework with its reason, oldest first:
   * for the staff who may see the case (a client never reaches this); the read is audited.
   */
  async corrections(actor: Actor, caseId: string): Promise<RecordCorrectionDto[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.findVisibleCase(manager, actor, caseId);
      const corrections = await recordCorrectionsOfCase(manager, caseId);
      await this.audit.record(manager, { action: 'list', entity: 'record-corrections', caseId });
      return corrections;
    });
  }

  /** Every recorded move of the case, oldest first, starting with its opening. */
  async transitions(actor: Actor, caseId: string): Promise<StageTransitionDto[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.findVisibleCase(manager, actor, caseId);
      const rows = await manager.getRepository(StageTransition).createQueryBuilder('t')
        .where('t.case_id = :caseId', { caseId })
        .orderBy('t.at', 'ASC').addOrderBy('t.to_cycle', 'ASC')
        .getMany();
      await this.audit.record(manager, { action: 'list', entity: 'stage-transitions', caseId });
      return rows.map(toStageTransitionDto);
    });
  }

  private async respond(manager: EntityManager, k: CaseRow): Promise<CaseDto> {
    const facts = await loadCaseFacts(manager, [k.id]);
    return toCaseResponse(k, facts.get(k.id)!, new Date());
  }

  /** An admin names an active practitioner of the practice; anything else is a 400 on the field. */
  private async activePractitioner(manager: EntityManager, actor: Actor, requested: string | undefined, missing: string): Promise<string> {
    if (!requested) throw badRequest({ practitionerId: missing });
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM users WHERE id = $1 AND practice_id = $2 AND role = 'practitioner' AND active`,
      [requested, actor.practiceId],
    );
    if (rows.length === 0) throw badRequest({ practitionerId: 'is not an active practitioner of this practice' });
    return requested.toLowerCase();
  }
}
