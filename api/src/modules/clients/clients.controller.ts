import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClientDto } from '@attune/domain';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { CLIENT_LIST, clientUpdateSchema, clientWriteSchema, type ClientUpdate, type ClientWrite } from './clients.dto.js';
import { ClientsService } from './clients.service.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { clientDtoSchema } from '@attune/domain';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @ApiAnswer(clientDtoSchema, { list: true })
  @Get()
  @Permission('clients', 'list')
  @ApiOperation({ summary: 'Clients of the caller\'s caseload (admins: the practice)' })
  @ApiListQuery(CLIENT_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<ClientDto>> {
    return this.clients.list(actor, parseListQuery(CLIENT_LIST, query));
  }

  @ApiAnswer(clientDtoSchema)
  @Get(':id')
  @ApiOperation({ summary: 'One client record' })
  @Permission('clients', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ClientDto> {
    return this.clients.get(actor, id);
  }

  @ApiAnswer(clientDtoSchema)
  @Post()
  @ApiOperation({ summary: 'Add a client to the caller\'s caseload (admins name the practitioner)' })
  @Permission('clients', 'create')
  @ApiIdempotencyKey()
  create(@CurrentActor() actor: Actor, @Body({ schema: clientWriteSchema }) body: ClientWrite, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<ClientDto> {
    return this.clients.create(actor, body, idempotent);
  }

  @ApiAnswer(clientDtoSchema)
  @Put(':id')
  @Permission('clients', 'update')
  @ApiOperation({ summary: 'Changes a client record', description: 'Send `version` as GET returned it: if the record changed since, 409 VERSION_CONFLICT and nothing is written.' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: clientUpdateSchema }) body: ClientUpdate): Promise<ClientDto> {
    return this.clients.update(actor, id, body);
  }
}
