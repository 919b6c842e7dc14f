import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCsvExport } from '../exports/api-csv-export.decorator.js';
import { CsvExportService } from '../exports/csv-export.service.js';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { badRequest } from '../../common/api-errors.js';
import type { ListPage } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AUDIT_EVENT_LIST, isAuditEventId, parseAuditEventListQuery } from './audit-events.dto.js';
import { AuditEventsService } from './audit-events.service.js';
import type { AuditEventDto } from '@attune/domain';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { auditEventDtoSchema } from '@attune/domain';

/** An audit event's id in a list's `filter`: its number. */
const AUDIT_EVENT_ID = { type: ['string', 'integer'], pattern: '^[0-9]+$', description: 'An event number' };

@ApiTags('audit-events')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly events: AuditEventsService, private readonly csv: CsvExportService) {}

  @ApiAnswer(auditEventDtoSchema, { list: true })
  @Get()
  @Permission('audit-events', 'list')
  @ApiOperation({ summary: 'The practice\'s audit trail, newest first (admins only, read-only). Time range: at_gte / at_lte' })
  @ApiListQuery(AUDIT_EVENT_LIST, { id: AUDIT_EVENT_ID })
  list(@CurrentActor() actor: Actor, @Query() raw: Record<string, unknown>): Promise<ListPage<AuditEventDto>> {
    const { query, ids } = parseAuditEventListQuery(raw);
    return this.events.list(actor, query, ids);
  }

  @Get('export.csv')
  @Permission('audit-events', 'list')
  @ApiCsvExport('The audit trail of the list (its filter and sort) as CSV', AUDIT_EVENT_LIST, { id: AUDIT_EVENT_ID })
  exportCsv(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { query: parsed, ids } = parseAuditEventListQuery(query);
    return this.csv.send(res, actor, this.events.exportSource(actor, ids), parsed);
  }

  @ApiAnswer(auditEventDtoSchema)
  @Get(':id')
  @ApiOperation({ summary: 'One event of the audit trail (admins only)' })
  @ApiParam({ name: 'id', description: 'The event number', schema: { type: 'string', pattern: '^[0-9]+$' } })
  @Permission('audit-events', 'read')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AuditEventDto> {
    if (!isAuditEventId(id)) throw badRequest({ id: 'must be an event number' });
    return this.events.get(actor, id);
  }
}
