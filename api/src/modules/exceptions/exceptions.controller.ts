import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { caseExceptionWriteSchema, EXCEPTION_LIST, type CaseExceptionWrite, type CaseExceptionResponseDto } from './exceptions.dto.js';
import { ExceptionsService } from './exceptions.service.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';


@ApiTags('exceptions')
@Controller('exceptions')
export class ExceptionsController {
  constructor(private readonly exceptions: ExceptionsService) {}

  @Get()
  @Permission('exceptions', 'list')
  @ApiOperation({ summary: 'Exception-log entries in the caller\'s cases (admins: the practice); tags filter: entries carrying any of the tags' })
  @ApiListQuery(EXCEPTION_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<CaseExceptionResponseDto>> {
    return this.exceptions.list(actor, parseListQuery(EXCEPTION_LIST, query));
  }

  @Get(':id')
  @Permission('exceptions', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CaseExceptionResponseDto> {
    return this.exceptions.get(actor, id);
  }

  @Post()
  @Permission('exceptions', 'create')
  @ApiIdempotencyKey()
  create(@CurrentActor() actor: Actor, @Body({ schema: caseExceptionWriteSchema }) body: CaseExceptionWrite, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<CaseExceptionResponseDto> {
    return this.exceptions.create(actor, body, idempotent);
  }

  @Put(':id')
  @Permission('exceptions', 'update')
  @ApiOperation({ summary: 'Edits an entry; the case cannot change, the client may change to the other partner of the case' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: caseExceptionWriteSchema }) body: CaseExceptionWrite): Promise<CaseExceptionResponseDto> {
    return this.exceptions.update(actor, id, body);
  }

  @Delete(':id')
  @Permission('exceptions', 'delete')
  @ApiOperation({ summary: 'Removes an entry (admins, per libs\' permissions); answers the removed record' })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CaseExceptionResponseDto> {
    return this.exceptions.remove(actor, id);
  }
}
