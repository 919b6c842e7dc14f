import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  buildPlaybook, builtInMeasure, COMMUNICATION_PROFILE, coupleProfile, DEFAULT_MEASURE_EXPIRY_DAYS, scoreRange,
  type CaseMeasuresDto, type CaseMeasureSeriesDto, type MeasureResponseDto, type MeasureResponseInput,
  type MeasureScheduleDto, type MeasureScheduleInput,
} from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeToActor } from '../../common/actor-scope.js';
import { badRequest, notFound } from '../../common/api-errors.js';
import { assertRecordedTime } from '../../common/recorded-time.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Case } from '../cases/case.entity.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import { MeasureNotifications } from './measure-notifications.js';
import { materializeOccurrences } from './measure-occurrences.js';
import { MeasureResponder } from './measure-responder.service.js';
import { MeasureResponse } from './measure-response.entity.js';
import { MeasureSchedule } from './measure-schedule.entity.js';
import { measureOr400, toMeasureResponseDto } from './measure-scoring.js';
import { MEASURE_RESPONSE_LIST, MEASURE_SCHEDULE_LIST, toMeasureScheduleDto, type MeasureScheduleUpdate } from './measures.dto.js';

const SCHEDULES = 'measure-schedules';
const RESPONSES = 'measure-responses';

/** Staff's side of measures: giving them, entering answers given in session, and each case's series. */
@Injectable()
export class MeasuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly caseAccess: CaseAccessService,
    private readonly idempotency: IdempotencyService,
    private readonly responder: MeasureResponder,
    private readonly notifications: MeasureNotifications,
  ) {}

  async listSchedules(actor: Actor, query: ParsedListQuery): Promise<ListPage<MeasureScheduleDto>> {
    return this.dataSource.transaction(async (manager) => {
      const qb = scopeToActor(manager.getRepository(MeasureSchedule).createQueryBuilder('s').innerJoin(Case, 'k', 'k.id = s.case_id'), actor, 's.practice_id', 'k.practitioner_id');
      const [rows, total] = await applyListQuery(qb, MEASURE_SCHEDULE_LIST, query).getManyAndCount();
      return new ListPage(SCHEDULES, rows.map(toMeasureScheduleDto), total, query.range);
    });
  }

  async getSchedule(actor: Actor, id: string): Promise<MeasureScheduleDto> {
    return this.dataSource.transaction(async (manager) => toMeasureScheduleDto(await this.findSchedule(manager, actor, id)));
  }

  /**
   * Gives a measure to a client of a case; the occurrence due now opens at once (and the client is told).
   * With `bothPartners` in a couple case: the named client's schedule, then the partner's, in one transaction.
   */
  async createSchedule(actor: Actor, input: MeasureScheduleInput, idempotent?: IdempotentRequest): Promise<MeasureScheduleDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const found = await this.caseAccess.caseForWrite(manager, actor, input.caseId);
      assertCaseOpen(found);
      await this.caseAccess.assertClientInCase(manager, found.id, input.clientId);
      const def = measureOr400(input.measureKey);
      if (def.audience === 'couple_partner' && found.kind !== 'couple') {
        throw badRequestField('measureKey', 'is for the partners of a couple case');
      }
      if (input.bothPartners && found.kind !== 'couple') throw badRequestField('bothPartners', 'is for a couple case; this case is individual');
      const named = input.clientId.toLowerCase();
      const clientIds = input.bothPartners
        ? [named, ...(await this.caseAccess.clientIdsOfCase(manager, found.id)).filter((id) => id !== named)]
        : [named];
      const schedules: MeasureSchedule[] = [];
      for (const clientId of clientIds) {
        schedules.push(await manager.getRepository(MeasureSchedule).save(manager.create(MeasureSchedule, {
          practiceId: found.practiceId,
          caseId: found.id,
          clientId,
          measureKey: def.key,
          cadence: input.cadence,
          intervalWeeks: input.cadence === 'every_n_weeks' ? input.intervalWeeks ?? null : null,
          expiresAfterDays: input.expiresAfterDays ?? DEFAULT_MEASURE_EXPIRY_DAYS,
          startsAt: input.startsAt ? new Date(input.startsAt) : new Date(),
          active: true,
          createdBy: actor.userId,
        })));
      }
      for (const opened of await materializeOccurrences(manager, schedules)) await this.notifications.measureOpened(manager, opened);
      for (const schedule of schedules) await this.audit.record(manager, { action: 'create', entity: SCHEDULES, entityId: schedule.id, caseId: schedule.caseId });
      return toMeasureScheduleDto(schedules[0]!);
    }));
  }

  async updateSchedule(actor: Actor, id: string, input: MeasureScheduleUpdate): Promise<MeasureScheduleDto> {
    return this.dataSource.transaction(async (manager) => {
      const schedule = await this.findSchedule(manager, actor, id);
      schedule.active = input.active;
      if (input.expiresAfterDays) schedule.expiresAfterDays = input.expiresAfterDays;
      await manager.getRepository(MeasureSchedule).save(schedule);
      await this.audit.record(manager, { action: 'update', entity: SCHEDULES, entityId: id, caseId: schedule.caseId });
      return toMeasureScheduleDto(schedule);
    });
  }

  async listResponses(actor: Actor, query: ParsedListQuery): Promise<ListPage<MeasureResponseDto>> {
    return this.dataSource.transaction(async (manager) => {
      const [rows, total] = await applyListQuery(this.visibleResponses(manager, actor), MEASURE_RESPONSE_LIST, query).getManyAndCount();
      await this.audit.recordCaseReads(manager, 'list', RESPONSES, rows.map((r) => r.caseId));
      return new ListPage(RESPONSES, rows.map((r) => toMeasureResponseDto(r)), total, query.range);
    });
  }

  async getResponse(actor: Actor, id: string): Promise<MeasureResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const r = await this.visibleResponses(manager, actor).andWhere('r.id = :id', { id }).getOne();
      if (!r) throw notFound('Measure response');
      await this.audit.record(manager, { action: 'read', entity: RESPONSES, entityId: id, caseId: r.caseId });
      return toMeasureResponseDto(r);
    });
  }

  /** Answers a client gave in session, entered by the practitioner; scored like the client's own. */
  async enterResponse(actor: Actor, input: MeasureResponseInput, idempotent?: IdempotentRequest): Promise<MeasureResponseDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const found = await this.caseAccess.caseForWrite(manager, actor, input.caseId);
      assertCaseOpen(found);
      await this.caseAccess.assertClientInCase(manager, found.id, input.clientId);
      const def = measureOr400(input.measureKey);
      assertRecordedTime(input.answeredAt, 'answeredAt', found.openedAt);
      const answeredAt = input.answeredAt ? new Date(input.answeredAt) : new Date();
      const draft = manager.create(MeasureResponse, {
        practiceId: found.practiceId, caseId: found.id, clientId: input.clientId, scheduleId: null, occurrence: null,
        measureKey: def.key, measureVersion: def.version, opensAt: answeredAt, expiresAt: answeredAt, status: 'pending',
        safetyFlags: [], subscales: {}, safetyConcern: false, sharedWithPartner: false,
      });
      const saved = await this.responder.complete(manager, draft, def, {
        answers: input.answers, source: 'practitioner', enteredBy: actor.userId, answeredAt,
        ...(def.key === COMMUNICATION_PROFILE.key ? { safety: input.safety ?? {} } : {}),
      });
      await this.audit.record(manager, { action: 'create', entity: RESPONSES, entityId: saved.id, caseId: saved.caseId });
      return toMeasureResponseDto(saved);
    }));
  }

  /**
   * Every measure's series in a case, per client, oldest first, with what the chart draws (bands,
   * cut-off, reliable change) and the held sessions; the couple view when both partners have a profile.
   */
  async caseMeasures(actor: Actor, caseId: string): Promise<CaseMeasuresDto> {
    return this.dataSource.transaction(async (manager) => {
      const k = await this.caseAccess.findVisibleCase(manager, actor, caseId);
      const schedules = await manager.getRepository(MeasureSchedule).findBy({ caseId: k.id, active: true });
      for (const opened of await materializeOccurrences(manager, schedules)) await this.notifications.measureOpened(manager, opened);
      const clients: Array<{ id: string; display_name: string }> = await manager.query(
        `SELECT cl.id, cl.display_name FROM case_clients cc JOIN clients cl ON cl.id = cc.client_id WHERE cc.case_id = $1 ORDER BY cc.position`, [k.id]);
      const responses = await manager.getRepository(MeasureResponse).find({ where: { caseId: k.id }, order: { opensAt: 'ASC', id: 'ASC' } });
      const sessions: Array<{ id: string; starts_at: Date }> = await manager.query(
        `SELECT id, starts_at FROM therapy_sessions WHERE case_id = $1 AND status = 'held' ORDER BY starts_at`, [k.id]);
      const keys = [...new Set(responses.map((r) => r.measureKey))];
      const series: CaseMeasureSeriesDto[] = keys.flatMap((key) => {
        const def = builtInMeasure(key);
        if (!def) return [];
        return [{
          measureKey: key,
          title: def.title,
          shortTitle: def.shortTitle,
          direction: def.direction,
          bands: def.bands,
          clinicalCutoff: def.clinicalCutoff ?? null,
          reliableChangePoints: def.reliableChange?.points ?? null,
          range: scoreRange(def),
          itemKeys: def.items.map((i) => i.key),
          clients: clients.map((c) => ({
            clientId: c.id,
            displayName: c.display_name,
            points: responses
              .filter((r) => r.measureKey === key && r.clientId === c.id)
              .sort((a, b) => (a.completedAt ?? a.opensAt).getTime() - (b.completedAt ?? b.opensAt).getTime())
              .map((r) => toMeasureResponseDto(r)),
          })),
        }];
      });
      await this.audit.record(manager, { action: 'read', entity: 'case-measures', entityId: k.id, caseId: k.id });
      return {
        series,
        sessions: sessions.map((s) => ({ id: s.id, startsAt: s.starts_at.toISOString() })),
        couple: this.coupleView(clients, responses),
      };
    });
  }

  private coupleView(clients: Array<{ id: string; display_name: string }>, responses: MeasureResponse[]): CaseMeasuresDto['couple'] {
    if (clients.length !== 2) return null;
    const latest = clients.map((c) => responses
      .filter((r) => r.measureKey === COMMUNICATION_PROFILE.key && r.clientId === c.id && r.status === 'completed' && r.profile)
      .sort((a, b) => b.completedAt!.getTime() - a.completedAt!.getTime())[0]);
    if (!latest[0] && !latest[1]) return null;
    const waitingFor = clients.filter((_, i) => !latest[i]).map((c) => ({ clientId: c.id, displayName: c.display_name }));
    if (waitingFor.length > 0) {
      // One partner has answered: their profile and playbook; no pattern between them until both have.
      const i = latest[0] ? 0 : 1;
      const r = latest[i]!;
      return {
        partners: [{ clientId: clients[i]!.id, displayName: clients[i]!.display_name, responseId: r.id, profile: r.profile!, completedAt: r.completedAt!.toISOString() }],
        waitingFor,
        pattern: null,
        safetyConcern: r.safetyConcern,
        playbook: buildPlaybook([r.profile!], { safetyConcern: r.safetyConcern }),
      };
    }
    const [a, b] = latest as [MeasureResponse, MeasureResponse];
    const view = coupleProfile(a.profile!, b.profile!, a.safetyConcern || b.safetyConcern);
    return {
      partners: [a, b].map((r, i) => ({ clientId: clients[i]!.id, displayName: clients[i]!.display_name, responseId: r.id, profile: r.profile!, completedAt: r.completedAt!.toISOString() })),
      waitingFor: [],
      pattern: view.safetyConcern ? null : view.pattern,
      safetyConcern: view.safetyConcern,
      playbook: view.playbook,
    };
  }

  private visibleResponses(manager: EntityManager, actor: Actor) {
    const qb = manager.getRepository(MeasureResponse).createQueryBuilder('r').innerJoin(Case, 'k', 'k.id = r.case_id');
    return scopeToActor(qb, actor, 'r.practice_id', 'k.practitioner_id');
  }

  private async findSchedule(manager: EntityManager, actor: Actor, id: string): Promise<MeasureSchedule> {
    const qb = scopeToActor(manager.getRepository(MeasureSchedule).createQueryBuilder('s').innerJoin(Case, 'k', 'k.id = s.case_id'), actor, 's.practice_id', 'k.practitioner_id');
    const s = await qb.andWhere('s.id = :id', { id }).getOne();
    if (!s) throw notFound('Measure schedule');
    return s;
  }
}

function badRequestField(field: string, reason: string): Error {
  return badRequest({ [field]: reason });
}

/** Measures are given and entered in open cases only, as homework is: a closed case's record stays as it was. */
function assertCaseOpen(found: { status: string }): void {
  if (found.status !== 'open') throw badRequestField('caseId', 'is closed: measures go to an open case');
}
