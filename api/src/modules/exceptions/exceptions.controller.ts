import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ApiListQuery } from '../../common/api-list-query.decorator.js';
import { ListPage, parseListQuery } from '../../common/list-query.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { correctionInputSchema, type CorrectionInput, type StaffAnnotationInput } from '@attune/domain';
import { caseExceptionAnnotationSchema, caseExceptionUpdateSchema, caseExceptionWriteSchema, EXCEPTION_LIST, type CaseExceptionUpdate, type CaseExceptionWrite } from './exceptions.dto.js';
import { ExceptionsService } from './exceptions.service.js';
import { ApiIdempotencyKey, Idempotent } from '../idempotency/idempotency-key.decorator.js';
import type { IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { CaseExceptionDto } from '@attune/domain';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { caseExceptionDtoSchema } from '@attune/domain';


@ApiTags('exceptions')
@Controller('exceptions')
export class ExceptionsController {
  constructor(private readonly exceptions: ExceptionsService) {}

  @ApiAnswer(caseExceptionDtoSchema, { list: true })
  @Get()
  @Permission('exceptions', 'list')
  @ApiOperation({ summary: 'Exception-log entries in the caller\'s cases (admins: the practice); tags filter: entries carrying any of the tags' })
  @ApiListQuery(EXCEPTION_LIST)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<ListPage<CaseExceptionDto>> {
    return this.exceptions.list(actor, parseListQuery(EXCEPTION_LIST, query));
  }

  @ApiAnswer(caseExceptionDtoSchema)
  @Get(':id')
  @ApiOperation({ summary: 'One exception-log entry' })
  @Permission('exceptions', 'read')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CaseExceptionDto> {
    return this.exceptions.get(actor, id);
  }

  @ApiAnswer(caseExceptionDtoSchema)
  @Post()
  @ApiOperation({ summary: 'Log an exception (a moment the problem was less severe or absent) in a case' })
  @Permission('exceptions', 'create')
  @ApiIdempotencyKey()
  create(@CurrentActor() actor: Actor, @Body({ schema: caseExceptionWriteSchema }) body: CaseExceptionWrite, @Idempotent() idempotent: IdempotentRequest | undefined): Promise<CaseExceptionDto> {
    return this.exceptions.create(actor, body, idempotent);
  }

  @ApiAnswer(caseExceptionDtoSchema)
  @Put(':id')
  @Permission('exceptions', 'update')
  @ApiOperation({
    summary: 'Edits an entry staff logged, with a reason; the case cannot change, the client may change to the other partner of the case',
    description: 'The `reason` (3-500 characters) is kept with the case (GET /api/cases/:id/corrections), never in the audit trail. Send `version` as GET returned it: if the entry changed since, 409 VERSION_CONFLICT. A client\'s own logged moment cannot be changed by staff: 409 CLIENT_AUTHORED (annotate or hide it instead).',
  })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: caseExceptionUpdateSchema }) body: CaseExceptionUpdate): Promise<CaseExceptionDto> {
    return this.exceptions.update(actor, id, body);
  }

  @ApiAnswer(caseExceptionDtoSchema)
  @Put(':id/annotation')
  @Permission('exceptions', 'update')
  @ApiOperation({
    summary: 'Sets the staff note beside an entry and whether it is hidden from the pattern view (hidden needs a reason)',
    description: 'The entry itself is untouched; works on a client\'s own logged moment too. Send `version` as GET returned it (409 VERSION_CONFLICT otherwise).',
  })
  annotate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: caseExceptionAnnotationSchema }) body: StaffAnnotationInput): Promise<CaseExceptionDto> {
    return this.exceptions.annotate(actor, id, body);
  }

  @ApiAnswer(caseExceptionDtoSchema)
  @Delete(':id')
  @Permission('exceptions', 'delete')
  @ApiOperation({
    summary: 'Removes an entry staff logged, with a reason; a client\'s own is 409 CLIENT_AUTHORED; answers the removed record',
    description: 'The JSON body holds the `reason` (3-500 characters), kept with the case (GET /api/cases/:id/corrections); never in the URL.',
  })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: correctionInputSchema }) body: CorrectionInput): Promise<CaseExceptionDto> {
    return this.exceptions.remove(actor, id, body);
  }
}
