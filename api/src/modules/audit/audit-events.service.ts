import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/api-errors.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import type { ListExport } from '../exports/list-export.js';
import { AuditEvent } from './audit-event.entity.js';
import { AUDIT_EVENT_LIST, toAuditEventDto } from './audit-events.dto.js';
import type { AuditEventDto } from '@attune/domain';

/**
 * The admin's read-only view of the practice's audit trail. Reading the trail shows ids and actions,
 * no clinical content, so these reads are not themselves audited.
 */
@Injectable()
export class AuditEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ParsedListQuery, ids: string[] | null): Promise<ListPage<AuditEventDto>> {
    const qb = this.practiceEvents(actor);
    if (ids) qb.andWhere('ae.id IN (:...eventIds)', { eventIds: ids });
    const [rows, total] = await applyListQuery(qb, AUDIT_EVENT_LIST, query).getManyAndCount();
    return new ListPage('audit-events', rows.map(toAuditEventDto), total, query.range);
  }

  async get(actor: Actor, id: string): Promise<AuditEventDto> {
    const event = await this.practiceEvents(actor).andWhere('ae.id = :id', { id }).getOne();
    if (!event) throw notFound('Audit event');
    return toAuditEventDto(event);
  }

  /** The trail as CSV rows (ids and codes only, as the trail itself holds). */
  exportSource(actor: Actor, ids: string[] | null): ListExport<AuditEventDto> {
    return {
      resource: 'audit-events',
      spec: AUDIT_EVENT_LIST,
      scoped: async (manager, query) => {
        const qb = manager.getRepository(AuditEvent).createQueryBuilder('ae').where('ae.practice_id = :practiceId', { practiceId: actor.practiceId });
        if (ids) qb.andWhere('ae.id IN (:...eventIds)', { eventIds: ids });
        return { qb, query };
      },
      load: async (manager, batch) => (await manager.getRepository(AuditEvent).createQueryBuilder('ae')
        .where('ae.id IN (:...batch)', { batch }).getMany()).map(toAuditEventDto),
      id: (e) => e.id,
      columns: [
        ['id', (e) => e.id], ['at', (e) => e.at], ['actorId', (e) => e.actorId], ['action', (e) => e.action], ['entity', (e) => e.entity],
        ['entityId', (e) => e.entityId], ['caseId', (e) => e.caseId], ['rowCount', (e) => e.rowCount], ['ip', (e) => e.ip], ['correlationId', (e) => e.correlationId],
      ],
    };
  }

  private practiceEvents(actor: Actor) {
    return this.dataSource.getRepository(AuditEvent).createQueryBuilder('ae')
      .where('ae.practice_id = :practiceId', { practiceId: actor.practiceId });
  }
}
