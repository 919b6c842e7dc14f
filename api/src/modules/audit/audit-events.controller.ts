import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { badRequest } from '../../common/api-errors.js';
import type { ListPage } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AUDIT_EVENT_LIST, isAuditEventId, parseAuditEventListQuery } from './audit-events.dto.js';
import { AuditEventsService } from './audit-events.service.js';
import type { AuditEventDto } from '@attune/domain';


@ApiTags('audit-events')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly events: AuditEventsService) {}

  @Get()
  @Permission('audit-events', 'list')
  @ApiOperation({ summary: 'The practice\'s audit trail, newest first (admins only, read-only). Time range: at_gte / at_lte' })
  @ApiListQuery(AUDIT_EVENT_LIST, { idNote: 'an event number or a list of them' })
  list(@CurrentActor() actor: Actor, @Query() raw: Record<string, unknown>): Promise<ListPage<AuditEventDto>> {
    const { query, ids } = parseAuditEventListQuery(raw);
    return this.events.list(actor, query, ids);
  }

  @Get(':id')
  @Permission('audit-events', 'read')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AuditEventDto> {
    if (!isAuditEventId(id)) throw badRequest({ id: 'must be an event number' });
    return this.events.get(actor, id);
  }
}
