import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  buildPlaybook, builtInMeasure, COMMUNICATION_PROFILE, couplePattern, type MyMeasureDraft, type MyMeasureDto, type MyMeasureSubmit,
} from '@attune/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { conflict, notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { IdempotencyService, type StoredAnswer } from '../idempotency/idempotency.service.js';
import { myClientIds } from '../me/my-scope.js';
import { MeasureNotifications } from './measure-notifications.js';
import { materializeOccurrences } from './measure-occurrences.js';
import { MeasureResponder } from './measure-responder.service.js';
import { MeasureResponse } from './measure-response.entity.js';
import { MeasureSchedule } from './measure-schedule.entity.js';
import { assertAnswers, responseStatus } from './measure-scoring.js';

const ENTITY = 'my-measures';

/**
 * The portal's measures: only the caller's own occurrences (a partner's answers never, nor their
 * profile unless that partner shared it). Answered one question at a time, with a draft to resume.
 */
@Injectable()
export class MyMeasuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly responder: MeasureResponder,
    private readonly notifications: MeasureNotifications,
  ) {}

  async list(actor: Actor): Promise<MyMeasureDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const clientIds = await myClientIds(manager, actor);
      if (clientIds.length === 0) return [];
      const schedules = await manager.getRepository(MeasureSchedule).findBy({ clientId: In(clientIds), active: true, practiceId: actor.practiceId });
      for (const opened of await materializeOccurrences(manager, schedules)) await this.notifications.measureOpened(manager, opened);
      const rows = await manager.getRepository(MeasureResponse).find({
        where: { clientId: In(clientIds), practiceId: actor.practiceId },
        order: { opensAt: 'DESC', id: 'ASC' },
        take: 200,
      });
      const open = rows.filter((r) => r.opensAt.getTime() <= Date.now());
      await this.audit.recordCaseReads(manager, 'list', ENTITY, open.map((r) => r.caseId));
      return Promise.all(open.map((r) => this.toDto(manager, r)));
    });
  }

  async get(actor: Actor, id: string): Promise<MyMeasureDto> {
    return this.dataSource.transaction(async (manager) => {
      const r = await this.findMine(manager, actor, id);
      await this.audit.record(manager, { action: 'read', entity: ENTITY, entityId: id, caseId: r.caseId });
      return this.toDto(manager, r);
    });
  }

  /** Keeps partial answers so the client can stop and come back; checked item by item. */
  async saveDraft(actor: Actor, id: string, input: MyMeasureDraft): Promise<MyMeasureDto> {
    return this.dataSource.transaction(async (manager) => {
      const r = await this.findOpen(manager, actor, id);
      const def = builtInMeasure(r.measureKey)!;
      assertAnswers(def, input.answers);
      r.draft = { answers: input.answers, ...(input.safety ? { safety: input.safety } : {}) };
      await manager.getRepository(MeasureResponse).save(r);
      await this.audit.record(manager, { action: 'save_draft', entity: ENTITY, entityId: id, caseId: r.caseId });
      return this.toDto(manager, r);
    });
  }

  /** Sends the answers; the server scores them. A retry with the same Idempotency-Key answers the first result. */
  async submit(actor: Actor, id: string, input: MyMeasureSubmit, idempotencyKey: string | undefined): Promise<StoredAnswer<MyMeasureDto>> {
    return this.dataSource.transaction(async (manager) => this.idempotency.once(
      manager,
      idempotencyKey ? { userId: actor.userId, key: idempotencyKey, route: `POST /api/me/measures/${id}/submit`, body: input } : undefined,
      async () => {
        const r = await this.findOpen(manager, actor, id);
        const def = builtInMeasure(r.measureKey)!;
        const saved = await this.responder.complete(manager, r, def, {
          answers: input.answers,
          ...(def.key === COMMUNICATION_PROFILE.key ? { safety: input.safety ?? {} } : {}),
          source: 'client',
          enteredBy: actor.userId,
          sharedWithPartner: input.sharedWithPartner ?? false,
        });
        await this.audit.record(manager, { action: 'submit', entity: ENTITY, entityId: id, caseId: r.caseId });
        return { statusCode: 200, body: await this.toDto(manager, saved) };
      },
    ));
  }

  private async toDto(manager: EntityManager, r: MeasureResponse): Promise<MyMeasureDto> {
    const def = builtInMeasure(r.measureKey)!;
    const completed = r.status === 'completed';
    let playbook: MyMeasureDto['playbook'] = null;
    if (completed && r.profile) playbook = buildPlaybook([r.profile], { safetyConcern: r.safetyConcern });
    const shared = completed && r.profile ? await this.sharedPartnerProfile(manager, r) : null;
    return {
      id: r.id,
      measureKey: r.measureKey,
      title: def.title,
      status: responseStatus(r),
      opensAt: r.opensAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      draft: r.draft,
      definition: { key: def.key, title: def.title, instructions: def.instructions, items: def.items, audience: def.audience, licence: def.licence },
      result: completed ? { score: r.score, band: toBand(r), profile: r.profile, safetyConcern: r.safetyConcern } : null,
      playbook,
      partnerProfile: shared?.profile ?? null,
      // The pattern between them, as their shared problem; none when either raised a safety concern.
      partnerPattern: shared?.profile && r.profile && !r.safetyConcern && !shared.safety_concern ? couplePattern(r.profile, shared.profile) : null,
    };
  }

  /** The other partner's latest profile in the same case, only when they chose to share it. */
  private async sharedPartnerProfile(manager: EntityManager, r: MeasureResponse) {
    const rows: Array<{ profile: MeasureResponse['profile']; safety_concern: boolean }> = await manager.query(
      `SELECT profile, safety_concern FROM measure_responses
        WHERE case_id = $1 AND client_id <> $2 AND measure_key = $3 AND status = 'completed' AND shared_with_partner
        ORDER BY completed_at DESC LIMIT 1`,
      [r.caseId, r.clientId, r.measureKey],
    );
    return rows[0] ?? null;
  }

  private async findMine(manager: EntityManager, actor: Actor, id: string): Promise<MeasureResponse> {
    const clientIds = await myClientIds(manager, actor);
    const r = clientIds.length === 0 ? null : await manager.getRepository(MeasureResponse).findOne({
      where: { id, clientId: In(clientIds), practiceId: actor.practiceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!r || r.opensAt.getTime() > Date.now()) throw notFound('Measure');
    return r;
  }

  private async findOpen(manager: EntityManager, actor: Actor, id: string): Promise<MeasureResponse> {
    const r = await this.findMine(manager, actor, id);
    const status = responseStatus(r);
    if (status === 'completed') throw conflict('You have already sent your answers to this questionnaire.', 'CONFLICT');
    if (status === 'expired') throw conflict('This questionnaire has closed. Your practitioner can give it again.', 'CONFLICT');
    const open: Array<{ open: boolean }> = await manager.query(`SELECT status = 'open' AS open FROM cases WHERE id = $1`, [r.caseId]);
    if (!open[0]?.open) throw conflict('This case is closed, so nothing more can be sent in it.', 'CASE_CLOSED');
    return r;
  }
}

function toBand(r: MeasureResponse) {
  const band = builtInMeasure(r.measureKey)?.bands.find((b) => b.key === r.band);
  return band ? { key: band.key, label: band.label, concern: band.concern } : null;
}
