import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiCsvExport } from '../exports/api-csv-export.decorator.js';
import { CsvExportService } from '../exports/csv-export.service.js';
import type { ClientDto, PortalAccountDto, PortalInvitationDto } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { CLIENT_LIST, clientUpdateSchema, clientWriteSchema, portalInvitationSchema, type ClientUpdate, type ClientWrite, type PortalInvitation } from './clients.dto.js';
import { ClientsService } from './clients.service.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { clientDtoSchema } from '@attune/domain';
import { portalAccountDtoSchema, portalInvitationDtoSchema } from '@attune/domain';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService, private readonly csv: CsvExportService) {}

  @ApiAnswer(clientDtoSchema, { list: true })
  @Get()
  @Permission('clients', 'list')
  @ApiOperation({ summary: 'Clients of the caller\'s caseload (admins: the practice)' })
  @ApiListQuery(CLIENT_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<ClientDto>> {
    return this.clients.list(actor, parseListQuery(CLIENT_LIST, query));
  }

  @Get('export.csv')
  @Permission('clients', 'list')
  @ApiCsvExport('Every client of the list (its filter and sort) as CSV', CLIENT_LIST)
  exportCsv(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.csv.send(res, actor, this.clients.exportSource(actor), parseListQuery(CLIENT_LIST, query));
  }

  @ApiAnswer(clientDtoSchema)
  @Get(':id')
  @ApiOperation({ summary: 'One client record' })
  @Permission('clients', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ClientDto> {
    return this.clients.get(actor, id);
  }

  @ApiAnswer(portalAccountDtoSchema)
  @Get(':id/portal-account')
  @Permission('clients', 'read')
  @ApiOperation({ summary: 'The client\'s portal account: none, deactivated, never signed in, or active with the last sign-in' })
  portalAccount(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<PortalAccountDto> {
    return this.clients.portalAccount(actor, id);
  }

  @ApiAnswer(clientDtoSchema)
  @Post()
  @ApiOperation({ summary: 'Add a client to the caller\'s caseload (admins name the practitioner)' })
  @Permission('clients', 'create')
  @ApiIdempotencyKey()
  create(@CurrentActor() actor: Actor, @Body({ schema: clientWriteSchema }) body: ClientWrite, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<ClientDto> {
    return this.clients.create(actor, body, idempotent);
  }

  @ApiAnswer(portalInvitationDtoSchema)
  @Post(':id/portal-invitation')
  @Permission('clients', 'update')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Gives the client a portal account: an invitation e-mail with a one-time link (72 h) to choose a password; again before activation, a new link' })
  invitePortal(
    @CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string,
    @Body({ schema: portalInvitationSchema }) body: PortalInvitation, @Idempotent() idempotent: IdempotentRequest | undefined,
  ): Promise<PortalInvitationDto> {
    return this.clients.invitePortal(actor, id, body, idempotent);
  }

  @ApiAnswer(clientDtoSchema)
  @Put(':id')
  @Permission('clients', 'update')
  @ApiOperation({ summary: 'Changes a client record', description: 'Send `version` as GET returned it: if the record changed since, 409 VERSION_CONFLICT and nothing is written.' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: clientUpdateSchema }) body: ClientUpdate): Promise<ClientDto> {
    return this.clients.update(actor, id, body);
  }
}
