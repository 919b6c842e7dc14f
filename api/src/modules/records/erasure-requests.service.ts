import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ERASURE_RETENTION_RULE, type ErasureDecisionInput, type ErasureRequestDto, type ErasureRequestInput, type MyErasureRequestsDto } from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import { myClientIds } from '../me/my-scope.js';

const SELECT = `SELECT r.id, r.client_id, c.display_name AS client_name, r.requested_at, r.reason, r.status, r.decided_at, u.display_name AS decided_by, r.decision_reason
                  FROM erasure_requests r JOIN clients c ON c.id = r.client_id LEFT JOIN users u ON u.id = r.decided_by`;

interface Row { id: string; client_id: string; client_name: string; requested_at: Date; reason: string | null; status: ErasureRequestDto['status']; decided_at: Date | null; decided_by: string | null; decision_reason: string | null }

function toDto(r: Row): ErasureRequestDto {
  return {
    id: r.id, clientId: r.client_id, clientName: r.client_name, requestedAt: r.requested_at.toISOString(), reason: r.reason, status: r.status,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null, decidedBy: r.decided_by, decisionReason: r.decision_reason,
  };
}

/**
 * A client's request to erase their data is recorded, never carried out by itself: an admin accepts
 * or declines it with a reason. Deciding deletes nothing (signed notes and the audit trail are kept
 * for the retention period; see ERASURE_RETENTION_RULE).
 */
@Injectable()
export class ErasureRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Records the request for each of the caller's client records; one already pending is answered
   * again, nothing new is made. A retry with the same Idempotency-Key replays the first answer.
   */
  async request(actor: Actor, input: ErasureRequestInput, idempotent?: IdempotentRequest): Promise<MyErasureRequestsDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const clientIds = await myClientIds(manager, actor);
      if (clientIds.length === 0) throw conflict('There is no client record linked to your account to erase.');
      for (const clientId of clientIds) {
        const inserted: Array<{ id: string }> = await manager.query(
          `INSERT INTO erasure_requests (practice_id, client_id, requested_by, reason) VALUES ($1, $2, $3, $4)
           ON CONFLICT (client_id) WHERE status = 'pending' DO NOTHING RETURNING id`,
          [actor.practiceId, clientId, actor.userId, input.reason ?? null],
        );
        if (inserted[0]) await this.audit.record(manager, { action: 'create', entity: 'erasure-requests', entityId: inserted[0].id });
      }
      return { retentionRule: ERASURE_RETENTION_RULE, requests: await this.mine(manager, clientIds, actor.practiceId) };
    }));
  }

  /** The caller's own requests, newest first, with the retention rule. */
  async listMine(actor: Actor): Promise<MyErasureRequestsDto> {
    return this.dataSource.transaction(async (manager) => ({
      retentionRule: ERASURE_RETENTION_RULE,
      requests: await this.mine(manager, await myClientIds(manager, actor), actor.practiceId),
    }));
  }

  private async mine(manager: EntityManager, clientIds: string[], practiceId: string): Promise<ErasureRequestDto[]> {
    const rows: Row[] = await manager.query(`${SELECT} WHERE r.client_id = ANY($1) AND r.practice_id = $2 ORDER BY r.requested_at DESC`, [clientIds, practiceId]);
    return rows.map(toDto);
  }

  /** Admins: the practice's requests, pending first, newest first. */
  async list(actor: Actor): Promise<ErasureRequestDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Row[] = await manager.query(
        `${SELECT} WHERE r.practice_id = $1 ORDER BY (r.status = 'pending') DESC, r.requested_at DESC LIMIT 500`, [actor.practiceId]);
      await this.audit.record(manager, { action: 'list', entity: 'erasure-requests' });
      return rows.map(toDto);
    });
  }

  /** Admins: accepts or declines a pending request with a reason; a decided one is a 409. */
  async decide(actor: Actor, id: string, input: ErasureDecisionInput): Promise<ErasureRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      const [found]: Array<{ status: string }> = await manager.query(
        `SELECT status FROM erasure_requests WHERE id = $1 AND practice_id = $2 FOR UPDATE`, [id, actor.practiceId]);
      if (!found) throw notFound('Erasure request');
      if (found.status !== 'pending') throw conflict('This request has already been decided.');
      await manager.query(
        `UPDATE erasure_requests SET status = $3, decided_by = $4, decided_at = now(), decision_reason = $5, version = version + 1
          WHERE id = $1 AND practice_id = $2`,
        [id, actor.practiceId, input.decision, actor.userId, input.reason],
      );
      await this.audit.record(manager, { action: input.decision === 'accepted' ? 'accept' : 'decline', entity: 'erasure-requests', entityId: id });
      const [row]: Row[] = await manager.query(`${SELECT} WHERE r.id = $1`, [id]);
      return toDto(row!);
    });
  }
}
