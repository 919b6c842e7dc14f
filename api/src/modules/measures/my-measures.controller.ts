import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { myMeasureDraftSchema, myMeasureSubmitSchema, type MyMeasureDraft, type MyMeasureDto, type MyMeasureSubmit } from '@attune/domain';
import type { Response } from 'express';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { ApiIdempotencyKey } from '../idempotency/idempotency-key.decorator.js';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from '../idempotency/idempotency.service.js';
import { MyMeasuresService } from './my-measures.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { myMeasureDtoSchema } from '@attune/domain';
import { z } from 'zod';

@ApiTags('client portal')
@Controller('me/measures')
export class MyMeasuresController {
  constructor(private readonly measures: MyMeasuresService) {}

  @ApiAnswer(z.array(myMeasureDtoSchema), { description: 'The measures given to the caller' })
  @Get()
  @Permission('me', 'list')
  @ApiOperation({ summary: 'The caller\'s own questionnaires: open, expired and answered' })
  list(@CurrentActor() actor: Actor): Promise<MyMeasureDto[]> {
    return this.measures.list(actor);
  }

  @ApiAnswer(myMeasureDtoSchema)
  @Get(':id')
  @Permission('me', 'read')
  @ApiOperation({ summary: 'One measure given to the caller, with its draft or result' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<MyMeasureDto> {
    return this.measures.get(actor, id);
  }

  @ApiAnswer(myMeasureDtoSchema)
  @Put(':id/draft')
  @Permission('me', 'update')
  @ApiOperation({ summary: 'Saves the answers so far, to resume later' })
  saveDraft(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body({ schema: myMeasureDraftSchema }) body: MyMeasureDraft): Promise<MyMeasureDto> {
    return this.measures.saveDraft(actor, id, body);
  }

  @ApiAnswer(myMeasureDtoSchema)
  @Post(':id/submit')
  @Permission('me', 'update')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Sends the answers {answers, safety?, sharedWithPartner?}; the server scores them' })
  async submit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body({ schema: myMeasureSubmitSchema }) body: MyMeasureSubmit,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const answer = await this.measures.submit(actor, id, body, parseIdempotencyKey(idempotencyKey));
    res.status(answer.statusCode);
    return answer.body;
  }
}
